import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { genderLabels } from '../../../shared/domain';
import type { ReportCustomerRow, ReportDocument } from '../../../shared/reports';
import type { Measure } from '../../../shared/measure';
import { throwIfCancelled } from '../../platform/jobs/types';
import { appName, campaignFacts, filterLines, headerFacts, keyFigures, segmentColour, traitLines, type Fact, type ValueKind } from './content';
// issue 15, names
import { neutraliseFormula } from '../../../shared/cells';
import { printable } from '../../../shared/text';
import { dayDate } from '../../../shared/days';

/**
 * The segment report as a workbook, written as it goes (exceljs's streaming
 * writer): a Summary sheet (the PDF's facts, figures, traits and campaign),
 * a Customers sheet with every row, typed (numbers, dates) with a frozen
 * header and a filter, and a Filters sheet. Memory stays flat however many
 * rows there are, provided the writer is made to wait for the disk (see
 * `backpressure`).
 */

export const sheetNames = { summary: 'Summary', customers: 'Customers', filters: 'Filters' } as const;
export const noFiltersRow = 'No filters: all customers';

const numFmt: Record<Exclude<ValueKind, 'text' | 'money'>, string> & { date: string } = {
  count: '#,##0',
  decimal: '0.0',
  share: '0.0%',
  date: 'd mmm yyyy',
  dateTime: 'd mmm yyyy hh:mm',
};

/**
 * Amounts stay numbers in the workbook, shown with the chain's currency code:
 * "USD 1,234.50". A literal prefix must be quoted in an Excel number format;
 * the code is three capital letters (the setting allows nothing else).
 */
export function moneyFormat(currency: string): string {
  return `"${currency} "#,##0.00`;
}

const numberFormat = (kind: Exclude<ValueKind, 'text'>, currency: string): string => (kind === 'money' ? moneyFormat(currency) : numFmt[kind]);

/** `money: true`: an amount column, formatted in the chain's currency. */
const customerColumns = [
  { header: 'Customer code', width: 16 },
  { header: 'Home outlet', width: 24 },
  { header: 'Age', width: 7, numFmt: numFmt.count },
  { header: 'Gender', width: 10 },
  { header: 'Fresh spend', width: 17, money: true },
  { header: 'Dry spend', width: 17, money: true },
  { header: 'Luxury spend', width: 17, money: true },
  { header: 'Total spend', width: 18, money: true },
  { header: 'Visits', width: 8, numFmt: numFmt.count },
  { header: 'Last purchase', width: 14, numFmt: numFmt.date },
  { header: 'Days since last purchase', width: 13, numFmt: numFmt.count },
  { header: 'Segment', width: 26 },
  { header: 'RFM group', width: 18 },
] as const;

/** Data without values (issue 14, money): the amount columns count items bought. */
const itemHeaders: Record<string, string> = { 'Fresh spend': 'Fresh items', 'Dry spend': 'Dry items', 'Luxury spend': 'Luxury items', 'Total spend': 'Items bought' };
function columnsFor(measure: Measure, currency: string): ReadonlyArray<{ header: string; width: number; numFmt?: string }> {
  return customerColumns.map((c) => {
    if (!('money' in c)) return c;
    return measure === 'money' ? { header: c.header, width: c.width, numFmt: moneyFormat(currency) } : { header: itemHeaders[c.header] as string, width: c.width, numFmt: '#,##0.##' };
  });
}

/**
 * Every text the workbook holds: a control character in a stored name (old
 * data, an outlet named in an imported file) would make XML that Excel
 * refuses to open, and text that looks like a formula must stay text.
 */
function sheetText<T>(value: T): T {
  return (typeof value === 'string' ? neutraliseFormula(printable(value)) : value) as T;
}

function customerCells(r: ReportCustomerRow): Array<string | number | Date | null> {
  return [
    sheetText(r.code),
    sheetText(r.homeOutlet),
    r.age,
    r.gender === null ? null : genderLabels[r.gender],
    r.fresh,
    r.dry,
    r.luxury,
    r.spend,
    r.visits,
    // exceljs writes a Date's UTC fields and Excel has no time zones: midnight UTC is the day itself, where a local midnight in Colombo (UTC+5:30) would land on the day before.
    r.lastPurchase === null ? null : dayDate(r.lastPurchase),
    r.daysSinceLastPurchase,
    sheetText(r.segment),
    sheetText(r.rfmSegment),
  ];
}

/** An instant as this computer's clock showed it, for Excel's time-zone-less cells. */
function wallClock(d: Date): Date {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
}

/** A column letter from its number (1 → A, 27 → AA). */
function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const bold = { bold: true } as const;
const wrapTop = { wrapText: true, vertical: 'top' } as const;

