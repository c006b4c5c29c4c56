import Sqlite, { type Database } from 'better-sqlite3';
import { migrate, schemaVersion } from '../platform/db/migrate';
import { migrations } from '../platform/db/migrations';

/** The version of the migration named `name`; a renamed or removed migration fails its test at once. */
export function versionOf(name: string): number {
  const index = migrations.findIndex((m) => m.name === name);
  if (index < 0) throw new Error(`No migration is named "${name}"`);
  return index + 1;
}

/**
 * A new database file at `file`, migrated up to just before the migration named
 * `name`, with foreign keys enforced as the app's connection enforces them: the
 * state an older app left behind, ready for the rows a test puts in.
 */
export function databaseBefore(file: string, name: string): Database {
  const db = new Sqlite(file);
  db.pragma('foreign_keys = ON');
  migrate(db, { target: versionOf(name) - 1 });
  if (schemaVersion(db) !== versionOf(name) - 1) throw new Error(`Could not stop before migration "${name}"`);
  return db;
}

/** Runs the migration named `name` alone, as an app one version newer would. */
export function migrateThrough(db: Database, name: string): void {
  migrate(db, { target: versionOf(name) });
}

/** Every migration after it, up to the newest: nothing later may undo what it made. */
export function migrateToLatest(db: Database): void {
  migrate(db);
  if (schemaVersion(db) !== migrations.length) throw new Error('The database did not reach the newest version');
}
