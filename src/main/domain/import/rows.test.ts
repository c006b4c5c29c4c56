import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { rowNotes } from '../../../shared/rowNotes';
import { databasePerTest, testJob as job } from '../../testing/database';
import { builtCli } from '../../testing/temp';
import { analyseFile } from './analyse';
import { automaticDecisions, type ImportDecisions } from './decisions';
import { runImport, type ImportSummary } from './run';

// Rows that are not data, files cut short, every cell accounted for, and the same file giving the same answer.
const env = databasePerTest();

function write(name: string, content: string | Buffer): string {
  const file = env.tmp.file(name);
  fs.writeFileSync(file, content);
  return file;
}

async function importFile(file: string, edit?: (d: ImportDecisions) => void) {
  const analysis = await analyseFile(env.conn.sqlite, { file }, job);
  // These files' amounts are small made-up figures; the scale check has tests of its own (guard.test.ts).
  const { decisions } = automaticDecisions(analysis, { acceptAmounts: true });
  edit?.(decisions);
  const summary = await runImport(env.conn.sqlite, decisions, job);
  expect(summary.imported + summary.duplicatesInFile + summary.alreadyImported + summary.rejected).toBe(summary.rowsRead);
  return { analysis, summary };
}

const all = (sql: string, ...params: unknown[]) => env.conn.sqlite.prepare(sql).all(...params);
const pluck = (sql: string) => env.conn.sqlite.prepare(sql).pluck().all();
const reasons = (s: ImportSummary) => Object.fromEntries(s.rejectedByReason.map((r) => [r.reason, r.rows]));

/** What a refused import must leave exactly as it was. */
function database() {
  const n = (t: string) => env.conn.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
  return {
    imports: n('imports'),
    customers: n('customers'),
    outlets: pluck('SELECT name FROM outlets ORDER BY name'),
    lines: n('sales_lines'),
    spend: n('customer_spend'),
    errors: n('import_errors'),
  };
}

async function refused(file: string): Promise<AppError> {
  const analysis = await analyseFile(env.conn.sqlite, { file }, job);
  const { decisions } = automaticDecisions(analysis);
  const before = database();
  const error = await runImport(env.conn.sqlite, decisions, job).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(database()).toEqual(before);
  return error as AppError;
}

const spendHeader = 'Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend,Other Spend';
const salesHeader = 'Date,Bill No,Customer Code,Outlet,Item,Department,Qty,Amount';
const sales = [
  '13/04/2026,B1,C001,Kandy,Milk,Dairy,2,640.00',
  '13/04/2026,B2,C002,Galle,Rice,Grocery,1,"2,450.50"',
  '14/04/2026,B3,C001,Kandy,Arrack,Liquor,1,4800.00',
];

describe('totals rows', () => {
  it('are rejected when labelled in any column, and never make a customer or an outlet', async () => {
    const file = write(
      'warehouse.csv',
      [
        spendHeader,
        'C1,Kandy,"12,500.00",8400,1200.50,300',
        'C2,Galle,1000,2000,3000,400',
        'Total,All outlets,"13,500.00",10400,4200.50,700',
        'C3,Kandy,10,20,30,0',
        'C4,Galle,5,5,5,0',
        'SUB  TOTAL:,Kandy,1,1,1,1',
        ' grand total ,,999,999,999,999',
        '',
      ].join('\n'),
    );
    const { analysis, summary } = await importFile(file);
    // Caught in the check pass, before the outlet decisions.
    expect(analysis.outlets.map((o) => o.spelling)).toEqual(['Kandy', 'Galle']);
    expect(analysis.skippedLines.totals).toEqual({ rows: 3, first: [4, 7, 8] });
    expect(summary).toMatchObject({ rowsRead: 7, imported: 4, rejected: 3, customersNew: 4, totalsRows: { rows: 3, first: [4, 7, 8] } });
    expect(reasons(summary)).toEqual({ 'a totals row, not a customer': 3 });
    expect(pluck('SELECT code FROM customers ORDER BY code')).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(pluck("SELECT count(*) FROM outlets WHERE name LIKE 'All%'")).toEqual([0]);
    expect(summary.outletsAdded).toEqual([]);
  });

  it('are rejected when their amounts are the sums of the rows above, since the start or the last totals row', async () => {
    const file = write(
      'pivot.csv',
      [
        spendHeader,
        'C1,Kandy,100.10,200,300,0',
        'C2,Kandy,50,25.50,0,10',
        // Unlabelled: the sums of C1 and C2 to the cent, in every amount column.
        'ALL,Head Office,150.10,225.50,300,10',
        'C3,Kandy,70,30,0,0',
        'C4,Kandy,30,70,0,0',
        // Sums since the previous totals row.
        'ZZ,Head Office,100,100,0,0',
        // Equal to the sum of the rows above in one column only: a customer.
        'C5,Kandy,100,1,1,1',
      ].join('\n'),
    );
    const { analysis, summary } = await importFile(file);
    expect(analysis.outlets.map((o) => o.spelling)).toEqual(['Kandy']);
    expect(summary.totalsRows).toEqual({ rows: 2, first: [4, 7] });
    expect(reasons(summary)).toEqual({ 'a totals row, not a customer': 2 });
    expect(pluck('SELECT code FROM customers ORDER BY code')).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(pluck('SELECT name FROM outlets')).not.toContain('Head Office');
  });

  it('in a sales export: a labelled subtotal and a row of sums are not sales', async () => {
    const file = write(
      'till.csv',
      [
        salesHeader,
        ...sales,
        ',,,,Subtotal,,4,"7,890.50"',
        '15/04/2026,B4,C003,Galle,Milk,Dairy,1,320.00',
        '15/04/2026,B5,C003,Galle,Milk,Dairy,2,640.00',
        '15/04/2026,,,All stores,,,3,960.00',
      ].join('\r\n') + '\r\n',
    );
    const { analysis, summary } = await importFile(file);
    expect(analysis.outlets.map((o) => o.spelling).sort()).toEqual(['Galle', 'Kandy']);
    expect(summary).toMatchObject({ imported: 5, rejected: 2 });
    expect(reasons(summary)).toEqual({ 'a totals row, not a sale': 2 });
    expect(pluck('SELECT sum(amount_cents) FROM sales_lines')).toEqual([64000 + 245050 + 480000 + 32000 + 64000]);
  });
});

