import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobState } from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import { createAppContext, type AppContext } from '../app/context';
import { silentLogger } from '../log';
import { databaseSnapshot } from '../testing/snapshot';
import { builtWorker, tempDir } from '../testing/temp';

let tmp: ReturnType<typeof tempDir>;
let ctx: AppContext;
beforeEach(() => {
  tmp = tempDir();
  ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: 'test', workerFile: builtWorker });
});
afterEach(async () => {
  await ctx.close();
  tmp.remove();
});

const emptyDatabase = {
  outlets: 20, // the chain's canonical outlets, there from the start
  products: 0,
  customers: 0,
  sales_lines: 0,
  sales_daily: 0,
  imports: 0,
  import_errors: 0,
  indexes: expect.arrayContaining(['sales_lines_customer', 'sales_lines_identity', 'sales_lines_import']),
  integrity: 'ok',
  foreignKeys: [],
};

describe('jobs in a worker thread', () => {
  it('load the demo data with progress, and the daily totals match the lines', async () => {
    const updates: JobState[] = [];
    ctx.subscribe((e) => e.type === 'job' && updates.push(e.job));
    const result = await ctx.jobs.run('demoLoad', { customers: 2000 });
    expect(result.customers).toBe(2000);
    const c = databaseSnapshot(ctx.connection.path);
    expect(c).toMatchObject({ outlets: 20, customers: 2000, sales_lines: result.salesLines, imports: 1, integrity: 'ok', foreignKeys: [] });
    const db = ctx.connection.sqlite;
    const fromLines = db.prepare('SELECT count(*) AS n, sum(amount_cents) AS s FROM sales_lines').get();
    const fromDaily = db.prepare('SELECT sum(lines) AS n, sum(amount_cents) AS s FROM sales_daily').get();
    expect(fromDaily).toEqual(fromLines);
    expect(updates.some((u) => u.status === 'running' && u.current > 0 && u.total === 2000)).toBe(true);
    expect(updates.at(-1)?.status).toBe('succeeded');
  });

  it('stop when cancelled midway and leave an empty, consistent database; the next load works', async () => {
    const { jobId } = ctx.jobs.start('demoLoad', { customers: 40_000 });
    await new Promise<void>((resolve) =>
      ctx.subscribe((e) => {
        if (e.type === 'job' && e.job.current >= 4000) resolve();
      }),
    );
    expect(ctx.jobs.cancel(jobId)).toBe(true);
    const error = await ctx.jobs.wait(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
    expect(ctx.jobs.get(jobId).status).toBe('cancelled');
    expect(databaseSnapshot(ctx.connection.path)).toEqual(emptyDatabase);

    const again = await ctx.jobs.run('demoLoad', { customers: 500 });
    expect(databaseSnapshot(ctx.connection.path).customers).toBe(500);
    expect(again.customers).toBe(500);
  });

  it('leave the database as it was when the worker thread is killed mid-transaction', async () => {
    const db = ctx.connection.sqlite;
    db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Matale', 'Matale', 'Central')").run();
    db.prepare("INSERT INTO customers (code, age, home_outlet_id) VALUES ('EXISTING-1', 50, 1)").run();
    const before = databaseSnapshot(ctx.connection.path);
    const { jobId } = ctx.jobs.start('demoLoad', { customers: 40_000 });
    const job = (ctx.jobs as unknown as { jobs: Map<string, { worker: { terminate(): Promise<number> } | null; state: JobState }> }).jobs.get(jobId)!;
    const deadline = Date.now() + 30_000;
    while (job.state.current < 4000 && job.state.status === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(job.state.status).toBe('running');
    // Like a crash: the thread dies without being asked to stop.
    await job.worker!.terminate();
    await ctx.jobs.wait(jobId).catch(() => undefined);
    expect(ctx.jobs.get(jobId).status).toBe('failed');
    expect(databaseSnapshot(ctx.connection.path)).toEqual(before);
  });

  it('report a failure as an AppError and change nothing', async () => {
    // The demo refuses to load into a database that already has its data.
    await ctx.jobs.run('demoLoad', { customers: 100 });
    const before = databaseSnapshot(ctx.connection.path);
    const error = await ctx.jobs.run('demoLoad', { customers: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(databaseSnapshot(ctx.connection.path)).toEqual(before);
  });
});
