import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseBefore, migrateThrough, migrateToLatest } from '../../../testing/migrations';
import { tempDir } from '../../../testing/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const outletId = (db: Database, name: string): number => db.prepare('SELECT id FROM outlets WHERE name = ?').pluck().get(name) as number;

/** A till export of two days at two outlets, with a return, summed into sales_daily the way imports did before version 10. */
function fillVersion9(db: Database) {
  const colombo = outletId(db, 'Colombo');
  const kandy = outletId(db, 'Kandy');
  const importId = db
    .prepare("INSERT INTO imports (kind, source_name, started_at, finished_at, rows_read, rows_imported) VALUES ('file', 'till-march.csv', '2026-03-03 09:00:00', '2026-03-03 09:01:00', 5, 5)")
    .run().lastInsertRowid;
  const customer = db.prepare("INSERT INTO customers (code, home_outlet_id, import_id) VALUES ('LC-1001', ?, ?)").run(colombo, importId).lastInsertRowid;
  const rice = db.prepare("INSERT INTO products (code, name, category_id, unit_price_cents) VALUES ('P-RICE', 'Samba rice 5 kg', 2, 145000)").run().lastInsertRowid;
  const line = db.prepare(
    `INSERT INTO sales_lines (import_id, sold_at, basket, customer_id, outlet_id, product_id, category_id, quantity, amount_cents, line_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  line.run(importId, '2026-03-01 10:15:00', 'B1', customer, colombo, rice, 2, 2, 290000, 11);
  line.run(importId, '2026-03-01 10:15:00', 'B1', customer, colombo, null, 1, 1.5, 67500, 12);
  line.run(importId, '2026-03-01 17:40:00', 'B2', null, colombo, rice, 2, 3, 435000, 13);
  line.run(importId, '2026-03-01 18:05:00', 'B3', customer, colombo, rice, 2, -1, -145000, null);
  line.run(importId, '2026-03-02 11:00:00', 'B4', null, kandy, null, 3, 4, 96000, 14);
  db.exec(`INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents)
           SELECT substr(sold_at, 1, 10), outlet_id, category_id, count(*), sum(amount_cents) FROM sales_lines GROUP BY 1, 2, 3`);
  // A day whose lines were deleted since, summed before the delete: no quantity to count, so no items.
  db.prepare("INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents) VALUES ('2026-02-28', ?, 4, 1, 5000)").run(kandy);

  const model = db
    .prepare(
      `INSERT INTO model_versions (created_at, window_from, window_to, k, labels_from, customers, seed, model, quality, timings, reference, active)
       VALUES ('2026-03-03T09:05:00Z', '2025-03-03', '2026-03-02', 4, 'kmeans', 1, 42, '{}', '{}', '{}', '{}', 1)`,
    )
    .run().lastInsertRowid;
  db.prepare(
    `INSERT INTO customer_segments (customer_id, model_id, segment, rfm_r, rfm_f, rfm_m, rfm_segment, last_day, spend, fresh, dry, luxury, visits, outlets)
     VALUES (?, ?, 2, 5, 3, 4, 'Loyal', 20513, 6475.0, 675.0, 5800.0, 0, 3, ?)`,
  ).run(customer, model, String(colombo));
  return { colombo, kandy, importId };
}

const salesLines = (db: Database) => db.prepare('SELECT * FROM sales_lines ORDER BY id').all();
const daily = (db: Database) => db.prepare('SELECT day, outlet_id, category_id, lines, amount_cents FROM sales_daily ORDER BY 1, 2, 3').all();
const segments = (db: Database) =>
  db.prepare('SELECT customer_id, model_id, segment, rfm_r, rfm_f, rfm_m, rfm_segment, last_day, spend, fresh, dry, luxury, visits, outlets FROM customer_segments').all();

it('the unvalued-lines migration keeps every sales line, counts each day’s items from the quantities, and lets a line have no amount', () => {
  const db = databaseBefore(tmp.file('lines.sqlite'), 'unvalued-lines');
  const { colombo, kandy, importId } = fillVersion9(db);
  const lines = salesLines(db);
  const sums = daily(db);
  const assigned = segments(db);
  expect(() => db.prepare("INSERT INTO sales_lines (import_id, sold_at, outlet_id, category_id, quantity, amount_cents) VALUES (?, '2026-03-02 12:00:00', ?, 1, 1, NULL)").run(importId, kandy)).toThrow(/NOT NULL/);

  migrateThrough(db, 'unvalued-lines');

  expect(salesLines(db)).toEqual(lines);
  expect(daily(db)).toEqual(sums);
  // Items are the quantities summed, a return taking its quantity back; no line had a missing amount.
  expect(db.prepare('SELECT day, outlet_id, category_id, items, unvalued FROM sales_daily ORDER BY 1, 2, 3').all()).toEqual([
    { day: '2026-02-28', outlet_id: kandy, category_id: 4, items: 0, unvalued: 0 },
    { day: '2026-03-01', outlet_id: colombo, category_id: 1, items: 1.5, unvalued: 0 },
    { day: '2026-03-01', outlet_id: colombo, category_id: 2, items: 4, unvalued: 0 },
    { day: '2026-03-02', outlet_id: kandy, category_id: 3, items: 4, unvalued: 0 },
  ]);
  // The model found before measured its customers in money; their item counts were never worked out.
  expect(db.prepare('SELECT measure FROM model_versions').pluck().all()).toEqual(['money']);
  expect(segments(db)).toEqual(assigned);
  expect(db.prepare('SELECT items, fresh_items, dry_items, luxury_items FROM customer_segments').get()).toEqual({ items: null, fresh_items: null, dry_items: null, luxury_items: null });

  // A line without a value is now unknown, not refused; a line already imported is still recognised.
  db.prepare("INSERT INTO sales_lines (import_id, sold_at, outlet_id, category_id, quantity, amount_cents) VALUES (?, '2026-03-02 12:00:00', ?, 1, 1, NULL)").run(importId, kandy);
  expect(() =>
    db.prepare("INSERT INTO sales_lines (import_id, sold_at, outlet_id, category_id, quantity, amount_cents, line_key) VALUES (?, '2026-03-01 10:15:00', ?, 2, 2, 290000, 11)").run(importId, colombo),
  ).toThrow(/UNIQUE/);
  expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sales_lines' ORDER BY name").pluck().all()).toEqual([
    'sales_lines_customer',
    'sales_lines_identity',
    'sales_lines_import',
  ]);
  expect(db.pragma('foreign_key_check')).toEqual([]);

  migrateToLatest(db);
  expect(salesLines(db).slice(0, lines.length)).toEqual(lines);
  expect(daily(db)).toEqual(sums);
  db.close();
});
