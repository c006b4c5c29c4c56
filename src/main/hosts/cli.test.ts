import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCsvHeader } from '../domain/demo/csv';
import { builtCli, tempDir } from '../testing/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8', env: { ...process.env, OCTAVE_DB: tmp.file('default.sqlite') } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

describe('command line', () => {
  it('explains itself with --help', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/demo --customers N --out FILE\.csv/);
    expect(r.stdout).toMatch(/info/);
  });

  it('writes a demo sales export as CSV, with one JSON object on stdout', () => {
    const r = cli('demo', '--customers', '400', '--out', tmp.file('sales.csv'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const result = r.json();
    expect(result).toMatchObject({ ok: true, customers: 400, file: tmp.file('sales.csv') });
    expect(result.seconds).toBeGreaterThan(0);
    const lines = fs.readFileSync(tmp.file('sales.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(demoCsvHeader.join(','));
    expect(lines.length - 1).toBe(result.salesLines);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[2])).size).toBe(400);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('writes the same export gzipped when the name ends in .gz', () => {
    const plain = cli('demo', '--customers', '150', '--out', tmp.file('a.csv'), '--json');
    const gz = cli('demo', '--customers', '150', '--out', tmp.file('a.csv.gz'), '--json');
    expect(gz.code).toBe(0);
    expect(zlib.gunzipSync(fs.readFileSync(tmp.file('a.csv.gz'))).toString('utf8')).toBe(fs.readFileSync(tmp.file('a.csv'), 'utf8'));
    expect(gz.json().salesLines).toBe(plain.json().salesLines);
  });

  it('loads the demo into a database, and info counts what sqlite counts', () => {
    const file = tmp.file('shop.sqlite');
    expect(cli('demo', '--customers', '500', '--db', file, '--json').code).toBe(0);
    const info = cli('info', '--db', file, '--json');
    expect(info.code).toBe(0);
    const db = new Sqlite(file, { readonly: true });
    const n = (sql: string) => db.prepare(sql).pluck().get();
    expect(info.json()).toMatchObject({
      ok: true,
      outlets: n('SELECT count(*) FROM outlets'),
      customers: 500,
      salesLines: n('SELECT count(*) FROM sales_lines'),
      firstSale: n('SELECT min(sold_at) FROM sales_lines'),
      lastSale: n('SELECT max(sold_at) FROM sales_lines'),
      demoData: true,
      currency: 'LKR',
    });
    db.close();
    // The chain's currency as Settings stores it is what the command line reports.
    const writable = new Sqlite(file);
    writable.prepare("INSERT INTO meta (key, value) VALUES ('currency', 'USD') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    writable.close();
    expect(cli('info', '--db', file, '--json').json()).toMatchObject({ currency: 'USD' });
  });

  it('uses OCTAVE_DB when no --db is given', () => {
    expect(cli('demo', '--customers', '120', '--json').code).toBe(0);
    expect(cli('info', '--json').json()).toMatchObject({ database: tmp.file('default.sqlite'), customers: 120 });
  });

  it('answers bad input with one JSON error a person can act on', () => {
    const missing = cli('info', '--db', tmp.file('nope.sqlite'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.json()).toEqual({ ok: false, error: { kind: 'not_found', message: expect.stringMatching(/There is no database at/) } });
    expect(fs.existsSync(tmp.file('nope.sqlite'))).toBe(false);
    expect(cli('demo', '--customers', 'many', '--json').json()).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/--customers/) } });
    expect(cli('frobnicate', '--json').json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(cli('info', '--colour', '--json').json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});
