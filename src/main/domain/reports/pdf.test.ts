import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDayTime } from '../../../shared/format';
import type { ReportCustomerRow } from '../../../shared/reports';
import { sampleReportDocument, sampleReportRows } from '../../testing/reportFixture';
import { tempDir } from '../../testing/temp';
import { renderPdf } from './pdf';

// The PDF is read back with poppler (pdftotext, pdffonts): what a reader's
// search and copy would find, not what jsPDF was asked to draw.
function poppler(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${tool} is needed for this test (apt-get install poppler-utils): ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** The text of each page as laid out (label beside value), whitespace collapsed so that wrapped lines read on. */
function pagesOf(file: string): string[] {
  return poppler('pdftotext', ['-layout', file, '-'])
    .split('\f')
    .filter((p) => p.trim() !== '')
    .map((p) => p.replace(/\s+/g, ' '));
}

/** A short failure message: the PDF's whole text would bury it. */
function expectIn(text: string, part: string): void {
  expect(text.includes(part), `"${part}" not found`).toBe(true);
}

describe('the segment report as PDF', () => {
  const tmp = tempDir('octave-report-pdf-');
  const doc = sampleReportDocument({ rowsLabel: 'All 1,200 customers' });
  const rows: ReportCustomerRow[] = [...sampleReportRows(1_200)];
  const file = tmp.file('report.pdf');
  let pages: string[];
  let text: string;

  beforeAll(() => {
    fs.writeFileSync(file, renderPdf(doc, rows));
    pages = pagesOf(file);
    text = pages.join(' ');
  });
  afterAll(() => tmp.remove());

  it('opens with the segment, when and by whom it was exported, the data window, the model and every filter', () => {
    const first = pages[0] as string;
    expectIn(first, doc.title);
    expectIn(first, `Segment ${doc.segmentName}`);
    expectIn(first, formatDayTime(doc.createdAt));
    expectIn(first, 'Nimali Perera');
    expectIn(first, '1 Nov 2025 – 31 Oct 2026');
    expectIn(first, 'Model version 4');
    // ≥ and – are where the built-in PDF fonts garble text.
    for (const filter of doc.filters) expectIn(first, filter);
  });

  it('shows the key figures, the traits and the recommended campaign', () => {
    expectIn(text, '1,834');
    expectIn(text, '12% of 14,905 matching');
    expectIn(text, 'LKR 86,451');
    expectIn(text, '3.4');
    expectIn(text, 'Puts 41% of spend on luxury (all customers: 12%)');
    for (const part of [doc.campaign.name, doc.campaign.channel, doc.campaign.timing, doc.campaign.kpi, doc.campaign.rationale]) expectIn(text, part);
  });

  it('titles its three charts', () => {
    expectIn(text, 'Category mix (share of spend)');
    expectIn(text, 'Spend in the data window, LKR (share of customers)');
    expectIn(text, 'Outlets they bought at (share of customers; top 10 of 14)');
  });

  it('lists every customer once, under the rows label, with the table header on every page it runs over', () => {
    expectIn(text, doc.rowsLabel);
    // Every code once, in order: none lost or repeated at a page break.
    expect(text.match(/CUST-\d{7}/g)).toEqual(rows.map((r) => r.code));
    expectIn(pages[pages.length - 1] as string, rows[rows.length - 1]!.code);
    const withRows = pages.filter((p) => /CUST-\d{7}/.test(p));
    expect(withRows.length).toBeGreaterThan(20);
    for (const p of withRows) expectIn(p, 'Customer code Home outlet Age Spend (LKR) Visits Last purchase RFM group');
    // A row reads across: code, outlet, age, spend, visits, date, group.
    const r = rows[0] as ReportCustomerRow;
    expectIn(text, `${r.code} ${r.homeOutlet} ${r.age} ${Math.round(r.spend).toLocaleString('en-LK')} ${r.visits}`);
  });

  it('numbers every page "Page X of Y" beside a footer with the app, the segment and the export date', () => {
    const total = pages.length;
    expect(total).toBeGreaterThan(20);
    pages.forEach((p, i) => {
      expectIn(p, `Page ${i + 1} of ${total}`);
      expectIn(p, `Octave Segments · ${doc.segmentName} · Exported ${formatDayTime(doc.createdAt)}`);
    });
  });

  it('embeds its font with a Unicode map, so it prints the same anywhere and its text can be searched and copied', () => {
    // jsPDF lists the 14 standard fonts in every PDF, unembedded; the text above is all in DejaVu Sans.
    const dejavu = poppler('pdffonts', [file])
      .split('\n')
      .filter((l) => l.startsWith('DejaVuSans'));
    expect(dejavu).toHaveLength(2); // regular and bold
    for (const line of dejavu) expect(line).toMatch(/Identity-H\s+yes\s+\w+\s+yes\b/);
  });

  it('says so when there are no filters and no outlets to chart', () => {
    const plain = sampleReportDocument({ filters: [], rowsLabel: 'Top 5 customers by spend' });
    plain.detail = { ...plain.detail, outlets: { top: [], used: 0 } };
    const small = tmp.file('plain.pdf');
    fs.writeFileSync(small, renderPdf(plain, [...sampleReportRows(5)]));
    const got = pagesOf(small).join(' ');
    expectIn(got, 'Filters All customers (no filters)');
    expectIn(got, 'No customer of this segment bought at a known outlet in the data window.');
    expectIn(got, 'Top 5 customers by spend');
  });
});
