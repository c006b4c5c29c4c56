import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseBefore, migrateToLatest } from '../../../testing/migrations';
import { tempDir } from '../../../testing/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

it('the unknown-spend migration keeps every customer-level row and lets a spend be unknown, never negative', () => {
  const db = databaseBefore(tmp.file('spend.sqlite'), 'unknown-spend');
  const outlet = db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Matale', 'Matale', 'Central')").run().lastInsertRowid;
  const customer = db.prepare("INSERT INTO customers (code, home_outlet_id) VALUES ('C1', ?)").run(outlet).lastInsertRowid;
  const importId = db.prepare("INSERT INTO imports (kind, source_name, started_at, finished_at) VALUES ('file', 'w.csv', '2026-01-01', '2026-01-01')").run().lastInsertRowid;
  db.prepare(
    `INSERT INTO customer_spend (customer_id, import_id, outlet_id, fresh_cents, dry_cents, luxury_cents, other_cents, visits, first_purchase, last_purchase, segment_label)
     VALUES (?, ?, ?, 100, 200, 300, NULL, 4, '2025-01-01', '2025-02-01', 'Gold')`,
  ).run(customer, importId, outlet);
  const before = db.prepare('SELECT * FROM customer_spend').all();
  migrateToLatest(db);
  expect(db.prepare('SELECT * FROM customer_spend').all()).toEqual(before);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.prepare('UPDATE customer_spend SET fresh_cents = NULL').run();
  expect(db.prepare('SELECT fresh_cents FROM customer_spend').pluck().get()).toBeNull();
  expect(() => db.prepare('UPDATE customer_spend SET dry_cents = -1').run()).toThrow(/CHECK/);
  expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'customer_spend' AND name LIKE 'customer_spend_%'").pluck().get()).toBe(2);
  db.close();
});
