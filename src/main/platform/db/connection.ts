import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../../shared/errors';
import { formatDayTime } from '../../../shared/format';
import { backupsFolder, listBackups } from './backups';
import { migrate } from './migrate';
import type { DB } from './schema';
// issue 15, file modes
import { makePrivateFolder, tightenFileModes } from '../privateFiles';

export interface Connection {
  readonly path: string;
  readonly sqlite: Database;
  readonly db: Kysely<DB>;
  close(): void;
  /**
   * Closes the file and opens it again: after a restore replaced it on disk.
   * `sqlite` and `db` then answer from the new file, so whoever holds this
   * connection (not the old Database object) follows without being rebuilt.
   */
  reopen(): void;
}

/**
 * Opens (creating if needed) the app's SQLite file, migrated to the newest schema.
 * WAL lets the window read while a worker writes an import.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Connection {
  const resolved = path.resolve(file);
  let sqlite = openSqlite(resolved, options);
  let db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    path: resolved,
    get sqlite() {
      return sqlite;
    },
    get db() {
      return db;
    },
    close() {
      if (sqlite.open) sqlite.close();
    },
    reopen() {
      if (sqlite.open) sqlite.close();
      sqlite = openSqlite(resolved, options);
      db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    },
  };
}

function openSqlite(resolved: string, options: { migrate?: boolean }): Database {
  let sqlite: Database;
  try {
    // issue 15, file modes: the user-data folder (or a new --db folder) is the owner's only.
    makePrivateFolder(path.dirname(resolved));
    sqlite = new Sqlite(resolved);
    sqlite.pragma('journal_mode = WAL');
    tightenFileModes([resolved, `${resolved}-wal`, `${resolved}-shm`]);
  } catch (error) {
    throw new AppError('database', describeOpenError(resolved, error), { cause: error });
  }
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 10000');
    if (options.migrate !== false) migrate(sqlite);
  } catch (error) {
    sqlite.close();
    if (error instanceof AppError) throw error;
    throw new AppError('database', describeOpenError(resolved, error), { cause: error });
  }
  return sqlite;
}

function describeOpenError(file: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    // The window cannot open to offer the restore, so the message says how to do it by hand.
    const latest = listBackups(file)[0];
    const restore = latest
      ? ` The latest good backup is ${path.join(backupsFolder(file), latest.name)} (${formatDayTime(latest.takenAt)}): to go back to it, close Octave Segments, move ${path.basename(file)} elsewhere, and copy the backup in its place under the name ${path.basename(file)}.`
      : ' Choose another file or restore a backup.';
    return `The file ${file} is not an Octave Segments database, or it is damaged.${restore}`;
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM') {
    return `Octave Segments cannot open its database at ${file}. Check that the folder exists and that you may write to it.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Octave Segments could not open its database at ${file}: ${message}`;
}

/**
 * Refreshes the query planner's table statistics after a write that changed
 * a table's size a lot, inside the same transaction. Statistics taken when
 * sales_lines held one line make SQLite scan the whole table for every
 * customer instead of using an index (an import after a one-line import took
 * 38 s instead of 2.4 s). Sampled (analysis_limit), so it costs milliseconds.
 */
export function refreshPlannerStatistics(db: Database, tables: readonly string[]): void {
  db.pragma('analysis_limit = 1000');
  for (const table of tables) db.exec(`ANALYZE ${table}`);
}
