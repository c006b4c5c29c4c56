import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { rowNotes } from '../../../shared/rowNotes';
import { databasePerTest, testJob as job } from '../../testing/database';
import { builtCli } from '../../testing/temp';
import { analyseFile } from './analyse';
import { parseCsv } from './csv';
import { automaticDecisions } from './decisions';
import { chooseHeader } from './headerRow';
import { runImport } from './run';

// Exports with lines above their column names: a title, a date line, Excel's sep=, a workbook's title row.
const env = databasePerTest();

const spendHeader = 'Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend';
const spendRows = ['C1,Kandy,100,200,50', 'C2,Galle,10,20,5', 'C3,Matara,30,40,10'];

function write(name: string, lines: string[]): string {
  const file = env.tmp.file(name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function titledWorkbook(name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Spend');
  sheet.getCell('A1').value = 'Customer spend by category';
  // Row 2 left empty, as a report layout leaves it.
  sheet.getRow(3).values = spendHeader.split(',');
  sheet.getRow(4).values = ['C1', 'Kandy', 100, 200, 50];
  sheet.getRow(5).values = ['C2', 'Galle', 10, 20, 5];
  sheet.getRow(6).values = ['C3', 'Matara', 30, 40, 10];
  const file = env.tmp.file(name);
  await workbook.xlsx.writeFile(file);
  return file;
}

async function importFile(file: string) {
  const analysis = await analyseFile(env.conn.sqlite, { file }, job);
  // These files' amounts are small made-up figures; the scale check has tests of its own (guard.test.ts).
  const { decisions } = automaticDecisions(analysis, { acceptAmounts: true });
  const summary = await runImport(env.conn.sqlite, decisions, job);
  expect(summary.imported + summary.duplicatesInFile + summary.alreadyImported + summary.rejected).toBe(summary.rowsRead);
  return { analysis, summary };
}

const all = (sql: string) => env.conn.sqlite.prepare(sql).all();
const spendByCustomer = () =>
  all('SELECT c.code, o.name AS outlet, fresh_cents AS fresh, dry_cents AS dry, luxury_cents AS luxury FROM customer_spend s JOIN customers c ON c.id = s.customer_id JOIN outlets o ON o.id = s.outlet_id ORDER BY c.code');
const expectedSpend = [
  { code: 'C1', outlet: 'Kandy', fresh: 10000, dry: 20000, luxury: 5000 },
  { code: 'C2', outlet: 'Galle', fresh: 1000, dry: 2000, luxury: 500 },
  { code: 'C3', outlet: 'Matara', fresh: 3000, dry: 4000, luxury: 1000 },
];

describe('the real header row is found below the lines above it', () => {
  it('a report title and a printed date: skipped and listed, the columns are the header’s, rows keep the file’s numbers', async () => {
    const file = write('report.csv', ['Report: Customer spend by category', 'Printed 01/12/2026', '', spendHeader, spendRows[0] as string, 'C9,Kandy', spendRows[1] as string, spendRows[2] as string]);
    const { analysis, summary } = await importFile(file);
    expect(analysis).toMatchObject({ shape: 'customerSpend', headers: spendHeader.split(','), rows: 4, headerRow: 4, missing: [] });
    expect(analysis.skippedLines).toMatchObject({ preamble: { rows: 3, first: [1, 2, 3] }, blank: { rows: 0 } });
    expect(analysis.outlets.map((o) => o.spelling).sort()).toEqual(['Galle', 'Kandy', 'Matara']);
    expect(summary).toMatchObject({ rowsRead: 4, imported: 3, rejected: 1, customersNew: 3 });
    expect(summary.skippedLines.preamble).toEqual({ rows: 3, first: [1, 2, 3] });
    expect(spendByCustomer()).toEqual(expectedSpend);
    // The short row is line 6 of the file, as a person opening it would find it.
    expect(all('SELECT row_number AS row FROM import_errors')).toEqual([{ row: 6 }]);
    expect(rowNotes(summary)).toContain('3 lines above the column names skipped (rows 1, 2 and 3): a title or notes, not data.');
  });

  it('a title padded with empty fields, and a line of empty fields', async () => {
    const { analysis, summary } = await importFile(write('sales by customer.csv', ['Sales by customer,,,,', ',,,,', spendHeader, ...spendRows]));
    expect(analysis).toMatchObject({ shape: 'customerSpend', headers: spendHeader.split(','), rows: 3, headerRow: 3 });
    expect(summary).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0, skippedLines: { preamble: { rows: 2, first: [1, 2] } } });
    expect(spendByCustomer()).toEqual(expectedSpend);
  });

  it("Excel's sep=; line names the delimiter and is skipped", async () => {
    const file = env.tmp.file('excel.csv');
    fs.writeFileSync(file, ['sep=;', 'Date;Bill No;Customer Code;Outlet;Item;Qty;Amount', '13/04/2026;B1;C001;Kandy;Milk;2;640,00', '13/04/2026;B2;C002;Galle;Rice;1;2450,50', ''].join('\r\n'));
    const { analysis, summary } = await importFile(file);
    expect(analysis).toMatchObject({ shape: 'salesLines', delimiter: ';', headerRow: 2, rows: 2, skippedLines: { preamble: { rows: 1, first: [1] } } });
    expect(analysis.headers).toEqual(['Date', 'Bill No', 'Customer Code', 'Outlet', 'Item', 'Qty', 'Amount']);
    expect(summary).toMatchObject({ rowsRead: 2, imported: 2, rejected: 0 });
    expect(all('SELECT amount_cents AS cents, quantity FROM sales_lines ORDER BY id')).toEqual([
      { cents: 64000, quantity: 2 },
      { cents: 245050, quantity: 1 },
    ]);
  });

  it('a workbook with a title row and an empty row above the header', async () => {
    const { analysis, summary } = await importFile(await titledWorkbook('spend.xlsx'));
    expect(analysis).toMatchObject({ format: 'xlsx', shape: 'customerSpend', headers: spendHeader.split(','), rows: 3, headerRow: 3 });
    expect(summary).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0, skippedLines: { preamble: { rows: 2, first: [1, 2] } } });
    expect(spendByCustomer()).toEqual(expectedSpend);
  });

  it('a file with lines above its header is "already imported" the second time, also saved again with Windows line ends', async () => {
    const lines = ['Report: Customer spend by category', spendHeader, ...spendRows];
    const first = await importFile(write('report.csv', lines));
    expect(first.summary.imported).toBe(3);
    const copy = env.tmp.file('report again.csv');
    fs.writeFileSync(copy, `${lines.join('\r\n')}\r\n`);
    const analysis = await analyseFile(env.conn.sqlite, { file: copy }, job);
    expect(analysis.previousImport).toMatchObject({ importId: first.summary.importId });
    const error = await runImport(env.conn.sqlite, automaticDecisions(analysis, { acceptAmounts: true }).decisions, job).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/already imported/);
  });

  it('a file whose header is on line 1 reads as before: nothing skipped above it, nothing said', async () => {
    const { analysis, summary } = await importFile(write('plain.csv', [spendHeader, ...spendRows]));
    expect(analysis).toMatchObject({ headers: spendHeader.split(','), rows: 3, headerRow: 1, skippedLines: { preamble: { rows: 0, first: [] } } });
    expect(summary).toMatchObject({ rowsRead: 3, imported: 3, skippedLines: { preamble: { rows: 0, first: [] } } });
    expect(rowNotes(summary)).toEqual([]);
    expect(spendByCustomer()).toEqual(expectedSpend);
  });
});

