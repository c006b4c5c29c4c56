import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { carryAuditLog, type AuditCarried } from './auditCarry';
import { syncFile } from './backups';
import type { Connection } from './connection';
import { integrityProblems } from './integrity';

/** What SQLite's full check finds wrong with a backup file (opened read-only, so checking it changes nothing). */
export function backupFileProblems(file: string): string[] {
  let db: Sqlite.Database;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  try {
    return integrityProblems(db, false);
  } finally {
    db.close();
  }
}

/**
 * Puts a checked backup in place of the database file and opens it again. The
 * copy goes in under a temporary name and is renamed over the old file, so a
 * crash leaves either the old file or the whole backup, never a mix; the old
 * file's -wal and -shm go, or SQLite would replay the damaged file's last
 * writes onto the backup. The current file's audit entries the backup lacks
 * go into the copy first, so the trail survives the restore. Every other
 * connection to the file must be closed first (the caller stops the threads).
 */
export function replaceDatabaseFile(connection: Connection, backup: string): AuditCarried {
  const target = connection.path;
  const incoming = `${target}.restoring`;
  let audit: AuditCarried;
  try {
    fs.copyFileSync(backup, incoming);
    fs.chmodSync(incoming, 0o600);
    audit = carryAuditLog(connection.sqlite, incoming);
    syncFile(incoming);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  connection.close();
  try {
    fs.rmSync(`${target}-wal`, { force: true });
    fs.rmSync(`${target}-shm`, { force: true });
    fs.renameSync(incoming, target);
  } finally {
    // Opened again whatever happened: on the backup, or on the old file if it could not be replaced.
    fs.rmSync(incoming, { force: true });
    connection.reopen();
  }
  return audit;
}
