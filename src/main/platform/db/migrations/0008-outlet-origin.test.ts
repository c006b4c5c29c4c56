import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseBefore, migrateThrough, migrateToLatest } from '../../../testing/migrations';
import { tempDir } from '../../../testing/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const outlets = (db: Database) => db.prepare('SELECT id, name, city, province FROM outlets ORDER BY id').all();

it('the outlet-origin migration keeps every earlier outlet as the chain’s own, tied to no import, and ties the ones imports add from then on', () => {
  const db = databaseBefore(tmp.file('outlets.sqlite'), 'outlet-origin');
  // Added by an import under version 7 (nothing recorded which), with a sale, and one added in Settings.
  const importId = db.prepare("INSERT INTO imports (kind, source_name, started_at, finished_at) VALUES ('file', 'pos-export.xlsx', '2026-02-10 08:00:00', '2026-02-10 08:03:00')").run().lastInsertRowid;
  const galle = db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Galle Fort', 'Galle', 'Southern')").run().lastInsertRowid;
  db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Maharagama', 'Maharagama', 'Western')").run();
  db.prepare("INSERT INTO sales_lines (import_id, sold_at, outlet_id, category_id, quantity, amount_cents) VALUES (?, '2026-02-09 13:20:00', ?, 1, 1, 32000)").run(importId, galle);
  const before = outlets(db);

  migrateThrough(db, 'outlet-origin');

  expect(outlets(db)).toEqual(before);
  expect(db.prepare('SELECT count(*) FROM outlets WHERE import_id IS NOT NULL OR district IS NOT NULL').pluck().get()).toBe(0);
  // An outlet the next import brings is tied to it; one whose import is gone would break the tie, which the schema refuses.
  const next = db.prepare("INSERT INTO imports (kind, source_name, started_at, finished_at) VALUES ('file', 'pos-march.xlsx', '2026-03-10 08:00:00', '2026-03-10 08:03:00')").run().lastInsertRowid;
  db.prepare("INSERT INTO outlets (name, city, province, import_id, district) VALUES ('Hikkaduwa', 'Hikkaduwa', 'Southern', ?, 'Galle')").run(next);
  expect(() => db.prepare('DELETE FROM imports WHERE id = ?').run(next)).toThrow(/FOREIGN KEY/);
  expect(db.pragma('foreign_key_check')).toEqual([]);

  migrateToLatest(db);
  expect(outlets(db).slice(0, before.length)).toEqual(before);
  db.close();
});
