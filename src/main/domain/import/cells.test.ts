import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { rowNotes } from '../../../shared/rowNotes';
import { computeFeatures } from '../features/customerFeatures';
import { CustomerSnapshot } from '../filters/engine';
import { activeModel } from '../segmentation/store';
import { trainModel } from '../segmentation/train';
import { databasePerTest, testJob as job } from '../../testing/database';
import { builtCli } from '../../testing/temp';
import { analyseFile } from './analyse';
import { automaticDecisions, type ImportDecisions } from './decisions';
import { runImport } from './run';

// Ages and genders in customer-level sales, imports that would import nothing, and repeated lines without quantities.
const env = databasePerTest();

function write(name: string, lines: string[]): string {
  const file = env.tmp.file(name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function decide(file: string, edit?: (d: ImportDecisions) => void): Promise<ImportDecisions> {
  const analysis = await analyseFile(env.conn.sqlite, { file }, job);
  // Small made-up amounts; the scale check has tests of its own (guard.test.ts).
  const { decisions } = automaticDecisions(analysis, { acceptAmounts: true });
  edit?.(decisions);
  return decisions;
}

async function importFile(file: string, edit?: (d: ImportDecisions) => void) {
  const summary = await runImport(env.conn.sqlite, await decide(file, edit), job);
  expect(summary.imported + summary.duplicatesInFile + summary.alreadyImported + summary.rejected).toBe(summary.rowsRead);
  return summary;
}

const db = () => env.conn.sqlite;
const count = (sql: string, ...params: unknown[]) => db().prepare(sql).pluck().get(...params) as number;
const person = (code: string) => db().prepare('SELECT age, gender FROM customers WHERE code = ?').get(code);

describe('customer-level sales with ages and genders', () => {
  const header = 'Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend,Last Purchase Date,Age,Gender';
  const odd: Record<number, [string, string]> = { 5: ['', 'F'], 7: ['old', 'M'], 8: ['7', 'M'], 9: ['33', 'unknown'], 11: ['41', ''] };
  const rows = Array.from({ length: 120 }, (_, k) => {
    const i = k + 1;
    const [age, gender] = odd[i] ?? [String(18 + ((i * 7) % 60)), ['Female', 'M', 'mrs.', 'male'][i % 4]!];
    return `W${i},${['Kandy', 'Galle', 'Colombo'][i % 3]},${((i * 37) % 900) * 10 + 50},${((i * 53) % 700) * 10 + 100},${(i % 3) * 400},${1 + (i % 28)}/03/2026,${age},${gender}`;
  });

  it('stores them on the customer as the customer list reads them, counts empty and unreadable ones, and keeps those rows', async () => {
    const summary = await importFile(write('warehouse.csv', [header, ...rows]));
    expect(summary).toMatchObject({ shape: 'customerSpend', imported: 120, rejected: 0, customersNew: 120 });
    expect(person('W1')).toEqual({ age: 25, gender: 'M' });
    expect(person('W2')).toEqual({ age: 32, gender: 'F' });
    expect(person('W4')).toEqual({ age: 46, gender: 'F' });
    // Empty or unreadable: unknown, never 0, and the row's spend is still in.
    for (const code of ['W5', 'W7', 'W8']) expect(person(code)).toMatchObject({ age: null });
    expect(person('W9')).toEqual({ age: 33, gender: null });
    expect(person('W11')).toEqual({ age: 41, gender: null });
    expect(count("SELECT count(*) FROM customer_spend s JOIN customers c ON c.id = s.customer_id WHERE c.code IN ('W5', 'W7', 'W8', 'W9', 'W11')")).toBe(5);
    expect(summary.emptyCells).toEqual(expect.arrayContaining([{ column: 'Age', rows: 1, readAs: 'unknown' }, { column: 'Gender', rows: 1, readAs: 'unknown' }]));
    expect(summary.unreadableCells).toEqual(expect.arrayContaining([{ column: 'Age', rows: 2 }, { column: 'Gender', rows: 1 }]));
    expect(rowNotes(summary)).toContain('Age could not be read in 2 rows: kept as unknown, not 0; the customers are kept (the cells are listed in the import report).');
    expect(db().prepare('SELECT row_number, value, reason FROM import_errors ORDER BY row_number, reason').all()).toEqual([
      { row_number: 8, value: 'old', reason: 'Age is not a number: the row was kept with this age unknown' },
      { row_number: 9, value: '7', reason: 'Age is not between 10 and 120: the row was kept with this age unknown' },
      { row_number: 10, value: 'unknown', reason: 'Gender is not female, male or other: the row was kept with this gender unknown' },
    ]);
  });

  it('reads a birth date and a gender to the same age and gender as a customer list does', async () => {
    const cells = [['15/06/1990', 'Mrs.'], ['01/01/1975', 'MAN'], ['29/02/2000', 'x']];
    await importFile(write('spend.csv', ['Customer ID,Outlet,Fresh,Dry,Luxury,Date of Birth,Sex', ...cells.map(([b, g], i) => `S${i},Kandy,100,200,300,${b},${g}`)]));
    await importFile(write('members.csv', ['Customer ID,Date of Birth,Sex', ...cells.map(([b, g], i) => `L${i},${b},${g}`)]));
    for (let i = 0; i < cells.length; i++) {
      expect(person(`S${i}`)).toEqual(person(`L${i}`));
      expect(person(`S${i}`)).toMatchObject({ gender: ['F', 'M', 'X'][i], age: expect.any(Number) });
    }
  });

  it('are what the age filter and the segmentation go by', async () => {
    await importFile(write('warehouse.csv', [header, ...rows]));
    expect(computeFeatures(db()).missing).not.toContain('age');
    await trainModel(db(), { k: 3 }, job);
    const model = activeModel(db());
    if (!model) throw new Error('no model');
    const snapshot = new CustomerSnapshot(db(), model.window);
    expect(snapshot.facts).toMatchObject({ age: { min: 18, max: 77 }, genders: ['F', 'M'] });
    const aged = count('SELECT count(*) FROM customers WHERE age BETWEEN 30 AND 45');
    expect(aged).toBeGreaterThan(20);
    expect(snapshot.query({ age: { min: 30, max: 45 } }).customers).toBe(aged);
    expect(snapshot.query({ gender: 'F' }).customers).toBe(count("SELECT count(*) FROM customers WHERE gender = 'F'"));
  }, 60_000);
});

describe('an import that would import nothing', () => {
  const header = 'Date,Bill No,Customer Code,Outlet,Item,Amount';

  function database() {
    const n = (t: string) => count(`SELECT count(*) FROM ${t}`);
    return { imports: n('imports'), customers: n('customers'), outlets: n('outlets'), lines: n('sales_lines'), errors: n('import_errors') };
  }

  async function refused(file: string): Promise<string> {
    const decisions = await decide(file);
    const before = database();
    const error = await runImport(db(), decisions, job).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(database()).toEqual(before);
    return (error as AppError).message;
  }

  it('is refused whole when every row has one field more than the header, saying why', async () => {
    await importFile(write('first.csv', [header, '12/04/2026,B0,C000,Kandy,Milk,640.00']));
    // An amount with a thousands comma, unquoted: one field too many on every row.
    const lines = Array.from({ length: 594 }, (_, i) => `13/04/2026,B${i + 1},C${i},Kandy,Rice,2,${String(i % 1000).padStart(3, '0')}.50`);
    expect(await refused(write('unquoted.csv', [header, ...lines]))).toBe(
      'None of the 594 rows could be imported: every row has 7 fields, the header has 6 — a value may hold an unquoted delimiter. Nothing was imported.',
    );
  });

  it('names the most common reason when the rows fail for several', async () => {
    const lines = [...Array.from({ length: 5 }, (_, i) => `someday,B${i},C1,Kandy,Milk,640`), '13/04/2026,B9,C1,Kandy,Milk,0'];
    expect(await refused(write('dates.csv', [header, ...lines]))).toMatch(/^None of the 6 rows could be imported: the most common reason, in 5 of them: Date .+\. Nothing was imported\.$/);
    const same = Array.from({ length: 3 }, (_, i) => `13/04/2026,B${i},C1,Kandy,Milk,0`);
    expect(await refused(write('zero.csv', [header, ...same]))).toBe('None of the 3 rows could be imported: every row was rejected because Amount is zero (no sale). Nothing was imported.');
    await importFile(write('one.csv', [header, '12/04/2026,B0,C000,Kandy,Milk,640.00']));
    expect(await refused(write('one again.csv', [header, '12/04/2026,B0,C000,Kandy,Milk,640.00', ...same]))).toBe(
      'None of the 4 rows could be imported: 1 was imported before; of the other 3 rows, every one was rejected because Amount is zero (no sale). Nothing was imported.',
    );
  });

  it('on the command line: exit code 1, the reason, and no database file left', () => {
    const file = write('unquoted.csv', [header, ...Array.from({ length: 4 }, (_, i) => `13/04/2026,B${i},C${i},Kandy,Rice,2,450.50`)]);
    const target = env.tmp.file('new.sqlite');
    const r = spawnSync(process.execPath, [builtCli, 'import', file, '--db', target, '--json', '--accept-amounts'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'None of the 4 rows could be imported: every row has 7 fields, the header has 6 — a value may hold an unquoted delimiter. Nothing was imported.' },
    });
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('identical lines in a purchase history', () => {
  const header = 'Member_number,Date,itemDescription';
  // Member 1001 bought whole milk twice and rolls three times on the same day: five purchases, not duplicates.
  const history = ['1001,13/04/2026,whole milk', '1001,13/04/2026,rolls/buns', '1001,13/04/2026,whole milk', '1002,13/04/2026,yogurt', '1001,13/04/2026,rolls/buns', '1001,13/04/2026,rolls/buns', '1002,14/04/2026,soda'];

  it('are separate purchases when the file has no quantity column, and the same lines again are already imported', async () => {
    const first = await importFile(write('history.csv', [header, ...history]));
    expect(first).toMatchObject({ imported: 7, duplicatesInFile: 0, rejected: 0 });
    expect(count('SELECT count(*) FROM sales_lines')).toBe(7);
    expect(count('SELECT sum(items) FROM sales_daily')).toBe(7);

    // The same lines in another order: every one is already imported, none twice.
    const again = await importFile(write('history reordered.csv', [header, ...[...history].reverse()]));
    expect(again).toMatchObject({ imported: 0, alreadyImported: 7, duplicatesInFile: 0, rejected: 0 });

    // A longer export of the same days: one more whole milk and a new line are the only new purchases.
    const longer = await importFile(write('history longer.csv', [header, ...history, '1001,13/04/2026,whole milk', '1003,14/04/2026,coffee']));
    expect(longer).toMatchObject({ imported: 2, alreadyImported: 7, duplicatesInFile: 0 });
    expect(count("SELECT count(*) FROM sales_lines l JOIN customers c ON c.id = l.customer_id WHERE c.code = '1001'")).toBe(6);
    expect(count('SELECT count(*) FROM sales_lines')).toBe(9);
  });

  it('are duplicates when the file has a quantity column', async () => {
    const lines = history.map((l) => `${l},1`);
    const summary = await importFile(write('with qty.csv', [`${header},Qty`, ...lines]));
    expect(summary).toMatchObject({ imported: 4, duplicatesInFile: 3 });
  });
});
