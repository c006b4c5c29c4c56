import type { Database } from 'better-sqlite3';
import type { AppStatus } from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import type { AppContext } from './context';
import { getMeta, setMeta } from '../platform/meta';
import { backupBefore, type BackupDeps } from './backups';
import { defaultDemoOptions } from '../domain/demo/generator';
import { anyImport, demoLoaded } from '../domain/sales/imports';
import { anyCustomer } from '../domain/sales/customers';
import { lastSaleDay } from '../domain/sales/daily';
import { activeModelVersion } from '../domain/segmentation/store';

function hasDemoImport(db: Database): boolean {
  return demoLoaded(db);
}

function hasAnyData(db: Database): boolean {
  return anyImport(db) || anyCustomer(db);
}

export function appStatus(ctx: Pick<AppContext, 'connection' | 'jobs' | 'version'>): AppStatus {
  const db = ctx.connection.sqlite;
  const running = ctx.jobs.running('demoLoad');
  const demo: AppStatus['demo'] = running
    ? 'loading'
    : hasDemoImport(db)
      ? 'loaded'
      : getMeta(db, 'demo_dismissed')
        ? 'dismissed'
        : 'none';
  return {
    version: ctx.version,
    databasePath: ctx.connection.path,
    demo,
    demoJob: running ?? ctx.jobs.latest('demoLoad'),
    hasData: hasAnyData(db),
    freshness: {
      lastSale: lastSaleDay(db),
      model: activeModelVersion(db),
    },
  };
}

/** Starts writing the demo set in a worker; refuses if data or a load is already there. */
export function startDemoLoad(ctx: Pick<AppContext, 'connection' | 'jobs'>, customers: number = defaultDemoOptions.customers): { jobId: string } {
  const db = ctx.connection.sqlite;
  const running = ctx.jobs.running('demoLoad');
  if (running) return { jobId: running.jobId };
  if (hasDemoImport(db)) throw new AppError('conflict', 'The demo data is already loaded.');
  if (hasAnyData(db)) {
    throw new AppError('conflict', 'This database already holds your own sales data, so the demo data was not added to it.');
  }
  return { jobId: ctx.jobs.start('demoLoad', { customers }).jobId };
}

/**
 * On a new, empty database the demo set loads by itself once the first
 * administrator is made (its one long transaction would otherwise hold up
 * that first write), unless the user cleared or stopped it before.
 */
export function startDemoWhenSetUp(ctx: Pick<AppContext, 'connection' | 'jobs' | 'auth' | 'log'>, customers?: number): void {
  ctx.auth.whenSetUp(() => {
    try {
      startDemoIfEmpty(ctx, customers);
    } catch (error) {
      ctx.log.warn('The demo data could not be started', error);
    }
  });
}

/** On a new, empty database the demo set loads by itself, unless the user cleared or stopped it before. */
export function startDemoIfEmpty(ctx: Pick<AppContext, 'connection' | 'jobs'>, customers?: number): string | null {
  const db = ctx.connection.sqlite;
  if (hasAnyData(db) || getMeta(db, 'demo_dismissed')) return null;
  return startDemoLoad(ctx, customers).jobId;
}

export async function clearDemo(ctx: BackupDeps & Pick<AppContext, 'jobs' | 'emit'>): Promise<{ removedSalesLines: number; removedCustomers: number }> {
  if (ctx.jobs.running('demoLoad')) {
    throw new AppError('conflict', 'The demo data is still loading. Stop the load first, or wait for it to finish.');
  }
  await backupBefore(ctx, 'clearDemo');
  return ctx.background.run('clearDemoData');
}

/** Stops a job. Stopping the demo load also means "don't load it again at the next start". */
export async function cancelJob(ctx: Pick<AppContext, 'jobs' | 'connection'>, jobId: string): Promise<{ cancelled: boolean }> {
  const job = ctx.jobs.get(jobId);
  const cancelled = ctx.jobs.cancel(jobId);
  if (cancelled && job.kind === 'demoLoad') {
    await ctx.jobs.wait(jobId).catch(() => undefined);
    if (ctx.jobs.get(jobId).status === 'cancelled') setMeta(ctx.connection.sqlite, 'demo_dismissed', '1');
  }
  return { cancelled };
}
