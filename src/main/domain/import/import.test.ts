import fs from 'node:fs';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { deleteImport } from '../sales/imports';
import { databasePerTest, testJob as job } from '../../testing/database';
import { analyseFile } from './analyse';
import { automaticDecisions } from './decisions';
import { runImport } from './run';

const test = databasePerTest();

const header = ['Date', 'Bill No', 'Customer Code', 'Outlet', 'Item Code', 'Item', 'Department', 'Qty', 'Amount (Rs.)'];
/** A small export with the mess real ones have; `name` lets each encoding carry its own letters. */
function rows(name: string): string[][] {
  const r1 = ['13/04/2026 10:15', 'B1', 'C001', 'KANDY', 'P1', name, 'Dairy', '2', 'Rs. 1,250.00'];
  return [
    r1,
    ['14/04/2026', 'B2', '', 'Nuwara-Eliya', 'P2', 'Arrack "Old Reserve"', 'Liquor', '1', 'Two thousand five hundred rupees'],
    ['15/04/2026 09:00', 'B3', 'C002', 'Colmbo', 'P3', 'Rice, 5kg', 'Grocery', '-1', '(450.50)'],
    ['16/04/2026', 'B4', 'C001', 'Galle Fort', 'P4', 'Biscuits\nfamily pack', 'Dry goods', '3', '600'],
    ['31/02/2026', 'B5', 'C003', 'Kandy', 'P1', name, 'Dairy', '1', '625'],
    ['17/04/2026', 'B6', 'C003', 'Kandy', 'P1', name, 'Dairy', '1', 'lots'],
    r1,
  ];
}

function csv(table: string[][], d: string): string {
  const field = (v: string) => (v.includes(d) || v.includes('"') || v.includes('\n') || v.includes(',') ? `"${v.replaceAll('"', '""')}"` : v);
  return table.map((r) => r.map(field).join(d)).join('\r\n') + '\r\n';
}

async function importFile(file: string, options: Parameters<typeof automaticDecisions>[1] = {}) {
  const analysis = await analyseFile(test.conn.sqlite, { file }, job);
  const { decisions, notes } = automaticDecisions(analysis, options);
  const summary = await runImport(test.conn.sqlite, decisions, job);
  return { analysis, summary, notes };
}

function lines() {
  return test.conn.sqlite
    .prepare(
      `SELECT s.sold_at, s.basket, c.code AS customer, o.name AS outlet, p.name AS product, g.code AS category, s.quantity, s.amount_cents
       FROM sales_lines s JOIN outlets o ON o.id = s.outlet_id JOIN categories g ON g.id = s.category_id
       LEFT JOIN customers c ON c.id = s.customer_id LEFT JOIN products p ON p.id = s.product_id ORDER BY s.sold_at`,
    )
    .all();
}

function expectTheSmallExport(summary: Awaited<ReturnType<typeof importFile>>['summary'], name: string) {
  expect(summary).toMatchObject({
    rowsRead: 7,
    imported: 4,
    duplicatesInFile: 1,
    rejected: 2,
    returns: 1,
    anonymous: 1,
    customersNew: 2,
    firstSale: '2026-04-13 10:15:00',
    lastSale: '2026-04-16 00:00:00',
    outletsAdded: [],
  });
  expect(summary.rejectedByReason).toEqual(
    expect.arrayContaining([
      { reason: 'Date has no such day', rows: 1 },
      { reason: 'Amount (Rs.) is not a number', rows: 1 },
    ]),
  );
  expect(lines()).toEqual([
    { sold_at: '2026-04-13 10:15:00', basket: 'B1', customer: 'C001', outlet: 'Kandy', product: name, category: 'fresh', quantity: 2, amount_cents: 125000 },
    { sold_at: '2026-04-14 00:00:00', basket: 'B2', customer: null, outlet: 'Nuwara Eliya', product: 'Arrack "Old Reserve"', category: 'luxury', quantity: 1, amount_cents: 250000 },
    { sold_at: '2026-04-15 09:00:00', basket: 'B3', customer: 'C002', outlet: 'Colombo', product: 'Rice, 5kg', category: 'dry', quantity: -1, amount_cents: -45050 },
    { sold_at: '2026-04-16 00:00:00', basket: 'B4', customer: 'C001', outlet: 'Galle', product: 'Biscuits family pack', category: 'dry', quantity: 3, amount_cents: 60000 },
  ]);
  const daily = test.conn.sqlite.prepare('SELECT sum(lines) AS n, sum(amount_cents) AS cents FROM sales_daily').get();
  expect(daily).toEqual({ n: 4, cents: 125000 + 250000 - 45050 + 60000 });
}

const sinhala = 'කිරි පැකට්';
const latin = 'Crème brûlée';

