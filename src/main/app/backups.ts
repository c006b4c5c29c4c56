import path from 'node:path';
import { backupReasonWords, type BackupEntry, type BackupReason, type SalvageResult } from '../../shared/backups';
import { jobKinds } from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import { formatCount, formatDayTimeSeconds } from '../../shared/format';
import type { AuditCarried } from '../platform/db/auditCarry';
import { backupPath, listBackups, type TakenBackup } from '../platform/db/backups';
import { replaceDatabaseFile } from '../platform/db/restore';
import { backupsToKeep } from '../domain/settings/backups';
import type { AppContext } from './context';

const mayAct = (ctx: Pick<AppContext, 'auth'>): boolean => ctx.auth.current()?.permissions.includes('settings') ?? false;

/** What a backup before a change reads: the file's health, the backup thread, the setting of how many to keep, and who asks. */
export type BackupDeps = Pick<AppContext, 'health' | 'background' | 'connection' | 'auth'>;

/**
 * A backup before something that changes much data (an import, a training, a
 * deletion). On a damaged file the work does not start: the app marks the
 * file damaged and the caller gets the damage message. When the newest
 * backup already holds this data, that one is handed back (`reused`).
 */
export async function backupBefore(ctx: BackupDeps, reason: BackupReason, protect: string[] = []): Promise<TakenBackup> {
  if (ctx.health.damaged) throw ctx.health.refusal(mayAct(ctx));
  try {
    return await ctx.background.run('backup', { reason, keep: backupsToKeep(ctx.connection.sqlite), protect });
  } catch (error) {
    if (AppError.from(error).kind !== 'damaged') throw error;
    ctx.health.markDamaged([AppError.from(error).message]);
    throw ctx.health.refusal(mayAct(ctx));
  }
}

/** A restore swaps the file under every connection: no job may be reading or writing it. */
function refuseWhileAnyJob(ctx: Pick<AppContext, 'jobs'>): void {
  if (jobKinds.some((kind) => ctx.jobs.running(kind))) {
    throw new AppError('conflict', 'A job is running (an import, a training, a report or the demo data). Wait for it to finish, or stop it, before you restore a backup.');
  }
}

/**
 * Replaces all current data with a backup while the app runs: checks the
 * backup, keeps a backup of the current data when it is sound, stops every
 * thread that holds the file open, puts the backup in place, opens it again
 * and tells every screen to reload.
 */
export async function restoreBackup(ctx: BackupDeps & Pick<AppContext, 'jobs' | 'filters' | 'log' | 'emit'>, name: string): Promise<BackupEntry> {
  refuseWhileAnyJob(ctx);
  if (ctx.health.restoring) throw new AppError('conflict', 'A backup is already being restored.');
  const file = backupPath(ctx.connection.path, name);
  const entry = listBackups(ctx.connection.path).find((b) => b.name === name) as BackupEntry;
  // To the second: the trail names exactly which backup, even of two taken in one minute.
  const when = formatDayTimeSeconds(entry.takenAt);
  const problems = await ctx.background.run('checkBackup', file);
  if (problems.length > 0) {
    ctx.log.error(`The backup ${file} is damaged`, problems);
    throw new AppError('validation', `The backup of ${when} is damaged too, so it was not restored. Choose an older one.`);
  }
  ctx.health.restoring = true;
  let audit: AuditCarried;
  try {
    if (!ctx.health.damaged) {
      try {
        await backupBefore(ctx, 'restore', [name]);
      } catch (error) {
        // A file found damaged now is exactly what the restore is for; anything else (a full disk) stops it.
        if (AppError.from(error).kind !== 'damaged') throw error;
      }
    }
    refuseWhileAnyJob(ctx);
    await ctx.health.stopChecking();
    await ctx.filters.close();
    await ctx.background.close();
    audit = replaceDatabaseFile(ctx.connection, file);
  } finally {
    ctx.health.restoring = false;
  }
  ctx.health.markGood();
  // Written here, not by dispatch: into the restored file, in the restorer's name, before the session may end just below.
  ctx.auth.audit('backupRestored', `Backup of ${when} restored (${backupReasonWords[entry.reason].toLowerCase()})${lostEntries(audit)}`);
  // The accounts are now the backup's: a session whose account it does not hold (same id, name and role, switched on) ends.
  const user = ctx.auth.current();
  if (user && !ctx.auth.listUsers().some((u) => u.id === user.id && u.username === user.username && u.role === user.role && u.active)) ctx.auth.signOut();
  return entry;
}

/** What the restore entry says when the damaged file's trail could not all be carried over. */
function lostEntries(audit: AuditCarried): string {
  if (audit.unknown) return '; the audit entries written since the backup could not be read from the damaged file';
  if (audit.unreadable === 0) return '';
  return `; ${formatCount(audit.unreadable)} audit ${audit.unreadable === 1 ? 'entry' : 'entries'} could not be read from the damaged file`;
}

/** On request from Settings; refused on a damaged file like every other backup. `reused` is for the audit log. */
export async function backupNow(ctx: BackupDeps): Promise<BackupEntry & { reused: boolean }> {
  return backupBefore(ctx, 'onRequest');
}

/**
 * Saves every row that can still be read into a new file: where the user
 * chooses in the desktop app; beside the data file where there is no dialog
 * (the browser), named so it is never taken for a backup.
 */
export async function saveReadableData(ctx: Pick<AppContext, 'dialogs' | 'connection' | 'background' | 'health' | 'log' | 'auth'>): Promise<SalvageResult> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const defaultName = `octave-readable-${stamp}.sqlite`;
  const target = ctx.dialogs
    ? await ctx.dialogs.saveFile({ title: 'Save what can still be read', defaultName, filters: [{ name: 'Octave Segments data', extensions: ['sqlite'] }] })
    : path.join(path.dirname(ctx.connection.path), defaultName);
  if (target === null) return { saved: false, path: null, tables: [] };
  if (path.resolve(target) === ctx.connection.path) throw new AppError('validation', 'Choose a new file: the damaged data file itself cannot be overwritten.');
  const tables = await ctx.background.run('salvage', target);
  return { saved: true, path: target, tables };
}
