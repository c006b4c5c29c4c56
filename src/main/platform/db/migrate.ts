import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest schema, or to `target` (for migration tests),
 * applying all pending migrations in one transaction: either all land or none.
 * A database written by a newer app is refused rather than guessed at.
 */
export function migrate(
  db: Database,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): { from: number; to: number } {
  const list = options.migrations ?? allMigrations;
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
  const latest = list.length;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new AppError(
      'unsupported',
      `This database was written by a newer version of Octave Segments (data format ${from}; this version reads up to ${latest}). ` +
        'Install the latest version of the app to open it. Nothing in the file was changed.',
    );
  }
  if (from >= target) return { from, to: from };
  db.transaction(() => {
    for (const m of list.slice(from, target)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: target };
}