describe('importing sales exports', () => {
  it.each([
    ['UTF-8', sinhala, (t: string) => Buffer.from(t, 'utf8')],
    ['UTF-8 with BOM', sinhala, (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])],
    ['UTF-16 LE with BOM (Excel "Unicode text")', sinhala, (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 BE with BOM', sinhala, (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
    ['Windows-1252', latin, (t: string) => Buffer.from(t, 'latin1')],
  ])('reads %s', async (label, name, encode) => {
    const d = label.startsWith('UTF-16') ? '\t' : ',';
    const file = test.tmp.file('export.csv');
    fs.writeFileSync(file, encode(csv([header, ...rows(name)], d)));
    const { summary, analysis } = await importFile(file);
    expect(analysis.delimiter).toBe(d);
    expectTheSmallExport(summary, name);
  });

  it.each([',', ';', '\t', '|'])('reads %j-separated files', async (d) => {
    const file = test.tmp.file('export.txt');
    fs.writeFileSync(file, csv([header, ...rows(sinhala)], d));
    const { summary, analysis } = await importFile(file);
    expect(analysis.delimiter).toBe(d);
    expectTheSmallExport(summary, sinhala);
  });

  it('reads a gzipped CSV', async () => {
    const file = test.tmp.file('export.csv.gz');
    fs.writeFileSync(file, zlib.gzipSync(csv([header, ...rows(sinhala)], ',')));
    const { summary, analysis } = await importFile(file);
    expect(analysis.compressed).toBe(true);
    expectTheSmallExport(summary, sinhala);
  });

  it('reads the chosen sheet of a workbook with two sheets, Excel dates included', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRows([['Exported from the POS'], ['Do not edit']]);
    const sheet = workbook.addWorksheet('Sales');
    sheet.addRow(header);
    for (const r of rows(sinhala)) {
      // Excel keeps numbers as numbers, and a real date as its serial number.
      const cells: Array<string | number> = [...r];
      if (r[0] === '16/04/2026') cells[0] = 46128; // 2026-04-16
      if (r[7] !== undefined && /^-?\d+$/.test(r[7])) cells[7] = Number(r[7]);
      sheet.addRow(cells);
    }
    const file = test.tmp.file('export.xlsx');
    await workbook.xlsx.writeFile(file);
    const analysis = await analyseFile(test.conn.sqlite, { file, sheet: 'Sales' }, job);
    expect(analysis).toMatchObject({ format: 'xlsx', sheet: 'Sales', sheets: ['Notes', 'Sales'], rows: 7 });
    const summary = await runImport(test.conn.sqlite, automaticDecisions(analysis).decisions, job);
    expectTheSmallExport(summary, sinhala);

    // Without a choice, the first sheet is read: it has no sales columns, and says so.
    const first = await analyseFile(test.conn.sqlite, { file }, job);
    expect(first.sheet).toBe('Notes');
    expect(first.missing.length).toBeGreaterThan(0);
  });

  it('reads a workbook whose sheets come before workbook.xml in the zip (which the streaming reader cannot)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRows([['Exported from the POS']]);
    const sheet = workbook.addWorksheet('Sales');
    sheet.addRow(header);
    for (const r of rows(sinhala)) sheet.addRow(r);
    // Shared strings and the workbook's relations first, then the sheets, workbook.xml last: exceljs/exceljs#962.
    const source = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
    const rank = (n: string) => (n === 'xl/workbook.xml' ? 3 : n.startsWith('xl/worksheets/') ? 2 : n.includes('sharedStrings') || n.endsWith('.rels') ? 1 : 0);
    const reordered = new JSZip();
    for (const n of names.sort((a, b) => rank(a) - rank(b))) reordered.file(n, await source.files[n]!.async('uint8array'));
    const file = test.tmp.file('reordered.xlsx');
    fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer' }));
    const analysis = await analyseFile(test.conn.sqlite, { file, sheet: 'Sales' }, job);
    expect(analysis).toMatchObject({ format: 'xlsx', sheet: 'Sales', sheets: ['Notes', 'Sales'], rows: 7 });
    expectTheSmallExport(await runImport(test.conn.sqlite, automaticDecisions(analysis).decisions, job), sinhala);
  });

  it('recognise a file imported before; skip it, or replace the earlier import', async () => {
    const file = test.tmp.file('export.csv');
    fs.writeFileSync(file, csv([header, ...rows(sinhala)], ','));
    const first = await importFile(file);
    const again = await importFile(file).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).kind).toBe('conflict');
    expect((again as AppError).message).toMatch(/already imported/);
    const skipped = await importFile(file, { ifImported: 'skip' });
    expect(skipped.summary).toMatchObject({ skipped: true, importId: first.summary.importId });
    const replaced = await importFile(file, { ifImported: 'replace' });
    expect(replaced.summary).toMatchObject({ replacedImportId: first.summary.importId, imported: 4, alreadyImported: 0 });
    expect(lines()).toHaveLength(4);
  });

  it('skip lines already present from an earlier, different file, and delete exactly one import', async () => {
    const a = test.tmp.file('april.csv');
    fs.writeFileSync(a, csv([header, ...rows(sinhala)], ','));
    const b = test.tmp.file('april-and-may.csv');
    const more = [
      ['02/05/2026', 'B9', 'C001', 'Kandy', 'P9', 'Mangoes', 'Fruit', '4', '1200'],
      ['03/05/2026', 'B10', 'C777', 'Jaffna', 'P2', 'Arrack "Old Reserve"', 'Liquor', '1', '2500'],
    ];
    fs.writeFileSync(b, csv([header, ...rows(sinhala).slice(0, 4), ...more], ','));
    const first = await importFile(a);
    const second = await importFile(b);
    expect(second.summary).toMatchObject({ rowsRead: 6, imported: 2, alreadyImported: 4, customersNew: 1, customersUpdated: 1 });
    expect(lines()).toHaveLength(6);

    const removed = deleteImport(test.conn.sqlite, second.summary.importId as number);
    expect(removed).toEqual({ removedSalesLines: 2, removedCustomers: 1 });
    expectTheSmallExport(first.summary, sinhala);
    expect(test.conn.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
    expect(test.conn.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('keep the rejected rows in the import report, with row, column, value and reason', async () => {
    const file = test.tmp.file('export.csv');
    fs.writeFileSync(file, csv([header, ...rows(sinhala)], ','));
    const { summary } = await importFile(file);
    const report = test.conn.sqlite.prepare('SELECT row_number, column_name, value, reason FROM import_errors WHERE import_id = ? ORDER BY row_number').all(summary.importId);
    // Row numbers as a spreadsheet shows them: the header is row 1; the quoted line break makes row 5 two lines long.
    expect(report).toEqual([
      { row_number: 6, column_name: 'Date', value: '31/02/2026', reason: 'Date has no such day' },
      { row_number: 7, column_name: 'Amount (Rs.)', value: 'lots', reason: 'Amount (Rs.) is not a number' },
    ]);
  });

  it('match outlet spellings, add unknown ones as new outlets or reject them, and remember', async () => {
    const file = test.tmp.file('export.csv');
    const table = [header, ['2026-04-13', 'B1', 'C1', 'Hambantota', 'P1', 'Milk', 'Dairy', '1', '100'], ['2026-04-13', 'B2', 'C1', 'KANDY', 'P1', 'Milk', 'Dairy', '1', '100']];
    fs.writeFileSync(file, csv(table, ','));
    const strict = await importFile(file, { strictOutlets: true });
    expect(strict.summary).toMatchObject({ imported: 1, rejected: 1, rejectedByReason: [{ reason: 'Outlet was rejected as an outlet', rows: 1 }] });
    expect(strict.notes.join('\n')).toMatch(/Hambantota.*rejected/);
    // The decision is remembered: the next file with that spelling is rejected without asking.
    const next = test.tmp.file('next.csv');
    fs.writeFileSync(next, csv([header, ['2026-04-14', 'B3', 'C1', 'hambantota', 'P1', 'Milk', 'Dairy', '1', '100']], ','));
    const analysis = await analyseFile(test.conn.sqlite, { file: next }, job);
    expect(analysis.outlets[0]?.remembered).toBe('rejected');

    // Added as new: kept when it has sales, not when all its rows were rejected.
    const mixed = test.tmp.file('mixed.csv');
    fs.writeFileSync(mixed, csv([header, ['2026-04-15', 'B4', 'C1', 'Matale', 'P1', 'Milk', 'Dairy', '1', '100'], ['2026-04-15', 'B5', 'C1', 'Ella', 'P1', 'Milk', 'Dairy', '1', 'lots']], ','));
    const added = await importFile(mixed);
    expect(added.summary.outletsAdded).toEqual(['Matale']);
    const names = test.conn.sqlite.prepare('SELECT name FROM outlets').pluck().all();
    expect(names).toContain('Matale');
    expect(names).not.toContain('Ella');
  });

  it('refuse a file without the columns it needs, saying which', async () => {
    const file = test.tmp.file('export.csv');
    fs.writeFileSync(file, 'Name,Phone\nNimal,0771234567\n');
    const analysis = await analyseFile(test.conn.sqlite, { file }, job);
    expect(analysis.missing.length).toBeGreaterThan(0);
    const error = await runImport(test.conn.sqlite, automaticDecisions(analysis).decisions, job).catch((e: unknown) => e);
    expect((error as AppError).kind).toBe('validation');
    expect((error as AppError).message).toMatch(/Choose the column/);
    expect(test.conn.sqlite.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });

  it('import a customer list: ages from birth dates, genders, home outlets', async () => {
    const file = test.tmp.file('customers.csv');
    fs.writeFileSync(file, 'Customer_ID,DOB,Sex,Home Store\nC1,1980-05-01,Female,Kandy\nC2,,M,COLOMBO\nC3,,robot,Galle\n');
    const { summary } = await importFile(file);
    expect(summary).toMatchObject({ shape: 'customers', rowsRead: 3, imported: 2, rejected: 1, customersNew: 2 });
    const rowsBack = test.conn.sqlite.prepare('SELECT c.code, c.gender, o.name AS outlet, c.age IS NOT NULL AS hasAge FROM customers c LEFT JOIN outlets o ON o.id = c.home_outlet_id ORDER BY c.code').all();
    expect(rowsBack).toEqual([
      { code: 'C1', gender: 'F', outlet: 'Kandy', hasAge: 1 },
      { code: 'C2', gender: 'M', outlet: 'Colombo', hasAge: 0 },
    ]);
  });
});
