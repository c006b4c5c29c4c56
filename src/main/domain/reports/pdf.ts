import type * as JsPdfModule from 'jspdf';
import type { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import { formatCount, formatDayTime } from '../../../shared/format';
import type { ReportCustomerRow, ReportDocument } from '../../../shared/reports';
// issue 15, names
import { printableDeep } from '../../../shared/text';
import { reportCharts, type ChartImage } from './charts';
import { appName, campaignFacts, countOrDash, dayOrDash, filterLines, headerFacts, keyFigures, segmentColour, traitLines, type Fact } from './content';
import { reportFonts } from './fonts';

/**
 * The segment report as an A4 PDF: the header facts and every filter, the
 * key figures, traits and recommended campaign, three charts, then the
 * customer table over as many pages as it needs, its header repeated on
 * each. Every page has a footer and "Page X of Y". DejaVu Sans is embedded
 * (≥, – and the like print as themselves, and the text can be searched and copied).
 */

const page = { width: 210, height: 297 };
const margin = { top: 18, right: 14, bottom: 18, left: 14 };
const contentWidth = page.width - margin.left - margin.right;
const bottom = page.height - margin.bottom;
const font = 'DejaVuSans';
const ptToMm = 25.4 / 72;
const ink = 20;
const muted = 100;

/** Line height in mm of text at `size` pt. */
const lineHeight = (size: number, factor = 1.3) => size * factor * ptToMm;

let fontBase64: { normal: string; bold: string } | undefined;

/** jsPDF reads no files: the TTFs go in as base64, encoded once per process. */
function embedFonts(doc: jsPDF): void {
  if (!fontBase64) {
    const fonts = reportFonts();
    fontBase64 = { normal: fonts.normal.toString('base64'), bold: fonts.bold.toString('base64') };
  }
  doc.addFileToVFS('DejaVuSans.ttf', fontBase64.normal);
  doc.addFont('DejaVuSans.ttf', font, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', fontBase64.bold);
  doc.addFont('DejaVuSans-Bold.ttf', font, 'bold');
  doc.setFont(font, 'normal');
}

function hexColour(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Where the next block goes; a block that does not fit starts a new page. */
class Flow {
  y = margin.top;
  constructor(readonly doc: jsPDF) {}

  need(height: number): void {
    if (this.y + height > bottom) {
      this.doc.addPage();
      this.y = margin.top;
    }
  }

  text(lines: string[], x: number, size: number, style: 'normal' | 'bold' = 'normal', colour = ink): void {
    this.doc.setFont(font, style).setFontSize(size).setTextColor(colour);
    const step = lineHeight(size);
    for (const line of lines) {
      this.need(step);
      this.doc.text(line, x, this.y + size * ptToMm * 0.8);
      this.y += step;
    }
  }

  wrap(text: string, width: number, size: number, style: 'normal' | 'bold' = 'normal'): string[] {
    this.doc.setFont(font, style).setFontSize(size);
    return this.doc.splitTextToSize(text, width) as string[];
  }

  /** The width of a column of bold labels at `size` pt, with room after. */
  labelWidth(labels: string[], size: number): number {
    this.doc.setFont(font, 'bold').setFontSize(size);
    return Math.max(...labels.map((l) => this.doc.getTextWidth(l))) + 4;
  }

  heading(title: string, keepWith = 20): void {
    this.need(lineHeight(11) + keepWith);
    this.text([title], margin.left, 11, 'bold');
    this.y += 1;
  }
}

/** Title, then each fact as "label  value", then each filter on its own line. */
function header(flow: Flow, doc: ReportDocument): void {
  flow.text(flow.wrap(doc.title, contentWidth, 17, 'bold'), margin.left, 17, 'bold');
  flow.y += 2;
  const facts = headerFacts(doc);
  const labelWidth = flow.labelWidth([...facts.map((f) => f.label), 'Filters'], 9);
  const row = (label: string, lines: string[]) => {
    const top = flow.y;
    flow.text([label], margin.left, 9, 'bold', muted);
    flow.y = top;
    flow.text(lines, margin.left + labelWidth, 9);
  };
  for (const fact of facts) row(fact.label, flow.wrap(fact.text, contentWidth - labelWidth, 9));
  row(
    'Filters',
    filterLines(doc).flatMap((f) => flow.wrap(f, contentWidth - labelWidth, 9)),
  );
  flow.y += 2;
  flow.doc.setDrawColor(200).setLineWidth(0.3).line(margin.left, flow.y, page.width - margin.right, flow.y);
  flow.y += 5;
}

/** One box a key figure: label, value, what it is of. */
function keyFigureBoxes(flow: Flow, figures: Fact[]): void {
  const gap = 4;
  const width = (contentWidth - gap * (figures.length - 1)) / figures.length;
  const height = 21;
  flow.need(height);
  const { doc } = flow;
  figures.forEach((f, i) => {
    const x = margin.left + i * (width + gap);
    doc.setFillColor(243, 246, 250).setDrawColor(210, 218, 230).setLineWidth(0.2).roundedRect(x, flow.y, width, height, 2, 2, 'FD');
    doc.setFont(font, 'normal').setFontSize(7).setTextColor(muted).text(f.label.toUpperCase(), x + 3, flow.y + 5);
    doc.setFont(font, 'bold').setFontSize(13).setTextColor(ink).text(f.text, x + 3, flow.y + 12);
    if (f.note) doc.setFont(font, 'normal').setFontSize(6.5).setTextColor(muted).text(doc.splitTextToSize(f.note, width - 6) as string[], x + 3, flow.y + 16.5);
  });
  flow.y += height + 7;
}

function traits(flow: Flow, lines: string[]): void {
  if (lines.length === 0) return;
  flow.heading('Key traits');
  for (const line of lines) {
    const wrapped = flow.wrap(line, contentWidth - 5, 9);
    flow.need(wrapped.length * lineHeight(9));
    flow.doc.setFont(font, 'normal').setFontSize(9).setTextColor(ink).text('•', margin.left + 1, flow.y + 9 * ptToMm * 0.8);
    flow.text(wrapped, margin.left + 5, 9);
    flow.y += 0.8;
  }
  flow.y += 5;
}

/** The campaign in a tinted box: its name, then channel, timing, KPI and why. */
function campaign(flow: Flow, doc: ReportDocument): void {
  const pad = 4;
  const facts = campaignFacts(doc);
  const labelWidth = flow.labelWidth(facts.map((f) => f.label), 9);
  const valueWidth = contentWidth - 2 * pad - labelWidth;
  const name = flow.wrap(doc.campaign.name, contentWidth - 2 * pad, 11, 'bold');
  const rows = facts.map((f) => ({ label: f.label, lines: flow.wrap(f.text, valueWidth, 9) }));
  const height = pad + lineHeight(9) + 1 + name.length * lineHeight(11) + 2 + rows.reduce((h, r) => h + r.lines.length * lineHeight(9) + 1.2, 0) + pad - 1.2;
  flow.need(height);
  const top = flow.y;
  flow.doc.setFillColor(238, 244, 252).setDrawColor(...hexColour(segmentColour)).setLineWidth(0.4).roundedRect(margin.left, top, contentWidth, height, 2, 2, 'FD');
  flow.y = top + pad;
  flow.text(['RECOMMENDED CAMPAIGN'], margin.left + pad, 8, 'bold', muted);
  flow.y += 1;
  flow.text(name, margin.left + pad, 11, 'bold', 20);
  flow.y += 2;
  for (const r of rows) {
    const rowTop = flow.y;
    flow.text([r.label], margin.left + pad, 9, 'bold', muted);
    flow.y = rowTop;
    flow.text(r.lines, margin.left + pad + labelWidth, 9);
    flow.y += 1.2;
  }
  flow.y = top + height + 7;
}

/** A chart under its title, `width` mm wide at (`x`, `y`); returns the height used. */
function chartAt(doc: jsPDF, image: ChartImage, title: string, x: number, y: number, width: number): number {
  doc.setFont(font, 'bold').setFontSize(9).setTextColor(ink).text(title, x, y + 9 * ptToMm * 0.8);
  const top = y + lineHeight(9) + 1;
  const height = (width * image.height) / image.width;
  // JPEG goes in as it is (DCTDecode), in about a millisecond.
  doc.addImage(image.data, 'JPEG', x, top, width, height);
  return top + height - y;
}

function charts(flow: Flow, doc: ReportDocument): void {
  const images = reportCharts(doc.detail);
  const { categoryMix, spend } = images;
  // Data without values (issue 14, money): the spend figures count items.
  const items = doc.detail.measure === 'items';
  // Undated data has no window: its figures cover all of the data.
  const inWindow = doc.undated ? 'the data' : 'the data window';
  // Side by side at one scale, so their text is the same size; the spend chart has more bands and is wider.
  const gap = 6;
  const scale = (contentWidth - gap) / (categoryMix.width + spend.width);
  flow.heading('How the segment buys', lineHeight(9) + 1 + Math.max(categoryMix.height, spend.height) * scale);
  const used = Math.max(
    chartAt(flow.doc, categoryMix, items ? 'Category mix (share of items)' : 'Category mix (share of spend)', margin.left, flow.y, categoryMix.width * scale),
    chartAt(
      flow.doc,
      spend,
      items ? `Items bought in ${inWindow} (share of customers)` : `Spend in ${inWindow}, ${doc.currency} (share of customers)`,
      margin.left + categoryMix.width * scale + gap,
      flow.y,
      spend.width * scale,
    ),
  );
  flow.y += used + 6;
  if (images.outlets) {
    const outlets = images.outlets;
    flow.need(lineHeight(9) + 1 + (contentWidth * outlets.height) / outlets.width);
    flow.y += chartAt(flow.doc, outlets, `Outlets they bought at (share of customers; top ${doc.detail.outlets.top.length} of ${doc.detail.outlets.used})`, margin.left, flow.y, contentWidth) + 6;
  } else {
    flow.text([`No customer of this segment bought at a known outlet in ${inWindow}.`], margin.left, 9, 'normal', muted);
    flow.y += 4;
  }
}

const tableColumns = [
  { header: 'Customer code', dataKey: 'code' },
  { header: 'Home outlet', dataKey: 'homeOutlet' },
  { header: 'Age', dataKey: 'age' },
  { header: 'Spend', dataKey: 'spend' },
  { header: 'Visits', dataKey: 'visits' },
  { header: 'Last purchase', dataKey: 'lastPurchase' },
  { header: 'RFM group', dataKey: 'rfmSegment' },
];
const numeric = new Set(['age', 'spend', 'visits']);

function customerTable(flow: Flow, doc: ReportDocument, rows: ReportCustomerRow[]): void {
  flow.heading('Customers', 30);
  flow.text([doc.rowsLabel], margin.left, 9, 'normal', muted);
  flow.y += 1;
  const body = rows.map((r) => ({
    code: r.code,
    homeOutlet: r.homeOutlet ?? '—',
    age: countOrDash(r.age),
    spend: formatCount(Math.round(r.spend)),
    visits: countOrDash(r.visits),
    lastPurchase: dayOrDash(r.lastPurchase),
    rfmSegment: r.rfmSegment ?? '—',
  }));
  autoTable(flow.doc, {
    columns: tableColumns.map((c) => (c.dataKey === 'spend' ? { ...c, header: doc.detail.measure === 'items' ? 'Items' : `Spend (${doc.currency})` } : c)),
    body,
    startY: flow.y,
    margin,
    theme: 'striped',
    showHead: 'everyPage',
    // A wrapped row is never split over two pages.
    rowPageBreak: 'avoid',
    tableWidth: 'auto',
    styles: { font, fontSize: 8, cellPadding: 1.3, overflow: 'linebreak', valign: 'middle', textColor: ink },
    headStyles: { font, fontStyle: 'bold', fillColor: hexColour(segmentColour), textColor: 255 },
    // Codes, numbers and dates keep to one line; outlet and group names take the rest and wrap.
    columnStyles: {
      code: { cellWidth: 'wrap' },
      age: { cellWidth: 'wrap', halign: 'right' },
      spend: { cellWidth: 'wrap', halign: 'right' },
      visits: { cellWidth: 'wrap', halign: 'right' },
      lastPurchase: { cellWidth: 'wrap' },
    },
    didParseCell(data) {
      if (data.section === 'head' && numeric.has(String(data.column.dataKey))) data.cell.styles.halign = 'right';
    },
  });
}

/** Footer and page numbers on every page, a running title after the first: drawn last, when the page count is known. */
function pageFurniture(pdf: jsPDF, doc: ReportDocument): void {
  const total = pdf.getNumberOfPages();
  const footer = `${appName} · ${doc.segmentName} · Exported ${formatDayTime(doc.createdAt)}`;
  for (let i = 1; i <= total; i++) {
    pdf.setPage(i);
    pdf.setFont(font, 'normal').setFontSize(7.5).setTextColor(120);
    pdf.setDrawColor(215).setLineWidth(0.2).line(margin.left, page.height - 12, page.width - margin.right, page.height - 12);
    const pageNumber = `Page ${i} of ${total}`;
    const room = contentWidth - pdf.getTextWidth(pageNumber) - 6;
    pdf.text(ellipsis(pdf, footer, room), margin.left, page.height - 8);
    pdf.text(pageNumber, page.width - margin.right, page.height - 8, { align: 'right' });
    if (i > 1) pdf.text(ellipsis(pdf, doc.title, contentWidth), margin.left, 11);
  }
}

/** `text` cut to `width` mm with "…" (a long segment name must not run into the page number). */
function ellipsis(pdf: jsPDF, text: string, width: number): string {
  if (pdf.getTextWidth(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && pdf.getTextWidth(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The report as PDF bytes. `rows` are the customers the table lists (doc.rowsLabel says which). */
export function renderPdf(stored: ReportDocument, storedRows: ReportCustomerRow[]): Uint8Array {
  // issue 15, names: a name stored with a control character (old data, an imported outlet) cut the text at a NUL or failed the export.
  const doc = printableDeep(stored);
  const rows = printableDeep(storedRows);
  // Loaded on first use, like exceljs: the app starts without parsing it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { jsPDF: JsPdf } = require('jspdf') as typeof JsPdfModule;
  const pdf = new JsPdf({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true });
  pdf.setProperties({ title: doc.title, subject: doc.segmentName, author: doc.createdBy, creator: appName });
  pdf.setCreationDate(new Date(doc.createdAt));
  embedFonts(pdf);

  const flow = new Flow(pdf);
  header(flow, doc);
  keyFigureBoxes(flow, keyFigures(doc.detail, doc.currency, doc.undated === true));
  traits(flow, traitLines(doc.detail));
  campaign(flow, doc);
  charts(flow, doc);
  customerTable(flow, doc, rows);
  pageFurniture(pdf, doc);
  return new Uint8Array(pdf.output('arraybuffer'));
}
