import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../../testing/database';
import { refreshPlannerStatistics, type Connection } from './connection';

const test = databasePerTest();

// The plan of the import's last step (each new customer's home outlet), which must
// find a customer's lines through the index, not by reading every line.
const homeOutletPlan = (db: Connection['sqlite']) =>
  (
    db
      .prepare(
        `EXPLAIN QUERY PLAN UPDATE customers SET home_outlet_id = (
           SELECT outlet_id FROM sales_lines s WHERE s.customer_id = customers.id
           GROUP BY outlet_id ORDER BY count(*) DESC, outlet_id LIMIT 1)
         WHERE import_id = 2 AND home_outlet_id IS NULL`,
      )
      .all() as Array<{ detail: string }>
  ).map((r) => r.detail);

describe('planner statistics', () => {
  it('taken on a one-line table mislead SQLite into reading every line per customer, until refreshed', () => {
    const db = test.conn.sqlite;
    db.exec(`INSERT INTO imports (id, kind, source_name, started_at, finished_at) VALUES (1, 'file', 'one line', '', ''), (2, 'file', 'big', '', '')`);
    db.exec(`INSERT INTO sales_lines (import_id, sold_at, outlet_id, category_id, quantity, amount_cents) VALUES (1, '2026-01-01', 1, 1, 1, 100)`);
    db.pragma('optimize');
    db.exec('BEGIN');
    const customer = db.prepare(`INSERT INTO customers (id, code, import_id) VALUES (?, ?, 2)`);
    const line = db.prepare(`INSERT INTO sales_lines (import_id, sold_at, customer_id, outlet_id, category_id, quantity, amount_cents) VALUES (2, '2026-02-01', ?, ?, 1, 1, 100)`);
    for (let c = 1; c <= 2000; c++) {
      customer.run(c, `C${c}`);
      for (let i = 0; i < 20; i++) line.run(c, (i % 20) + 1);
    }
    expect(homeOutletPlan(db)).toContain('SCAN s');
    refreshPlannerStatistics(db, ['sales_lines', 'customers']);
    expect(homeOutletPlan(db)).toContain('SEARCH s USING INDEX sales_lines_customer (customer_id=?)');
    db.exec('COMMIT');
  });
});
