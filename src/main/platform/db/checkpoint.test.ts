import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../domain/import/analyse';
import { automaticDecisions } from '../../domain/import/decisions';
import { runImport } from '../../domain/import/run';
import type { Logger } from '../log';
import { deleteImport } from '../../domain/sales/imports';
import { contextPerTest } from '../../testing/context';
import { databasePerTest, testJob as job } from '../../testing/database';
import { checkpointAfterLargeWrite } from './checkpoint';

const walSize = (databasePath: string): number => (fs.existsSync(`${databasePath}-wal`) ? fs.statSync(`${databasePath}-wal`).size : 0);

/** A till export of `rows` lines: 40 customers, 3 outlets, a few products, over 2026. */
function tillExport(file: string, rows: number): void {
  const outlets = ['Kandy', 'Galle Fort', 'Colombo 03'];
  const lines = ['Date,Bill No,Customer Code,Outlet,Item Code,Item,Department,Qty,Amount (Rs.)'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    lines.push(`${day}/${month}/2026,B${Math.floor(i / 3)},C${i % 40},${outlets[i % 3]},P${i % 7},Item ${i % 7},${i % 2 ? 'Dairy' : 'Grocery'},${(i % 4) + 1},${((i % 50) + 1) * 25}.00`);
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

async function importFile(db: Sqlite.Database, file: string) {
  const analysis = await analyseFile(db, { file }, job);
  return runImport(db, automaticDecisions(analysis, {}).decisions, job);
}

describe('the write-ahead log after a large write', () => {
  const test = databasePerTest();

  it('is truncated to 0 bytes once an import of thousands of rows is committed, with another connection open', async () => {
    // The app always has other connections on the file (window, background thread): idle, they do not hold the log.
    const reader = new Sqlite(test.conn.path);
    try {
      tillExport(test.tmp.file('till.csv'), 5000);
      const summary = await importFile(test.conn.sqlite, test.tmp.file('till.csv'));
      expect(summary.rowsRead).toBe(5000);
      expect(walSize(test.conn.path)).toBe(0);
      expect(reader.prepare('SELECT count(*) FROM sales_lines').pluck().get()).toBe(summary.imported);
      // The same measure sees a large write that is not checkpointed, so the 0 above is not an accident of it.
      deleteImport(test.conn.sqlite, summary.importId as number);
      expect(walSize(test.conn.path)).toBeGreaterThan(100_000);
      expect(checkpointAfterLargeWrite(test.conn.sqlite)).toBe('truncated');
      expect(walSize(test.conn.path)).toBe(0);
    } finally {
      reader.close();
    }
  });

  it('is left for later, with a warning and no failure, while a reader is in the middle of a read', async () => {
    const warnings: string[] = [];
    const log: Logger = { info() {}, warn: (m) => warnings.push(m), error() {} };
    const reader = new Sqlite(test.conn.path);
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM imports').get();
      tillExport(test.tmp.file('till.csv'), 3000);
      const summary = await importFile(test.conn.sqlite, test.tmp.file('till.csv'));
      expect(summary.rowsRead).toBe(3000);
      expect(checkpointAfterLargeWrite(test.conn.sqlite, log)).toBe('busy');
      expect(warnings).toEqual([expect.stringContaining('a reader was busy')]);
      expect(walSize(test.conn.path)).toBeGreaterThan(0);
      reader.exec('COMMIT');
      expect(checkpointAfterLargeWrite(test.conn.sqlite, log)).toBe('truncated');
      expect(walSize(test.conn.path)).toBe(0);
      expect(test.conn.sqlite.pragma('busy_timeout', { simple: true })).toBe(10_000);
    } finally {
      reader.close();
    }
  });
});

describe('the app after a demo load and a deletion', () => {
  const env = contextPerTest({ signedIn: 'administrator' });

  it('leaves no write-ahead log behind either, with the window and background thread connected', async () => {
    const file = env.ctx.connection.path;
    await env.ctx.jobs.run('demoLoad', { customers: 600 });
    expect(walSize(file)).toBe(0);
    const removed = await env.ctx.background.run('clearDemoData');
    expect(removed.removedSalesLines).toBeGreaterThan(1000);
    expect(walSize(file)).toBe(0);
  });
});
