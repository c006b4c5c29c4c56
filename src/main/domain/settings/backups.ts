import type { Database } from 'better-sqlite3';
import { backupsKeptSchema, defaultBackupsKept } from '../../../shared/backups';
import { getMeta, setMeta } from '../../platform/meta';

/** "Backups to keep" in Settings: how many backups stay in the folder after each new one. */
export function backupsToKeep(db: Database): number {
  const parsed = backupsKeptSchema.safeParse(Number(getMeta(db, 'backups_keep')));
  return parsed.success ? parsed.data : defaultBackupsKept;
}

export function setBackupsToKeep(db: Database, keep: number): number {
  setMeta(db, 'backups_keep', String(backupsKeptSchema.parse(keep)));
  return keep;
}
