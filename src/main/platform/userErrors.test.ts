import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { loadDemoData } from '../domain/demo/load';
import { openDatabase } from './db/connection';
import { appDispatch } from '../composition/ipc/handlers';
import type { Logger } from './log';
import { writeAtomically } from '../domain/reports/save';
import { trainModel } from '../domain/segmentation/train';
import { signInAs } from '../testing/accounts';
import { contextPerTest } from '../testing/context';
import { testJob } from '../testing/database';
import { builtWorker } from '../testing/temp';
import { analyseFile } from '../domain/import/analyse';
import { automaticDecisions } from '../domain/import/decisions';
import { runImport } from '../domain/import/run';
import { diskFullWords, publicError } from './userErrors';
import { errorOf, failureOf } from './threads/protocol';

const env = contextPerTest();
const diskFull = 'The disk is full: free some space and try again.';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info() {}, warn() {}, error: (m: string) => lines.push(m) };
}

/** What a job's failure becomes on its way from its thread to the window (jobs/worker.ts, then jobs/runner.ts). */
function throughJobBoundary(error: unknown, log: Logger): AppError {
  const failure = failureOf(error);
  return errorOf(structuredClone(failure), log, 'Job');
}

/** The database may grow no more: the next write that needs a new page fails with a real SQLITE_FULL. */
function fillUp(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

describe('a full disk says so in the same words everywhere', () => {
  it('in settings, through the real dispatch', async () => {
    expect(diskFullWords).toBe(diskFull);
    const dispatch = appDispatch(env.ctx, recordingLog());
    await signInAs(env.ctx, 'administrator');
    // A long folder name, so each change writes a long audit line and the file must soon grow.
    const folder = env.tmp.file(['reports', 'x'.repeat(200), 'y'.repeat(200), 'z'.repeat(200)].join('/'));
    fs.mkdirSync(folder, { recursive: true });
    fillUp(env.ctx.connection.sqlite);
    let answer = await dispatch('setReportsFolder', { folder });
    for (let i = 0; i < 200 && answer.ok; i++) answer = await dispatch('setReportsFolder', { folder });
    expect(answer).toEqual({ ok: false, error: { kind: 'io', message: diskFull } });
  });

  it('in import and training (SQLITE_FULL in the job) and in export (ENOSPC from /dev/full)', async () => {
    const log = recordingLog();
    const conn = openDatabase(env.tmp.file('full.sqlite'));
    try {
      const file = env.tmp.file('sales.csv');
      fs.writeFileSync(file, ['Date,Customer,Outlet,Amount', ...Array.from({ length: 3000 }, (_, i) => `0${(i % 9) + 1}/01/2026,C${i},Kandy,${1000 + i}`)].join('\n'));
      const analysis = await analyseFile(conn.sqlite, { file }, testJob);
      fillUp(conn.sqlite);
      const importFailure = await runImport(conn.sqlite, automaticDecisions(analysis).decisions, testJob).catch((e: unknown) => e);
      expect((importFailure as { code?: string }).code).toBe('SQLITE_FULL');
      expect(throughJobBoundary(importFailure, log).toJSON()).toEqual({ kind: 'io', message: diskFull });

      conn.sqlite.pragma('max_page_count = 1073741823');
      loadDemoData(conn.sqlite, { customers: 300 }, testJob);
      fillUp(conn.sqlite);
      const trainFailure = await trainModel(conn.sqlite, { k: 3 }, { ...testJob, workerFile: builtWorker }).catch((e: unknown) => e);
      expect(String((trainFailure as Error).message)).toMatch(/database or disk is full/);
      expect(throughJobBoundary(trainFailure, log).toJSON()).toEqual({ kind: 'io', message: diskFull });
    } finally {
      conn.close();
    }

    // The report is written through a stream; /dev/full answers every write with a real ENOSPC.
    const target = env.tmp.file('report.pdf');
    const exportFailure = await writeAtomically(target, async (out) => void out.write(Buffer.alloc(1 << 16)), { open: () => fs.createWriteStream('/dev/full') }).catch((e: unknown) => e);
    expect(((exportFailure as AppError).cause as { code?: string }).code).toBe('ENOSPC');
    expect(throughJobBoundary(exportFailure, log).toJSON()).toEqual({ kind: 'io', message: diskFull });
    expect(fs.existsSync(target)).toBe(false);
    // Nothing here was unforeseen: nothing logged under a reference.
    expect(log.lines).toEqual([]);
  });
});

describe('an unforeseen error', () => {
  it('reaches the user as a sentence with a reference, never as the raw message; the log has both', () => {
    const log = recordingLog();
    for (const raw of [new URIError('URI malformed'), new TypeError("Cannot read properties of undefined (reading 'x')"), 'a string thrown']) {
      const shown = publicError(raw, log, 'Handler getDashboardSummary');
      expect(shown.kind).toBe('internal');
      expect(shown.message).toMatch(/^Something went wrong \(ref [0-9A-F]{4}\)\. Details are in the app's log\.$/);
      expect(log.lines.at(-1)).toBe(`Handler getDashboardSummary failed (ref ${/ref ([0-9A-F]{4})/.exec(shown.message)![1]})`);
    }
    // From a job's thread: the same, with the thread's stack in the log.
    const detail: unknown[] = [];
    const fromJob = errorOf(failureOf(new RangeError('Invalid array length')), { info() {}, warn() {}, error: (_m, d) => detail.push(d) }, 'Job segment');
    expect(fromJob.message).toMatch(/^Something went wrong \(ref [0-9A-F]{4}\)/);
    expect(String(detail[0])).toMatch(/^RangeError: Invalid array length\n\s+at /);
    // The app's own words pass as they are.
    expect(publicError(new AppError('validation', 'Column "amount" is missing.'), log, 'x').message).toBe('Column "amount" is missing.');
    // An error that already has its reference keeps it through the next boundary, so the reference shown is the line with the cause.
    const lines = log.lines.length;
    expect(publicError(fromJob, log, 'Handler startSegmentation').message).toBe(fromJob.message);
    expect(log.lines.length).toBe(lines);
  });

  it('a damaged database gets a damage error in plain words, not "database disk image is malformed"', () => {
    const file = env.tmp.file('damaged.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    let raw: unknown;
    try {
      const conn = new Sqlite(file);
      conn.prepare('SELECT * FROM sqlite_schema').all();
    } catch (error) {
      raw = error;
    }
    expect((raw as { code?: string }).code).toBe('SQLITE_NOTADB');
    const shown = publicError(raw, recordingLog(), 'x');
    expect(shown.kind).toBe('damaged');
    expect(shown.message).not.toMatch(/malformed|not a database|SQLITE/);
  });
});
