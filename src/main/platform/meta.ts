import type { Database } from 'better-sqlite3';
import { first, q, run } from './db/query';

/** Small facts about this database that belong with its data (not user preferences). */
export type MetaKey = 'demo_dismissed' | 'idle_minutes' | 'reports_folder' | 'currency' | 'backups_keep';

export function getMeta(db: Database, key: MetaKey): string | undefined {
  return first(db, q.selectFrom('meta').select('value').where('key', '=', key))?.value;
}

export function setMeta(db: Database, key: MetaKey, value: string): void {
  run(
    db,
    q
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
  );
}