describe('which row is the header', () => {
  const rows = (...lines: string[]) => parseCsv(lines.join('\n'), ',');
  const data = ['13/04/2026,B1,C001,Kandy,Milk,Dairy,2,640.00', '13/04/2026,B2,C002,Galle,Rice,Grocery,1,2450.50', '14/04/2026,B3,C001,Kandy,Arrack,Liquor,1,4800.00'];
  const header = 'Date,Bill No,Customer Code,Outlet,Item,Department,Qty,Amount';
  it.each([
    ['a title as wide as the data, told apart by the column names below it', ['Octave Supermarkets,Sales,Printed,01/12/2026,Page 1,of 1,Kandy,All', header, ...data], 1],
    ['a date line of two values above eight columns', ['Printed:,01/12/2026', header, ...data], 1],
    ['a title and a report name, each alone on its line', ['Octave Supermarkets', 'Daily sales', header, ...data], 2],
    ['a header of names no field goes by, on line 1', ['A,B,C,D,E,F,G,H', ...data], 0],
    ['a header on line 1 with rows carrying a trailing delimiter', [header, ...data.map((d) => `${d},`)], 0],
    ['a header on line 1 with some columns unnamed', ['Date,,,,,,,Amount', ...data], 0],
    ['a one-column file', ['Customer ID', 'C1', 'C2'], 0],
  ])('%s', (_, lines, expected) => {
    expect(chooseHeader(rows(...lines))).toBe(expected);
  });
});

describe('the command line', () => {
  it('imports each of the four with the right columns and counts, and lists the lines above the header', async () => {
    const files = {
      report: write('report.csv', ['Report: Customer spend by category', spendHeader, ...spendRows]),
      padded: write('padded.csv', ['Sales by customer,,,,', spendHeader, ...spendRows]),
      sep: write('sep.csv', ['sep=;', ...[spendHeader, ...spendRows].map((l) => l.replaceAll(',', ';'))]),
      workbook: await titledWorkbook('spend.xlsx'),
    };
    const preamble = { report: [1], padded: [1], sep: [1], workbook: [1, 2] };
    for (const [name, file] of Object.entries(files)) {
      const db = env.tmp.file(`${name}.sqlite`);
      const r = spawnSync(process.execPath, [builtCli, 'import', file, '--db', db, '--json', '--accept-amounts'], { encoding: 'utf8' });
      expect(r.status, `${name}: ${r.stdout}`).toBe(0);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      const first = preamble[name as keyof typeof preamble];
      expect(out, name).toMatchObject({
        ok: true,
        shape: 'customerSpend',
        rowsRead: 3,
        imported: 3,
        rejected: 0,
        skippedLines: { preamble: { rows: first.length, first } },
        read: { headerRow: first.length + 1, columns: { customer: 'Customer ID', outlet: 'Outlet', fresh: 'Fresh Spend', dry: 'Dry Spend', luxury: 'Luxury Spend' } },
      });
      expect(out.rowNotes, name).toContain(
        first.length === 1
          ? '1 line above the column names skipped (row 1): a title or notes, not data.'
          : '2 lines above the column names skipped (rows 1 and 2): a title or notes, not data.',
      );
      const conn = new Sqlite(db, { readonly: true });
      try {
        expect(conn.prepare('SELECT code FROM customers ORDER BY code').pluck().all(), name).toEqual(['C1', 'C2', 'C3']);
      } finally {
        conn.close();
      }
    }
  });
});
