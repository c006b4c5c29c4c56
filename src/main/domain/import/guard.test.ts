import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { noCustomerIdsMessage } from '../../../shared/importGuard';
import { openDatabase } from '../../platform/db/connection';
import { testJob as job } from '../../testing/database';
import { builtCli, tempDir } from '../../testing/temp';
import { analyseFile } from './analyse';
import { automaticDecisions } from './decisions';
import { runImport } from './run';
import { importHeadless } from '../../app/headlessImport';
import { segmentOverview, staleModelNote } from '../../app/overview';
import { contextPerTest } from '../../testing/context';

// Issue 14, guard: imports that cannot make customers, amounts on another scale,
// no database left by a failed command, and data without dates. Through the
// real command line and importer, on generated files.

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [builtCli, ...args, '--json'], { encoding: 'utf8', env: { ...process.env, OCTAVE_DB: tmp.file('default.sqlite') } });
  return { code: r.status, out: JSON.parse(r.stdout) as Record<string, unknown> & { error?: { message: string } } };
}

function write(name: string, lines: string[]): string {
  const file = tmp.file(name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A till export with no customer column: dated lines at two outlets, LKR amounts. */
function anonymousSales(name = 'till.csv', amount = (i: number) => 400 + (i % 7) * 150): string {
  const lines = ['Date,Outlet,Category,Amount'];
  for (let i = 0; i < 120; i++) lines.push(`2026-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')},${i % 2 ? 'Kandy' : 'Galle'},Vegetables,${amount(i).toFixed(2)}`);
  return write(name, lines);
}

/** Sales lines of 80 customers; every amount `amount` rupees. */
function customerSales(name: string, amount: number): string {
  const lines = ['Invoice,Date,Customer ID,Outlet,Category,Amount'];
  for (let i = 0; i < 400; i++) lines.push(`${name}-${i},2026-02-${String(1 + (i % 27)).padStart(2, '0')} 11:00,C${i % 80},Kandy,Bakery,${amount.toFixed(2)}`);
  return write(name, lines);
}

function count(db: string, sql: string): number {
  const d = new Sqlite(db, { readonly: true });
  try {
    return d.prepare(sql).pluck().get() as number;
  } finally {
    d.close();
  }
}

describe('a file that cannot make customers', () => {
  it('is flagged before anything is written, and the demo data and the trained model are kept unless chosen', async () => {
    const db = tmp.file('shop.sqlite');
    expect(cli('demo', '--customers', '400', '--db', db).code).toBe(0);
    expect(cli('segment', '--db', db, '--k', '4').code).toBe(0);
    const segmentsBefore = cli('segments', '--db', db).out.segments as unknown[];
    const demoCustomers = count(db, 'SELECT count(*) FROM customers');
    const file = anonymousSales();

    // The check pass alone: flagged, nothing written.
    const conn = openDatabase(db);
    const analysis = await analyseFile(conn.sqlite, { file }, job);
    expect(analysis.customers).toEqual({ column: null, rowsWithCustomer: 0 });
    expect(automaticDecisions(analysis).decisions.removeDemo).toBe(false);
    expect(conn.sqlite.prepare("SELECT count(*) FROM imports WHERE kind = 'file'").pluck().get()).toBe(0);
    conn.close();

    const imported = cli('import', file, '--db', db);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatchObject({ ok: true, imported: 120, anonymous: 120, demoKept: true, demoRemoved: false, warnings: [noCustomerIdsMessage] });
    expect((imported.out.decisions as string[]).join('\n')).toMatch(/The demo data is kept \(the file has no customer ids; remove it with --remove-demo\)/);
    expect(count(db, "SELECT count(*) FROM imports WHERE kind = 'demo'")).toBe(1);
    expect(count(db, 'SELECT count(*) FROM customers')).toBe(demoCustomers);
    expect(count(db, 'SELECT count(*) FROM model_versions')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM customer_segments')).toBe(demoCustomers);
    expect((cli('segments', '--db', db).out.segments as unknown[]).length).toBe(segmentsBefore.length);
  }, 120_000);

  it('removes the demo only when told (--remove-demo), and even then keeps the model and its segments listed', () => {
    const db = tmp.file('shop.sqlite');
    expect(cli('demo', '--customers', '300', '--db', db).code).toBe(0);
    expect(cli('segment', '--db', db, '--k', '3').code).toBe(0);
    const imported = cli('import', anonymousSales(), '--db', db, '--remove-demo');
    expect(imported.out).toMatchObject({ ok: true, demoRemoved: true, demoKept: false });
    expect((imported.out.decisions as string[]).join('\n')).toMatch(/The demo data is removed \(--remove-demo\)\. Trained segments are kept\./);
    expect(count(db, "SELECT count(*) FROM imports WHERE kind = 'demo'")).toBe(0);
    expect(count(db, 'SELECT count(*) FROM model_versions')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM customer_segments')).toBe(0);
    const segments = cli('segments', '--db', db);
    expect(segments.code).toBe(0);
    expect((segments.out.segments as unknown[]).length).toBe(3);

    // Finding segments again says why not in the app's own day format, with the command line's controls.
    const again = cli('segment', '--db', db);
    expect(again.code).toBe(1);
    const message = again.out.error?.message ?? '';
    expect(message).toMatch(/^Only 0 customers bought between \d{1,2} [A-Z][a-z]{2} \d{4} and \d{1,2} [A-Z][a-z]{2} \d{4}; segments need at least 50\./);
    expect(message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // With no customer at all a longer period cannot help, so none is suggested.
    expect(message).toMatch(/Import sales with customer ids, then run segment again\.$/);
  }, 120_000);

  it('a file with customers removes the demo by default in the CLI; --keep-demo keeps it', () => {
    const db = tmp.file('shop.sqlite');
    expect(cli('demo', '--customers', '200', '--db', db).code).toBe(0);
    const kept = cli('import', customerSales('first.csv', 900), '--db', db, '--keep-demo');
    expect(kept.out).toMatchObject({ ok: true, demoKept: true, warnings: [] });
    expect(count(db, "SELECT count(*) FROM imports WHERE kind = 'demo'")).toBe(1);
    const removed = cli('import', customerSales('second.csv', 950), '--db', db);
    expect(removed.out).toMatchObject({ ok: true, demoRemoved: true });
    expect(count(db, "SELECT count(*) FROM imports WHERE kind = 'demo'")).toBe(0);
  }, 60_000);
});

describe('amounts on another scale', () => {
  it('asks first when amounts are 20× smaller than the earlier data; the CLI refuses without --accept-amounts', async () => {
    const db = tmp.file('shop.sqlite');
    expect(cli('import', customerSales('rupees.csv', 1000), '--db', db).out).toMatchObject({ ok: true, imported: 400 });
    const small = customerSales('pounds.csv', 50);

    const conn = openDatabase(db);
    const analysis = await analyseFile(conn.sqlite, { file: small }, job);
    const question = 'Amounts look about 20× smaller than your earlier data. Are they in rupees?';
    expect(analysis.amounts).toMatchObject({ kind: 'line', median: 50, ratio: 0.05, question, reference: { from: 'earlier', median: 1000 } });
    // The importer itself refuses unconfirmed amounts, whoever calls it, and writes nothing.
    const { decisions } = automaticDecisions(analysis);
    const refused = await runImport(conn.sqlite, decisions, job).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toContain(question);
    expect(conn.sqlite.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(1);
    conn.close();

    const r = cli('import', small, '--db', db);
    expect(r.code).toBe(1);
    expect(r.out.error?.message).toBe(`${question} Nothing was imported. If they are, import the file again with --accept-amounts.`);
    expect(count(db, 'SELECT count(*) FROM imports')).toBe(1);
    const accepted = cli('import', small, '--db', db, '--accept-amounts');
    expect(accepted.out).toMatchObject({ ok: true, imported: 400 });
    expect(accepted.out.warnings).toEqual([`${question} Imported as they are (--accept-amounts).`]);
  }, 60_000);

  it('on a database with no data of the user’s own, compares with typical Sri Lankan amounts', async () => {
    const db = tmp.file('shop.sqlite');
    expect(cli('demo', '--customers', '200', '--db', db).code).toBe(0);
    const conn = openDatabase(db);
    const pounds = await analyseFile(conn.sqlite, { file: customerSales('pounds.csv', 3.5) }, job);
    expect(pounds.amounts?.question).toMatch(/^Amounts look about \d+× smaller than typical Sri Lankan supermarket sales lines\. Are they in rupees\?$/);
    const rupees = await analyseFile(conn.sqlite, { file: customerSales('rupees.csv', 650) }, job);
    expect(rupees.amounts).toMatchObject({ median: 650, question: null, reference: { from: 'typical', low: 50, high: 20_000 } });
    // Another currency: no rupee bands to judge by before its first import.
    conn.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('currency', 'GBP')").run();
    expect((await analyseFile(conn.sqlite, { file: customerSales('gbp.csv', 3.5) }, job)).amounts?.question).toBeNull();
    conn.close();
  }, 60_000);
});

describe('a failed command-line import', () => {
  it('leaves no new database file behind, and an existing one untouched', () => {
    const db = tmp.file('new.sqlite');
    const missing = cli('import', tmp.file('no-such-file.csv'), '--db', db);
    expect(missing.code).toBe(1);
    const odd = cli('import', customerSales('pounds.csv', 2.5), '--db', db);
    expect(odd.code).toBe(1);
    expect(odd.out.error?.message).toMatch(/typical Sri Lankan supermarket sales lines/);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('new.sqlite'))).toEqual([]);

    expect(cli('import', customerSales('rupees.csv', 800), '--db', db).code).toBe(0);
    expect(cli('import', tmp.file('no-such-file.csv'), '--db', db).code).toBe(1);
    expect(count(db, 'SELECT count(*) FROM sales_lines')).toBe(400);
  }, 60_000);
});

describe('data without dates', () => {
  it('says "no dates in this data" in segments, info and both reports, not a window made up from today', async () => {
    const db = tmp.file('shop.sqlite');
    const lines = ['Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend'];
    for (let i = 0; i < 90; i++) {
      const kind = i % 3;
      lines.push(`M${i},Kandy,${20_000 + kind * 15_000 + i * 97},${30_000 - kind * 8_000 + i * 53},${2_000 + (kind === 2 ? 40_000 : 0) + i * 31}`);
    }
    expect(cli('import', write('warehouse.csv', lines), '--db', db).out).toMatchObject({ ok: true, imported: 90 });
    expect(cli('info', '--db', db).out).toMatchObject({ dates: 'no dates in this data' });
    expect(cli('segment', '--db', db, '--k', '3').out).toMatchObject({ ok: true, window: 'no dates in this data' });
    const segments = cli('segments', '--db', db).out;
    expect(segments.window).toBe('no dates in this data');

    const first = (segments.segments as Array<{ segment: number }>)[0]!.segment;
    const pdf = tmp.file('report.pdf');
    expect(cli('export', '--db', db, '--segment', String(first), '--format', 'pdf', '--out', pdf).code).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toMatch(/Data window\s+no dates in this data/);
    const today = new Date().toISOString().slice(0, 10);
    expect(text).not.toContain(today);

    const xlsx = tmp.file('report.xlsx');
    expect(cli('export', '--db', db, '--segment', String(first), '--format', 'xlsx', '--out', xlsx).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cells: string[] = [];
    wb.getWorksheet('Summary')!.eachRow((row) => cells.push(row.values?.toString() ?? ''));
    expect(cells.find((c) => c.includes('Data window'))).toContain('no dates in this data');
  }, 120_000);
});

describe('the Segmentation screen when the data no longer supports the model', () => {
  const env = contextPerTest();

  it('says so in plain words, and keeps the segments listed', async () => {
    await env.ctx.jobs.run('demoLoad', { customers: 300 });
    await env.ctx.jobs.run('segment', { k: 3 });
    const lines = ['Date,Outlet,Amount'];
    for (let i = 0; i < 50; i++) lines.push(`2026-05-${String(1 + (i % 28)).padStart(2, '0')},Kandy,${500 + i}`);
    const file = env.tmp.file('till.csv');
    fs.writeFileSync(file, lines.join('\n'));
    const before = await segmentOverview(env.ctx, {});
    expect(before.modelNote).toBeNull();

    await importHeadless(env.ctx, file, { removeDemo: true });
    const assigning = env.ctx.jobs.running('assign');
    if (assigning) await env.ctx.jobs.wait(assigning.jobId);
    const after = await segmentOverview(env.ctx, {});
    expect(after.modelId).toBe(before.modelId);
    expect(after.segments.map((s) => s.name).sort()).toEqual(before.segments.map((s) => s.name).sort());
    expect(after.allCustomers).toBe(0);
    expect(after.modelNote).toBe(staleModelNote);
    expect(after.modelNote).toMatch(/Import sales with customer ids, then choose Find segments\.$/);
  }, 120_000);
});