describe('lines that are not data', () => {
  it('blank lines and footer lines are skipped and listed with their row numbers', async () => {
    const file = write(
      'report.csv',
      [salesHeader, sales[0], '', sales[1], ',,,,,,,', sales[2], '', 'Report generated 01/12/2026', 'End of report', 'Page 1 of 1', ''].join('\n'),
    );
    const { analysis, summary } = await importFile(file);
    expect(analysis.rows).toBe(3);
    expect(analysis.cut).toBeNull();
    expect(summary).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0 });
    expect(summary.skippedLines).toEqual({ blank: { rows: 3, first: [3, 5, 7] }, footer: { rows: 3, first: [8, 9, 10] }, preamble: { rows: 0, first: [] } });
    expect(rowNotes(summary)).toEqual([
      '3 blank lines skipped (rows 3, 5 and 7).',
      '3 lines after the data skipped as a footer (rows 8, 9 and 10).',
    ]);
  });
});

describe('files cut short', () => {
  const complete = [salesHeader, ...sales].join('\n');
  it.each([
    ['fewer fields than the header', `${complete}\n14/04/2026,B4,C003,Galle`, 'has 4 of the header'],
    ['a number cut inside its decimals', `${complete}\n14/04/2026,B4,C003,Galle,Dhal,Grocery,1,2680.8`, 'in the middle of a number'],
    ['a quote never closed', `${complete}\n14/04/2026,B4,C003,Galle,Dhal,Grocery,1,"2,68`, 'never closes'],
    ['only its first value', `${complete}\n14/04/2026`, 'ends after its first value'],
  ])('are refused whole, with the line, when cut with %s; the complete rows import when asked', async (_, text, why) => {
    const file = write('cut.csv', text);
    const analysis = await analyseFile(env.conn.sqlite, { file }, job);
    expect(analysis.cut).toEqual({ row: 5, reason: expect.stringContaining(why) });
    const error = await refused(file);
    expect(error.message).toBe(
      'The file seems cut short at line 5; nothing was imported. Export it again, or import the complete rows before the cut.',
    );

    const { summary } = await importFile(file, (d) => {
      d.importCompleteRows = true;
    });
    expect(summary).toMatchObject({ rowsRead: 4, imported: 3, rejected: 1, cutRow: { row: 5 } });
    expect(summary.rejectedByReason[0]?.reason).toMatch(/^Row is cut short: the file ends inside it/);
    expect(pluck('SELECT amount_cents FROM sales_lines ORDER BY id')).toEqual([64000, 245050, 480000]);
    expect(all('SELECT row_number AS row FROM import_errors')).toEqual([{ row: 5 }]);
  });

  it('a footer of words without a final line break is a footer, not a cut', async () => {
    const { analysis, summary } = await importFile(write('footer.csv', `${complete}\nConfidential`));
    expect(analysis.cut).toBeNull();
    expect(summary).toMatchObject({ imported: 3, rejected: 0, skippedLines: { footer: { rows: 1, first: [5] } } });
  });

  it('a short row in the middle is rejected alone, and a file without a final line break imports', async () => {
    const file = write('short.csv', [salesHeader, sales[0], '14/04/2026,B9,C009,Kandy', sales[1], sales[2]].join('\n'));
    const { analysis, summary } = await importFile(file);
    expect(analysis.cut).toBeNull();
    expect(summary).toMatchObject({ rowsRead: 4, imported: 3, rejected: 1 });
    expect(reasons(summary)).toEqual({ 'Row has 4 columns, the header has 8 (the row is cut short)': 1 });
  });

  it('the command line refuses before writing, and imports the complete rows with --import-complete-rows', () => {
    const file = write('cut.csv', `${[salesHeader, ...sales].join('\n')}\n14/04/2026,B4,C003,Galle,Dhal,Grocery,1,2680.8`);
    const db = env.tmp.file('cli.sqlite');
    const run = (...flags: string[]) => spawnSync(process.execPath, [builtCli, 'import', file, '--db', db, '--json', ...flags], { encoding: 'utf8' });
    const refusedRun = run();
    expect(refusedRun.status).toBe(1);
    expect(JSON.parse(refusedRun.stdout)).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        message: 'The file seems cut short at line 5; nothing was imported. Export it again, or import the complete rows before the cut (--import-complete-rows).',
      },
    });
    const ok = run('--import-complete-rows');
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ ok: true, imported: 3, rejected: 1, cutRow: { row: 5 } });
    expect(out.rowNotes).toContain(
      'The file is cut short at line 5: that row was left out (counted as rejected), and the complete rows before it were imported.',
    );
  });
});

