import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import { contextPerTest } from '../../testing/context';
import { databaseSnapshot } from '../../testing/snapshot';

const env = contextPerTest();

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
    env.ctx.subscribe((e) => e.type === 'job' && updates.push(e.job));
    const result = await env.ctx.jobs.run('demoLoad', { customers: 2000 });
    expect(result.customers).toBe(2000);
    const c = databaseSnapshot(env.ctx.connection.path);
    expect(c).toMatchObject({ outlets: 20, customers: 2000, sales_lines: result.salesLines, imports: 1, integrity: 'ok', foreignKeys: [] });
    const db = env.ctx.connection.sqlite;
    const fromLines = db.prepare('SELECT count(*) AS n, sum(amount_cents) AS s FROM sales_lines').get();
    const fromDaily = db.prepare('SELECT sum(lines) AS n, sum(amount_cents) AS s FROM sales_daily').get();
    expect(fromDaily).toEqual(fromLines);
    expect(updates.some((u) => u.status === 'running' && u.current > 0 && u.total === 2000)).toBe(true);
    expect(updates.at(-1)?.status).toBe('succeeded');
  });

  it('stop when cancelled midway and leave an empty, consistent database; the next load works', async () => {
    const { jobId } = env.ctx.jobs.start('demoLoad', { customers: 40_000 });
    await new Promise<void>((resolve) =>
      env.ctx.subscribe((e) => {
        if (e.type === 'job' && e.job.current >= 4000) resolve();
      }),
    );
    expect(env.ctx.jobs.cancel(jobId)).toBe(true);
    const error = await env.ctx.jobs.wait(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
    expect(env.ctx.jobs.get(jobId).status).toBe('cancelled');
    expect(databaseSnapshot(env.ctx.connection.path)).toEqual(emptyDatabase);

    const again = await env.ctx.jobs.run('demoLoad', { customers: 500 });
    expect(databaseSnapshot(env.ctx.connection.path).customers).toBe(500);
    expect(again.customers).toBe(500);
  });

  it('leave the database as it was when the worker thread is killed mid-transaction', async () => {
    const db = env.ctx.connection.sqlite;
    db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Matale', 'Matale', 'Central')").run();
    db.prepare("INSERT INTO customers (code, age, home_outlet_id) VALUES ('EXISTING-1', 50, 1)").run();
    const before = databaseSnapshot(env.ctx.connection.path);
    const { jobId } = env.ctx.jobs.start('demoLoad', { customers: 40_000 });
    const job = (env.ctx.jobs as unknown as { jobs: Map<string, { worker: { terminate(): Promise<number> } | null; state: JobState }> }).jobs.get(jobId)!;
    const deadline = Date.now() + 30_000;
    while (job.state.current < 4000 && job.state.status === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(job.state.status).toBe('running');
    // Like a crash: the thread dies without being asked to stop.
    await job.worker!.terminate();
    await env.ctx.jobs.wait(jobId).catch(() => undefined);
    expect(env.ctx.jobs.get(jobId).status).toBe('failed');
    expect(databaseSnapshot(env.ctx.connection.path)).toEqual(before);
  });

  it('report a failure as an AppError and change nothing', async () => {
    // The demo refuses to load into a database that already has its data.
    await env.ctx.jobs.run('demoLoad', { customers: 100 });
    const before = databaseSnapshot(env.ctx.connection.path);
    const error = await env.ctx.jobs.run('demoLoad', { customers: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(databaseSnapshot(env.ctx.connection.path)).toEqual(before);
  });
});

describe('a job that succeeds', () => {
  const errors: string[] = [];
  const recording = { info() {}, warn() {}, error: (message: string) => void errors.push(message) };
  const logged = contextPerTest({ log: recording });

  it('logs no failure when its thread exits after the answer', async () => {
    errors.length = 0;
    await logged.ctx.jobs.run('demoLoad', { customers: 300 });
    // The exit that follows every answer arrives after it; give it time to.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toEqual([]);
  });
});
