import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, errorKinds } from '../../../shared/errors';
import { Random } from '../../../shared/random';
import { Background } from '../../app/background';
import { FilterService } from '../../app/filters';
import { trainModel } from '../../domain/segmentation/train';
import { kmeansInThreads } from '../../domain/segmentation/threads';
import { testJob } from '../../testing/database';
import { builtWorker, tempDir } from '../../testing/temp';
import { openDatabase } from '../db/connection';
import { isDamageError } from '../db/integrity';
import { JobRunner } from '../jobs/runner';
import type { Logger } from '../log';
import { damagedDatabaseWords } from '../userErrors';
import type { FailingRequests } from '../../testing/failingThread';
import { ThreadClient } from './client';
import { errorOf, failureOf } from './protocol';

/**
 * What a failure inside each kind of helper thread (the built worker in each
 * of its roles) becomes on the main side: the app's own error keeps its kind
 * and words, damage met on the thread is damage, and the unforeseen is a
 * reference the log has beside the thread's stack.
 */

const tmp = tempDir();
afterAll(() => tmp.remove());

function recordingLog(): Logger & { lines: Array<{ message: string; detail: string }> } {
  const lines: Array<{ message: string; detail: string }> = [];
  return { lines, info() {}, warn() {}, error: (message: string, detail?: unknown) => void lines.push({ message, detail: String(detail) }) };
}

/** The words shown for the unforeseen, and the reference in them. */
function referenceOf(error: unknown): string {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe('internal');
  const match = /^Something went wrong \(ref ([0-9A-F]{4})\)\. Details are in the app's log\.$/.exec((error as AppError).message);
  expect(match, (error as AppError).message).not.toBeNull();
  return match![1]!;
}

async function failureFrom(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A copy of `source` whose tables of customers, sales and models have garbage for their first page. */
function damagedCopy(source: string, file: string): string {
  const from = new Sqlite(source);
  from.exec(`VACUUM INTO '${file}'`);
  from.close();
  const db = new Sqlite(file);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const roots = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name IN ('customers', 'model_versions', 'sales_lines', 'sales_daily')").pluck().all() as number[];
  db.close();
  expect(roots).toHaveLength(4);
  const fd = fs.openSync(file, 'r+');
  for (const root of roots) fs.writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
  fs.closeSync(fd);
  return file;
}

let modelled: string;
let damaged: string;
beforeAll(async () => {
  modelled = tmp.file('modelled.sqlite');
  const runner = new JobRunner({ workerFile: builtWorker, databasePath: modelled, log: recordingLog() });
  openDatabase(modelled).close();
  await runner.run('demoLoad', { customers: 600 });
  await runner.run('segment', { k: 3 });
  damaged = damagedCopy(modelled, tmp.file('damaged.sqlite'));
}, 120_000);

describe('a job thread', () => {
  it("passes the app's own error with its kind and words, damage as damage, and the unforeseen under a reference", async () => {
    const log = recordingLog();
    const empty = tmp.file('empty.sqlite');
    const conn = openDatabase(empty);
    // The same job run here, in this thread, says what the job's thread must pass on word for word.
    const here = await failureFrom(trainModel(conn.sqlite, { k: 3 }, testJob));
    conn.close();
    expect(here.kind).toBe('validation');
    const jobs = new JobRunner({ workerFile: builtWorker, databasePath: empty, log });
    expect((await failureFrom(jobs.run('segment', { k: 3 }))).toJSON()).toEqual(here.toJSON());

    const onDamaged = new JobRunner({ workerFile: builtWorker, databasePath: damaged, log });
    const damage = await failureFrom(onDamaged.run('segment', { k: 3 }));
    expect(damage.toJSON()).toEqual({ kind: 'damaged', message: damagedDatabaseWords });
    expect(isDamageError(damage.message)).toBe(true); // what compose.ts marks the file damaged by

    // An input its schema refuses can only come from a bug: the user sees a reference, the log has the thread's error.
    const start = jobs.start('demoLoad', { customers: -1 });
    const crash = await failureFrom(jobs.wait(start.jobId));
    const reference = referenceOf(crash);
    expect(jobs.get(start.jobId)).toMatchObject({ status: 'failed', error: crash.message });
    const line = log.lines.find((l) => l.message === `Job demoLoad ${start.jobId} failed (ref ${reference})`);
    expect(line?.detail).toMatch(/ZodError[\s\S]*customers[\s\S]*\n\s+at /);
  });
});

describe('the filter thread', () => {
  it('passes damage as damage and a file it cannot open in its own words, where both once arrived as "internal"', async () => {
    const log = recordingLog();
    const filters = new FilterService(builtWorker, damaged, log);
    try {
      const damage = await failureFrom(filters.overview({}));
      expect(damage.toJSON()).toEqual({ kind: 'damaged', message: damagedDatabaseWords });
      expect(isDamageError(damage)).toBe(true); // what the IPC damage guard marks the file damaged by
    } finally {
      await filters.close();
    }

    // A folder where the data file should be: the thread cannot open it, and says so as openDatabase does here.
    const folder = tmp.file('a-folder.sqlite');
    fs.mkdirSync(folder);
    const here = (() => {
      try {
        openDatabase(folder);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('a folder opened as a database');
    })();
    expect(here.kind).toBe('database');
    const cannotOpen = new FilterService(builtWorker, folder, log);
    try {
      expect((await failureFrom(cannotOpen.overview({}))).toJSON()).toEqual(here.toJSON());
      // The thread is still there to answer the next question (and fail the same way).
      expect((await failureFrom(cannotOpen.rfm({}))).toJSON()).toEqual(here.toJSON());
    } finally {
      await cannotOpen.close();
    }
    expect(log.lines).toEqual([]);
  });

  it('answers the unforeseen with a reference, its stack in the log, and goes on answering', async () => {
    const log = recordingLog();
    const filters = new FilterService(builtWorker, modelled, log);
    try {
      const before = await filters.overview({});
      expect(before.answer?.customers).toBeGreaterThan(500);
      const crash = await failureFrom(filters.overview(null as never));
      const reference = referenceOf(crash);
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0]!.message).toBe(`Filters overview failed (ref ${reference})`);
      expect(log.lines[0]!.detail).toMatch(/^TypeError: .*\n\s+at /);
      expect(await filters.overview({})).toEqual(before);
    } finally {
      await filters.close();
    }
  });
});