describe('every cell accounted for', () => {
  it('empty numeric cells are counted per column, and an amount nobody can read keeps its customer as unknown, not 0', async () => {
    const file = write(
      'spend.csv',
      [
        'Customer ID,Outlet,Fresh Spend,dry_sales,Luxury Spend,Other Spend,Visits',
        'C1,Kandy,Two thousand rupes,,One lak rupies,fivty rupiz,3',
        'C2,Kandy,one hundered ruppees,,,Rs twelv,',
        'C3,Kandy,see notes,100,200,0,1',
        'C4,Kandy,lots,,,,2',
      ].join('\n'),
    );
    const { summary } = await importFile(file);
    expect(summary).toMatchObject({ rowsRead: 4, imported: 3, rejected: 1 });
    expect(reasons(summary)).toEqual({ 'Fresh Spend is not a number': 1 });
    expect(all('SELECT c.code, fresh_cents AS fresh, dry_cents AS dry, luxury_cents AS luxury, other_cents AS other FROM customer_spend s JOIN customers c ON c.id = s.customer_id ORDER BY c.code')).toEqual([
      { code: 'C1', fresh: 200000, dry: 0, luxury: 10000000, other: 5000 },
      { code: 'C2', fresh: 10000, dry: 0, luxury: 0, other: 1200 },
      { code: 'C3', fresh: null, dry: 10000, luxury: 20000, other: 0 },
    ]);
    expect(summary.emptyCells).toEqual([
      { column: 'dry_sales', rows: 2, readAs: '0' },
      { column: 'Luxury Spend', rows: 1, readAs: '0' },
      { column: 'Visits', rows: 1, readAs: 'unknown' },
    ]);
    // C4's empty cells are not counted: its row was rejected.
    expect(summary.unreadableCells).toEqual([{ column: 'Fresh Spend', rows: 1 }]);
    expect(rowNotes(summary)).toEqual(
      expect.arrayContaining([
        'dry_sales empty in 2 rows: read as 0.',
        'Fresh Spend could not be read in 1 row: kept as unknown, not 0; the customers are kept (the cells are listed in the import report).',
      ]),
    );
    expect(all('SELECT row_number AS row, column_name AS col, value, reason FROM import_errors ORDER BY row_number')).toEqual([
      { row: 4, col: 'Fresh Spend', value: 'see notes', reason: 'Fresh Spend is not a number: the row was kept with this amount unknown' },
      { row: 5, col: 'Fresh Spend', value: 'lots', reason: 'Fresh Spend is not a number' },
    ]);
  });
});

describe('same file, same answer', () => {
  const text = `${[salesHeader, ...sales, '14/04/2026,B4,C003,Galle,Crème brûlée,Dairy,1,900.00'].join('\n')}\n`;
  it.each([
    ['Windows line endings', Buffer.from(text.replaceAll('\n', '\r\n'))],
    ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 (tab-free, same commas)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['Windows-1252', Buffer.from(text, 'latin1')],
    ['trailing spaces and blank lines', Buffer.from(`${text.replaceAll('\n', '   \n')}\n\n`)],
    ['no final line break', Buffer.from(text.trimEnd())],
  ])('a copy saved again with %s is "already imported", and nothing is written', async (_, bytes) => {
    const first = await importFile(write('till.csv', text));
    expect(first.summary.imported).toBe(4);
    const copy = write('till again.csv', bytes);
    const analysis = await analyseFile(env.conn.sqlite, { file: copy }, job);
    expect(analysis.previousImport).toMatchObject({ importId: first.summary.importId, sourceName: 'till.csv' });
    const error = await refused(copy);
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/already imported/);
  });

  it('a file with one amount changed is a new file', async () => {
    await importFile(write('till.csv', text));
    const analysis = await analyseFile(env.conn.sqlite, { file: write('till changed.csv', text.replace('640.00', '640.01')) }, job);
    expect(analysis.previousImport).toBeNull();
  });
});
