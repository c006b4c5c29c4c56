import fs from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { backupNameSchema, backupReasons, type BackupEntry, type BackupReason } from '../../../shared/backups';
import { AppError } from '../../../shared/errors';
import { dataFingerprint } from './fingerprint';
import { integrityProblems } from './integrity';

/** The file-name word for each reason ("octave-2026-12-01T11-40-05-before-import.sqlite"). */
const reasonSlugs: Record<BackupReason, string> = {
  import: 'before-import',
  training: 'before-training',
  deleteImport: 'before-deleting-import',
  clearDemo: 'before-clearing-demo',
  restore: 'before-restore',
  onRequest: 'on-request',
};
const reasonBySlug = new Map(backupReasons.map((reason) => [reasonSlugs[reason], reason]));
const namePattern = /^octave-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d+))?-([a-z-]+)\.sqlite$/;

/** Beside the database, in the user-data folder. */
export function backupsFolder(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'backups');
}

/** Thrown when the file to back up is damaged: the newest backup must always be a good one. */
export class DamagedDatabaseError extends AppError {
  constructor(readonly problems: string[]) {
    super('damaged', 'The data file is damaged, so no backup was taken from it.');
  }
}

/** The backups in the folder, newest first; files that are not backups (a temp file of a crashed backup) are left out. */
export function listBackups(databasePath: string): BackupEntry[] {
  const folder = backupsFolder(databasePath);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const entries: Array<BackupEntry & { order: number }> = [];
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed) continue;
    let bytes: number;
    try {
      bytes = fs.statSync(path.join(folder, name)).size;
    } catch {
      continue;
    }
    entries.push({ name, takenAt: parsed.takenAt, reason: parsed.reason, bytes, order: parsed.order });
  }
  entries.sort((a, b) => (a.takenAt === b.takenAt ? b.order - a.order : a.takenAt < b.takenAt ? 1 : -1));
  return entries.map(({ order: _order, ...entry }) => entry);
}

function parseName(name: string): { takenAt: string; reason: BackupReason; order: number } | null {
  const match = namePattern.exec(name);
  const reason = match ? reasonBySlug.get(match[6] ?? '') : undefined;
  if (!match || !reason) return null;
  return { takenAt: `${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`, reason, order: Number(match[5] ?? 1) };
}

/** The path of a backup named by a caller, refused unless it is one of this folder's backups. */
export function backupPath(databasePath: string, name: string): string {
  if (!backupNameSchema.safeParse(name).success || !listBackups(databasePath).some((b) => b.name === name)) {
    throw new AppError('not_found', 'That backup is no longer in the backups folder. Choose another one.');
  }
  return path.join(backupsFolder(databasePath), name);
}

/** A backup handed back by takeBackup; `reused` when the newest one already held this data and no copy was made. */
export type TakenBackup = BackupEntry & { reused: boolean };

/**
 * Checks the database, then copies it with SQLite's online backup (page by
 * page, yielding between steps, so other work goes on) into the backups
 * folder, and keeps the newest `keep`. The copy is written under a temporary
 * name and renamed when complete, so a crash never leaves a half backup that
 * looks like a good one. Never backs up a damaged file.
 *
 * When the newest backup already holds the same data (an import refused as
 * imported before, a training refused for too few customers, a backup asked
 * for twice), no second copy is made and that backup is handed back: with
 * "keep 3", three copies of one state would push the only backup of the
 * data before an import out. The check still runs, as it guards the action
 * that follows. The fingerprint is read before the copy, so a write landing
 * between the two can only make the next backup look new (one copy too
 * many), never make a changed file look backed up.
 */
