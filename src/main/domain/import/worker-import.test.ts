import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import { writeDemoCsv } from '../demo/csv';
import { contextPerTest } from '../../testing/context';
import { databaseSnapshot } from '../../testing/snapshot';
import { builtCli } from '../../testing/temp';
import { automaticDecisions } from './decisions';
import { importHeadless } from '../../app/headlessImport';

const run = promisify(execFile);
const onlineRetail = path.resolve(__dirname, '../../../../../shared/data/online_retail.csv.gz');

const env = contextPerTest();

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const result = await run(process.execPath, [builtCli, ...args, '--json'], { maxBuffer: 1 << 24 }).catch((e: { stdout: string }) => e);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('import in a worker thread', () => {
  it.skipIf(!fs.existsSync(onlineRetail))(
    'Online Retail (needs ../shared/data/online_retail.csv.gz): every line in exactly one bucket, through the CLI',
    async () => {
      const db = env.tmp.file('retail.sqlite');
      const out = await cli('import', onlineRetail, '--db', db, '--accept-amounts');
      expect(out).toMatchObject({
        ok: true,
        rowsRead: 541_909,
        duplicatesInFile: 5_268,
        alreadyImported: 0,
        anonymous: 132_565,
        cancellations: 9_251,
        returns: 9_251,
        customersNew: 4_371, // of the 4,372 customers, one has only zero-price lines
        firstSale: '2010-12-01 08:26:00',
        lastSale: '2011-12-09 12:50:00',
      });
      const reasons = Object.fromEntries((out.rejectedByReason as Array<{ reason: string; rows: number }>).map((r) => [r.reason, r.rows]));
      expect(reasons).toEqual({
        'UnitPrice is zero (no sale)': 2_510,
        'UnitPrice is negative (an adjustment, not a sale)': 2,
        'UnitPrice gives a line worth less than one cent': 4,
      });
      expect((out.imported as number) + (out.duplicatesInFile as number) + (out.alreadyImported as number) + (out.rejected as number)).toBe(541_909);
      expect(out).toMatchObject({ imported: 534_125, rejected: 2_516 });
      expect(out.decisions).toEqual([expect.stringMatching(/no outlet column/)]);
      expect(out).toHaveProperty('seconds');
      expect(out).toHaveProperty('rowsPerSecond');
      expect(out).toHaveProperty('peakRssMb');
      const after = databaseSnapshot(db);
      expect(after).toMatchObject({ sales_lines: 534_125, import_errors: 2_516, imports: 1, integrity: 'ok' });
      // A file this large has the secondary indexes built after its lines are in: they are all back.
      expect(after.indexes).toEqual(expect.arrayContaining(['sales_lines_customer', 'sales_lines_identity', 'sales_lines_import']));

      // The same file again: recognised, and nothing changes until the user chooses.
      const again = await cli('import', onlineRetail, '--db', db, '--accept-amounts');
      expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
      expect((again.error as { message: string }).message).toMatch(/already imported/);
      const skipped = await cli('import', onlineRetail, '--db', db, '--if-imported', 'skip', '--accept-amounts');
      expect(skipped).toMatchObject({ ok: true, skipped: true, importId: 1 });
      expect(databaseSnapshot(db)).toMatchObject({ sales_lines: 534_125, imports: 1 });
    },
    120_000,
  );

  it('a killed worker in the middle of a large import leaves the database unchanged, and the next import works', async () => {
    const file = env.tmp.file('export.csv');
    await writeDemoCsv(file, { customers: 8_000, seed: 7 }, { signal: new AbortController().signal, onProgress: () => undefined });
    const small = env.tmp.file('small.csv');
    fs.writeFileSync(small, 'Date,Outlet,Amount\n2026-01-02,Kandy,100\n');
    await importHeadless(env.ctx, small, { acceptAmounts: true });
    const before = databaseSnapshot(env.ctx.connection.path);

    const analysis = await env.ctx.jobs.run('importAnalyse', { file });
    const { jobId } = env.ctx.jobs.start('import', automaticDecisions(analysis, { acceptAmounts: true }).decisions);
    const job = (env.ctx.jobs as unknown as { jobs: Map<string, { worker: { terminate(): Promise<number> } | null; state: JobState }> }).jobs.get(jobId)!;
    const deadline = Date.now() + 60_000;
    while ((job.state.rows ?? 0) < 20_000 && job.state.status === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(job.state.status).toBe('running');
    expect(job.state.current).toBeLessThan(job.state.total);
    // Like a crash: the thread dies in the middle of its transaction.
    await job.worker!.terminate();
    await env.ctx.jobs.wait(jobId).catch(() => undefined);
    expect(env.ctx.jobs.get(jobId).status).toBe('failed');
    expect(databaseSnapshot(env.ctx.connection.path)).toEqual(before);
    const result = await importHeadless(env.ctx, file, { acceptAmounts: true });
    expect(result.summary.imported).toBeGreaterThan(100_000);
    expect(databaseSnapshot(env.ctx.connection.path).sales_lines).toBe(before.sales_lines + result.summary.imported);
  }, 120_000);

  it('cancel stops the import and changes nothing', async () => {
    const file = env.tmp.file('export.csv');
    await writeDemoCsv(file, { customers: 8_000, seed: 3 }, { signal: new AbortController().signal, onProgress: () => undefined });
    const before = databaseSnapshot(env.ctx.connection.path);
    const controller = new AbortController();
    env.ctx.subscribe((e) => {
      if (e.type === 'job' && e.job.kind === 'import' && (e.job.rows ?? 0) > 10_000) controller.abort();
    });
    const error = await importHeadless(env.ctx, file, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
    expect(databaseSnapshot(env.ctx.connection.path)).toEqual(before);
  }, 120_000);
});