describe('the background thread', () => {
  it("passes the app's own damage error in its words, and damage SQLite met as damage", async () => {
    const log = recordingLog();
    const background = new Background(builtWorker, damaged, log);
    try {
      const refused = await failureFrom(background.run('backup', { reason: 'onRequest', keep: 3, protect: [] }));
      expect(refused.toJSON()).toEqual({ kind: 'damaged', message: 'The data file is damaged, so no backup was taken from it.' });
      const damage = await failureFrom(background.run('dashboardSummary'));
      expect(damage.toJSON()).toEqual({ kind: 'damaged', message: damagedDatabaseWords });
    } finally {
      await background.close();
    }
    expect(log.lines).toEqual([]);
  });

  it('answers the unforeseen with a reference and its stack in the log', async () => {
    const log = recordingLog();
    const background = new Background(builtWorker, modelled, log);
    try {
      const crash = await failureFrom(background.run('backup', undefined as never));
      const reference = referenceOf(crash);
      expect(log.lines.map((l) => l.message)).toEqual([`Background backup failed (ref ${reference})`]);
      expect(log.lines[0]!.detail).toMatch(/^TypeError: .*\n\s+at /);
      expect((await background.run('listOutlets')).outlets.length).toBeGreaterThan(0);
    } finally {
      await background.close();
    }
  });
});

describe('the k-means threads', () => {
  const rng = new Random(9);
  const cloud = Float64Array.from({ length: 200_000 * 8 }, (_, i) => rng.normal((Math.floor(i / 8) % 5) * 1.5, 1.2));

  it("pass their own stop as it is, when nothing else in the job stopped", async () => {
    let calls = 0;
    // The job asks once; the threads stop, and what arrives is the threads' own words.
    const poll = () => {
      if (++calls === 3) throw new Error('ask once');
    };
    const stopped = await failureFrom(kmeansInThreads(cloud, 8, { k: 8, restarts: 4, seed: 1, tolerance: 0 }, builtWorker, poll));
    expect(stopped.toJSON()).toEqual({ kind: 'cancelled', message: 'Stopped. Nothing was changed.' });
  });

  it("carry the unforeseen with the thread's stack, which the job's boundary logs under the reference", async () => {
    const failure = await failureFrom(kmeansInThreads(new Float64Array(3 * 2), 2, { k: 5, restarts: 4 }, builtWorker, () => undefined));
    expect(failure.toJSON()).toEqual({ kind: 'internal', message: 'RangeError: k-means needs at least k=5 rows; got 3' });
    // On to the main process as a job's failure would go (composition/worker.ts, then the job runner).
    const log = recordingLog();
    const shown = errorOf(structuredClone(failureOf(failure)), log, 'Job segment');
    const reference = referenceOf(shown);
    expect(log.lines[0]!.message).toBe(`Job segment failed (ref ${reference})`);
    expect(log.lines[0]!.detail).toMatch(/^RangeError: k-means needs at least k=5 rows; got 3\n\s+at .*worker\.js/);
  });
});

describe('any thread', () => {
  it('passes every kind of the app\'s errors as it is, and a value it cannot send as a failure', async () => {
    const bundle = tmp.file('failing-thread.js');
    buildSync({ entryPoints: [path.resolve(__dirname, '../../testing/failingThread.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, external: ['better-sqlite3'], logLevel: 'error' });
    const log = recordingLog();
    const thread = new ThreadClient<FailingRequests>(bundle, { role: 'test' }, log);
    try {
      for (const kind of errorKinds.filter((k) => k !== 'internal')) {
        const message = `A ${kind} message, in the app's own words.`;
        expect((await failureFrom(thread.ask('fail', { kind, message }))).toJSON()).toEqual({ kind, message });
      }
      referenceOf(await failureFrom(thread.ask('crash')));
      expect(log.lines[0]!.detail).toMatch(/^RangeError: Invalid array length\n\s+at /);
      referenceOf(await failureFrom(thread.ask('unsendable')));
      expect(log.lines[1]!.detail).toMatch(/^DataCloneError: /);
      expect(log.lines).toHaveLength(2);
    } finally {
      await thread.close();
    }
  });
});