export async function takeBackup(
  db: Database,
  databasePath: string,
  options: { reason: BackupReason; keep: number; protect?: readonly string[]; now?: Date },
): Promise<TakenBackup> {
  const problems = integrityProblems(db, false);
  if (problems.length > 0) throw new DamagedDatabaseError(problems);
  const folder = backupsFolder(databasePath);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  removeHalfBackups(folder);
  const fingerprint = dataFingerprint(db);
  const newest = listBackups(databasePath)[0];
  if (newest && backupFingerprint(folder, newest.name) === fingerprint) {
    pruneBackups(databasePath, options.keep, [newest.name, ...(options.protect ?? [])]);
    return { ...newest, reused: true };
  }
  const name = freeName(folder, options.now ?? new Date(), options.reason);
  const final = path.join(folder, name);
  const partial = path.join(folder, `.${name}.partial`);
  try {
    // Created first with its mode, so the copy is never readable by others, even for a moment.
    fs.closeSync(fs.openSync(partial, 'w', 0o600));
    await db.backup(partial);
    // A backup stands alone as one file: no -wal beside it to lose when it is copied or restored.
    const copy = new Sqlite(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    fs.chmodSync(partial, 0o600);
    syncFile(partial);
    fs.renameSync(partial, final);
    writeFingerprint(folder, name, fingerprint);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new AppError('io', `The backup could not be written to ${folder}: ${describe(error)}`, { cause: error });
  }
  pruneBackups(databasePath, options.keep, [name, ...(options.protect ?? [])]);
  const entry = listBackups(databasePath).find((b) => b.name === name);
  if (!entry) throw new AppError('io', `The backup ${name} disappeared from ${folder} as it was written.`);
  return { ...entry, reused: false };
}

/**
 * Beside each backup, NAME.json holds its data's fingerprint, written under a
 * temporary name and renamed, so it is whole or absent. A backup without one
 * (made before this, or cut off between the two renames) is never taken for
 * the same data: the next backup is simply made.
 */
function writeFingerprint(folder: string, name: string, fingerprint: string): void {
  const partial = path.join(folder, `.${name}.json.partial`);
  fs.writeFileSync(partial, JSON.stringify({ fingerprint }), { mode: 0o600 });
  syncFile(partial);
  fs.renameSync(partial, path.join(folder, `${name}.json`));
}

function backupFingerprint(folder: string, name: string): string | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(folder, `${name}.json`), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'fingerprint' in parsed && typeof parsed.fingerprint === 'string' ? parsed.fingerprint : null;
  } catch {
    return null;
  }
}

function readNames(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

/** What a backup cut short by a crash left (backups run one at a time, so none is being written now). */
function removeHalfBackups(folder: string): void {
  for (const name of fs.readdirSync(folder)) {
    if (name.startsWith('.octave-') && name.endsWith('.partial')) fs.rmSync(path.join(folder, name), { force: true });
  }
}

/** Deletes the oldest backups past `keep`; never one named in `protect` (the one just taken, or being restored). */
export function pruneBackups(databasePath: string, keep: number, protect: readonly string[] = []): string[] {
  const removed: string[] = [];
  const folder = backupsFolder(databasePath);
  for (const entry of listBackups(databasePath).slice(keep)) {
    if (protect.includes(entry.name)) continue;
    fs.rmSync(path.join(folder, entry.name), { force: true });
    fs.rmSync(path.join(folder, `${entry.name}.json`), { force: true });
    removed.push(entry.name);
  }
  // A fingerprint whose backup was deleted by hand would stay for ever.
  for (const name of readNames(folder)) {
    if (name.endsWith('.sqlite.json') && parseName(name.slice(0, -5)) && !fs.existsSync(path.join(folder, name.slice(0, -5)))) fs.rmSync(path.join(folder, name), { force: true });
  }
  return removed;
}

/**
 * Sorts by time (UTC, so a clock change never reorders them) and says why. A
 * second backup in the same second, for whatever reason, is numbered "-2", so
 * the order of backups taken together is never lost.
 */
function freeName(folder: string, now: Date, reason: BackupReason): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  let taken = 0;
  for (const name of fs.readdirSync(folder)) {
    const match = namePattern.exec(name.replace(/^\.(.*)\.partial$/, '$1'));
    if (match && `${match[1]}T${match[2]}-${match[3]}-${match[4]}` === stamp) taken = Math.max(taken, Number(match[5] ?? 1));
  }
  return `octave-${stamp}${taken === 0 ? '' : `-${taken + 1}`}-${reasonSlugs[reason]}.sqlite`;
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
