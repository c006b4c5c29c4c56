import type { CallName } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../app/context';
import { isDamageError } from '../../platform/db/integrity';
import type { HandlerTable } from './dispatch';

/**
 * The calls that still work on a damaged file: reads, the session (signing
 * in must work, or nobody could restore), and the way out (restore, saving
 * what can still be read). Any other call, including one added later, is
 * refused while the file is damaged, so nothing more is written into it.
 */
const allowedWhenDamaged: ReadonlySet<string> = new Set<CallName>([
  'getAuthState', 'signIn', 'signOut', 'touchSession', 'listUsers', 'listAuditLog',
  'getAppStatus', 'getDashboardSummary', 'getSalesByOutlet', 'getJob', 'cancelJob',
  'chooseImportFile', 'getImportCheck', 'getImportResult', 'listImports', 'getImportReport', 'saveImportReport',
  'listOutlets', 'listCategoryRules', 'getSegmentationResult', 'listModelVersions', 'listSegments',
  'getRfmSummary', 'getSegmentOverview', 'getRfmOverview',
  'getReportExport', 'listReports', 'openReport', 'showReportInFolder', 'getReportsFolder', 'getCurrency',
  'getSegmentDetail', 'getSegmentCustomers',
  'getDatabaseHealth', 'listBackups', 'restoreBackup', 'saveReadableData',
]);

/** What may run while a restore swaps the file: only what touches no data. */
const duringRestore: ReadonlySet<string> = new Set<CallName>(['getAuthState', 'touchSession', 'getDatabaseHealth']);

/**
 * Wraps every handler: refuses writes on a damaged file with the damage
 * message, and turns damage met by any call (SQLite's "malformed", from this
 * thread or another) into that state and that message instead of a raw error.
 */
export function guardAgainstDamage(ctx: AppContext, handlers: HandlerTable): HandlerTable {
  const guarded: Record<string, (input: unknown, caller: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<[string, (input: unknown, caller: unknown) => unknown]>) {
    guarded[name] = async (input, caller) => {
      if (ctx.health.restoring && !duringRestore.has(name)) throw new AppError('conflict', 'A backup is being restored. Try again in a moment.');
      if (ctx.health.damaged && !allowedWhenDamaged.has(name)) throw ctx.health.refusal(forAdministrator(ctx));
      try {
        return await handler(input, caller);
      } catch (error) {
        throw damageMet(ctx, error);
      }
    };
  }
  return guarded as unknown as HandlerTable;
}

/** Runs one write of a call's effects (its audit entry): damage it meets is the damage message, as in the call itself. */
export function asDamage(ctx: AppContext, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw damageMet(ctx, error);
  }
}

const forAdministrator = (ctx: AppContext): boolean => ctx.auth.current()?.permissions.includes('settings') ?? false;

/** SQLite's "malformed", met here or on another thread: the file is marked damaged and the answer is the damage message. */
function damageMet(ctx: AppContext, error: unknown): unknown {
  if (isDamageError(error) || (error instanceof AppError && error.kind === 'internal' && isDamageError(error.cause))) {
    ctx.health.markDamaged([error instanceof Error ? error.message : String(error)]);
    return ctx.health.refusal(forAdministrator(ctx));
  }
  return error;
}