function writeSummary(wb: ExcelJS.Workbook, doc: ReportDocument): void {
  const ws = wb.addWorksheet(sheetNames.summary, { views: [{ showGridLines: false }] });
  ws.columns = [{ width: 30 }, { width: 80 }, { width: 42 }];
  const add = (label: string, value: Fact['value'] = null, kind: ValueKind = 'text', note?: string) => {
    const row = ws.addRow([sheetText(label), kind === 'dateTime' && value instanceof Date ? wallClock(value) : sheetText(value), sheetText(note ?? null)]);
    row.getCell(1).font = bold;
    row.getCell(1).alignment = wrapTop;
    row.getCell(2).alignment = { ...wrapTop, horizontal: 'left' };
    if (kind !== 'text') row.getCell(2).numFmt = numberFormat(kind, doc.currency);
    row.commit();
  };
  const fact = (f: Fact) => add(f.label, f.value, f.kind, f.note);
  const section = (title: string) => {
    ws.addRow([]).commit();
    const row = ws.addRow([title]);
    row.font = { bold: true, size: 12 };
    row.commit();
  };

  const title = ws.addRow([sheetText(doc.title)]);
  title.font = { bold: true, size: 15 };
  title.commit();
  ws.addRow([]).commit();
  headerFacts(doc).forEach(fact);
  filterLines(doc).forEach((line, i) => add(i === 0 ? 'Filters' : '', line));
  add('Customers listed', doc.rowsLabel);

  section('Key figures');
  keyFigures(doc.detail, doc.currency, doc.undated === true).forEach(fact);
  add('Share of matching customers', doc.detail.share, 'share');

  const traits = traitLines(doc.detail);
  if (traits.length > 0) {
    section('Key traits');
    traits.forEach((t) => add('', t));
  }

  section('Recommended campaign');
  add('Campaign', doc.campaign.name);
  campaignFacts(doc).forEach(fact);
  ws.commit();
}

function writeFilters(wb: ExcelJS.Workbook, doc: ReportDocument): void {
  const ws = wb.addWorksheet(sheetNames.filters);
  ws.columns = [{ header: 'Filter', width: 70 }];
  ws.getRow(1).font = bold;
  ws.getRow(1).commit();
  for (const f of doc.filters.length > 0 ? doc.filters : [noFiltersRow]) ws.addRow([sheetText(f)]).commit();
  ws.commit();
}

/**
 * exceljs's streaming writer ignores write()'s answer, and the zip reads each
 * sheet through a PassThrough: without waiting, the whole sheet's XML piles up
 * there and nothing reaches the disk until the end (RSS grows ~0.5 MB per
 * 1,000 rows). So when that buffer passes 1 MB, wait for it to drain. Reaches
 * into exceljs 4.4 / archiver 5 (exceljs is pinned by the lock file); without
 * those internals it only yields, and a timeout keeps it from ever hanging.
 */
async function backpressure(ws: ExcelJS.Worksheet, limitBytes = 1 << 20): Promise<void> {
  const pipe = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes?.[0];
  const buffered = (pipe as unknown as { _writableState?: { length: number } } | undefined)?._writableState?.length ?? 0;
  if (!pipe || buffered <= limitBytes) return new Promise((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pipe.off('drain', done);
      resolve();
    };
    const timer = setTimeout(done, 2_000);
    pipe.once('drain', done);
  });
}

const batch = 1_000;

async function writeCustomers(
  doc: ReportDocument,
  wb: ExcelJS.Workbook,
  rows: Iterable<ReportCustomerRow> | AsyncIterable<ReportCustomerRow>,
  onProgress?: (done: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  // The streaming writer writes the views when the sheet is made, and the column widths before the first row.
  const ws = wb.addWorksheet(sheetNames.customers, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const columns = columnsFor(doc.detail.measure, doc.currency);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${segmentColour.slice(1).toUpperCase()}` } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 30;
  header.commit();

  // One style object a column, shared by its cells: exceljs looks a cell's style up by object,
  // so a fresh copy per cell is serialised again each time (measured: twice as slow).
  const styles = columns.map((c): Partial<ExcelJS.Style> => (c.numFmt === undefined ? {} : { numFmt: c.numFmt }));
  let done = 0;
  for await (const r of rows) {
    const row = ws.addRow(customerCells(r));
    for (let c = 0; c < styles.length; c++) row.getCell(c + 1).style = styles[c] as Partial<ExcelJS.Style>;
    row.commit();
    if (++done % batch === 0) {
      if (signal) throwIfCancelled(signal);
      onProgress?.(done);
      await backpressure(ws);
    }
  }
  ws.autoFilter = `A1:${columnLetter(columns.length)}${done + 1}`;
  ws.commit();
  onProgress?.(done);
}

/**
 * Writes the workbook to `out` and resolves once `out` has finished (and,
 * for a file, closed); rejects if `out` fails or `signal` stops it. On
 * failure `out` is left unfinished: the caller discards it and its file.
 */
export async function writeXlsx(
  doc: ReportDocument,
  rows: Iterable<ReportCustomerRow> | AsyncIterable<ReportCustomerRow>,
  out: NodeJS.WritableStream,
  onProgress?: (done: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const output = out as Writable;
  // Listen at once: a file that cannot be opened says so before the first row is written.
  const failed = new Promise<never>((_, reject) => output.once('error', reject));
  failed.catch(() => undefined);
  if (signal) throwIfCancelled(signal);

  // Loaded on first use: the app starts without parsing exceljs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stream: excelStream } = require('exceljs') as typeof ExcelJS;
  // `stream`, not `filename`: with a filename exceljs opens the file itself, and when that fails
  // (a missing folder, the file open in Excel) commit() never settles.
  const wb = new excelStream.xlsx.WorkbookWriter({
    stream: output,
    // Without styles, number formats and bold are silently dropped.
    useStyles: true,
    // Strings inline: shared strings would keep every string in memory until the end.
    useSharedStrings: false,
    // Level 1: 2 MB larger at 100,000 rows than level 6, and 0.7 s faster.
    zip: { zlib: { level: 1 } },
  });
  wb.creator = appName;
  wb.created = new Date(doc.createdAt);

  const write = async () => {
    writeSummary(wb, doc);
    await writeCustomers(doc, wb, rows, onProgress, signal);
    writeFilters(wb, doc);
    await wb.commit();
  };
  await Promise.race([write(), failed]);
  // commit() resolves on 'finish'; a file is released on 'close' (Windows renames no file still open).
  await Promise.race([finished(output), failed]);
}
