import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import outletList from '../../../../../resources/outlets.json';
import { databaseBefore, migrateThrough, migrateToLatest } from '../../../testing/migrations';
import { tempDir } from '../../../testing/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const outlets = (db: Database) => db.prepare('SELECT id, name, city, province FROM outlets ORDER BY id').all() as { id: number; name: string; city: string; province: string }[];
const salesLines = (db: Database) => db.prepare('SELECT id, import_id, sold_at, basket, customer_id, outlet_id, product_id, category_id, quantity, amount_cents FROM sales_lines ORDER BY id').all();

it('the import migration adds the chain’s outlets beside the ones already there, and leaves every sale where it was', () => {
  const db = databaseBefore(tmp.file('import.sqlite'), 'import');
  // Outlets a version-1 database made for itself: one the chain's list also names (spelt in other case, in another town), one it does not.
  const kandy = db.prepare("INSERT INTO outlets (name, city, province) VALUES ('KANDY', 'Peradeniya', 'Central')").run().lastInsertRowid;
  const pettah = db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Pettah Market', 'Colombo', 'Western')").run().lastInsertRowid;
  const importId = db.prepare("INSERT INTO imports (kind, source_name, started_at, finished_at) VALUES ('file', 'sales-jan.csv', '2026-01-31 18:00:00', '2026-01-31 18:02:00')").run().lastInsertRowid;
  const line = db.prepare(
    "INSERT INTO sales_lines (import_id, sold_at, basket, outlet_id, category_id, quantity, amount_cents) VALUES (?, ?, 'INV-7', ?, ?, ?, ?)",
  );
  line.run(importId, '2026-01-30 09:12:00', kandy, 1, 2, 84000);
  line.run(importId, '2026-01-30 09:12:00', pettah, 3, 1, 250000);
  line.run(importId, '2026-01-31 16:45:00', pettah, 2, -1, -45000);
  const before = outlets(db);
  const lines = salesLines(db);

  migrateThrough(db, 'import');

  const after = outlets(db);
  // The two outlets keep their ids and their own towns: a sale's outlet never changes under it.
  expect(after.slice(0, 2)).toEqual(before);
  // Each outlet on the chain's list once; the one already there by another case is not added again.
  for (const o of outletList) {
    const named = after.filter((a) => a.name.toLowerCase() === o.name.toLowerCase());
    expect(named, o.name).toHaveLength(1);
    if (o.name !== 'Kandy') expect(named[0]).toMatchObject({ city: o.city, province: o.province });
  }
  expect(after).toHaveLength(outletList.length + 1);
  expect(salesLines(db)).toEqual(lines);
  // Lines imported before had no identity: they are never taken for a line of a later file.
  expect(db.prepare('SELECT count(*) FROM sales_lines WHERE line_key IS NULL').pluck().get()).toBe(3);
  expect(db.prepare('SELECT shape, summary FROM imports').all()).toEqual([{ shape: null, summary: null }]);
  expect(db.pragma('foreign_key_check')).toEqual([]);

  migrateToLatest(db);
  expect(outlets(db)).toEqual(after);
  expect(salesLines(db)).toEqual(lines);
  db.close();
});
