import type { Database } from 'better-sqlite3';

/** Small facts about this database that belong with its data (not user preferences). */
export type MetaKey = 'demo_dismissed' | 'idle_minutes' | 'reports_folder' | 'currency' | 'backups_keep';

export function getMeta(db: Database, key: MetaKey): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Database, key: MetaKey, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
