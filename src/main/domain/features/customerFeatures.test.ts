import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { loadDemoData } from '../demo/load';
import { databasePerTest, testJob } from '../../testing/database';
import { addMonths } from '../../../shared/days';
import { computeFeatures, defaultWindow } from './customerFeatures';

const env = databasePerTest();

const fresh = 1;
const dry = 2;
const luxury = 3;

/** A small chain written by hand: every feature can be worked out on paper. */
function seed(): void {
  const db = env.conn.sqlite;
  db.exec(`INSERT INTO imports (id, kind, source_name, started_at, finished_at) VALUES (1, 'file', 'hand.csv', '2026-01-01', '2026-01-01')`);
  const customer = db.prepare('INSERT INTO customers (id, code, age, home_outlet_id, joined_on, import_id) VALUES (?, ?, ?, ?, ?, 1)');
  customer.run(1, 'C1', 34, 2, '2024-05-01');
  customer.run(2, 'C2', null, null, null);
  customer.run(3, 'C3', 61, 1, null); // only bought before the window
  customer.run(4, 'C4', 45, 1, null); // only returns in the window
  const line = db.prepare(
    'INSERT INTO sales_lines (import_id, sold_at, basket, customer_id, outlet_id, category_id, quantity, amount_cents) VALUES (1, ?, ?, ?, ?, ?, 1, ?)',
  );
  // C1: two baskets in the window at outlets 2 and 5, one line returned, one line before the window.
  line.run('2026-03-10 09:00:00', 'B1', 1, 2, fresh, 60_000);
  line.run('2026-03-10 09:00:00', 'B1', 1, 2, luxury, 30_000);
  line.run('2026-09-01 18:30:00', 'B2', 1, 5, dry, 20_000);
  line.run('2026-09-02 10:00:00', 'R1', 1, 5, luxury, -10_000);
  line.run('2025-01-15 12:00:00', 'B0', 1, 2, fresh, 99_900);
  // C2: two lines with no basket id on one day (one visit), one on another day.
  line.run('2026-06-30 08:00:00', null, 2, 3, dry, 5_000);
  line.run('2026-06-30 08:05:00', null, 2, 3, dry, 5_000);
  line.run('2026-10-31 23:59:59', null, 2, 3, fresh, 10_000);
  // C3 and an anonymous sale.
  line.run('2025-06-01 10:00:00', 'B3', 3, 1, fresh, 7_000);
  line.run('2026-10-01 10:00:00', 'B4', null, 1, fresh, 7_000);
  // C4: a return only.
  line.run('2026-04-01 10:00:00', 'R2', 4, 1, dry, -3_000);
  db.exec(`INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents) VALUES ('2026-10-31', 3, 1, 1, 10000)`);
}

describe('customer features', () => {
  it('take the twelve months up to the latest sale in the data, not today', () => {
    seed();
    expect(defaultWindow(env.conn.sqlite)).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('describe each customer who bought in the window, and say who was left out', () => {
    seed();
    const f = computeFeatures(env.conn.sqlite);
    expect(Array.from(f.customerIds)).toEqual([1, 2]);
    expect(f.leftOut).toEqual({ noPurchases: 1, onlyReturns: 1 });
    expect(f.missing).toEqual([]);
    const at = (name: keyof typeof f.columns, i: number) => f.columns[name][i];

    // C1: fresh 600, dry 200, luxury 300 - 100 returned; total 1,000 net.
    expect([at('freshSpend', 0), at('drySpend', 0), at('luxurySpend', 0), at('totalSpend', 0)]).toEqual([600, 200, 200, 1000]);
    expect([at('freshShare', 0), at('dryShare', 0), at('luxuryShare', 0)]).toEqual([0.6, 0.2, 0.2]);
    expect(at('visits', 0)).toBe(3); // B1, B2 and the return's visit R1
    expect(at('basketValue', 0)).toBeCloseTo(1000 / 3, 9);
    expect(at('recencyDays', 0)).toBe(59); // 2 Sep to 31 Oct
    expect(at('tenureDays', 0)).toBe(913); // joined 1 May 2024, before the first purchase on record
    expect(at('outletsUsed', 0)).toBe(2);
    expect(at('age', 0)).toBe(34);
    expect(at('returnsShare', 0)).toBeCloseTo(100 / 1100, 12);
    expect(f.homeOutlet[0]).toBe(2);

    // C2: no baskets, so days are visits; no age, no home outlet, no join date.
    expect(at('visits', 1)).toBe(2);
    expect(at('totalSpend', 1)).toBe(200);
    expect(at('recencyDays', 1)).toBe(0);
    expect(at('tenureDays', 1)).toBe(123); // first purchase 30 June
    expect(at('age', 1)).toBeNaN();
    expect(f.homeOutlet[1]).toBe(0);
  });

  it('follow a window the user chooses', () => {
    seed();
    const f = computeFeatures(env.conn.sqlite, { from: '2025-01-01', to: '2025-12-31' });
    expect(Array.from(f.customerIds)).toEqual([1, 3]);
    expect(f.columns.totalSpend[0]).toBe(999);
    expect(f.columns.recencyDays[1]).toBe(213); // 1 June to 31 December
  });

  it('refuse a window that is not a range, and say what to do with an empty database', () => {
    seed();
    expect(() => computeFeatures(env.conn.sqlite, { from: '2026-10-31', to: '2026-01-01' })).toThrow(/start date before the end date/);
    env.conn.sqlite.exec('DELETE FROM sales_lines; DELETE FROM sales_daily');
    expect(defaultWindow(env.conn.sqlite)).toBeNull();
    const error = (() => {
      try {
        computeFeatures(env.conn.sqlite);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/Import a sales export or load the demo data/);
  });

  it('use what a customer-level import supports and mark the rest missing', () => {
    const db = env.conn.sqlite;
    db.exec(`INSERT INTO imports (id, kind, source_name, started_at, finished_at) VALUES (1, 'file', 'spend.xlsx', '2026-01-01', '2026-01-01')`);
    db.exec(`INSERT INTO customers (id, code, import_id) VALUES (1, 'A', 1), (2, 'B', 1), (3, 'C', 1)`);
    db.exec(`INSERT INTO customer_spend (customer_id, import_id, outlet_id, fresh_cents, dry_cents, luxury_cents, segment_label) VALUES
      (1, 1, 4, 500000, 300000, 200000, 'Gold'), (2, 1, 7, 100000, 0, 0, 'Basic'), (3, 1, 7, 0, 0, 0, 'Basic')`);
    const f = computeFeatures(db);
    expect(Array.from(f.customerIds)).toEqual([1, 2]); // C spent nothing
    expect(f.columns.luxuryShare[0]).toBe(0.2);
    expect(f.columns.totalSpend[1]).toBe(1000);
    expect(Array.from(f.homeOutlet)).toEqual([4, 7]);
    // Nor does it count items.
    expect(f.missing).toEqual([
      'festiveShare', 'visits', 'recencyDays', 'tenureDays', 'basketValue', 'outletsUsed', 'age', 'returnsShare',
      'freshItems', 'dryItems', 'luxuryItems', 'totalItems', 'itemsPerVisit',
    ]);
    expect(f.source).toEqual({ salesLines: 0, customerLevel: 2 });
  });

  it('count a spend the import could not read (unknown) as not spent', () => {
    const db = env.conn.sqlite;
    db.exec(`INSERT INTO imports (id, kind, source_name, started_at, finished_at) VALUES (1, 'file', 'spend.csv', '2026-01-01', '2026-01-01')`);
    db.exec(`INSERT INTO customers (id, code, import_id) VALUES (1, 'A', 1), (2, 'B', 1)`);
    db.exec(`INSERT INTO customer_spend (customer_id, import_id, outlet_id, fresh_cents, dry_cents, luxury_cents) VALUES
      (1, 1, 4, NULL, 300000, 100000), (2, 1, 7, NULL, NULL, NULL)`);
    const f = computeFeatures(db);
    expect(Array.from(f.customerIds)).toEqual([1]); // B has no spend anyone could read
    expect(f.columns.totalSpend[0]).toBe(4000);
    expect(f.columns.freshShare[0]).toBe(0);
    expect(f.columns.dryShare[0]).toBe(0.75);
  });

  it('cover every demo customer who bought in the year, with plausible values', () => {
    loadDemoData(env.conn.sqlite, { customers: 1500 }, testJob);
    const f = computeFeatures(env.conn.sqlite);
    expect(f.window).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(f.count + f.leftOut.noPurchases + f.leftOut.onlyReturns).toBe(1500);
    expect(f.count).toBeGreaterThan(1400);
    const sum = (name: keyof typeof f.columns) => f.columns[name].reduce((a, b) => a + b, 0);
    const cents = env.conn.sqlite.prepare('SELECT total(amount_cents) FROM sales_lines WHERE customer_id IS NOT NULL').pluck().get() as number;
    expect(sum('totalSpend')).toBeCloseTo(cents / 100, 2);
    for (let i = 0; i < f.count; i++) {
      const shares = (f.columns.freshShare[i] as number) + (f.columns.dryShare[i] as number) + (f.columns.luxuryShare[i] as number);
      expect(shares).toBeLessThanOrEqual(1 + 1e-9);
      expect(f.columns.recencyDays[i]).toBeGreaterThanOrEqual(0);
      expect(f.columns.recencyDays[i]).toBeLessThanOrEqual(365);
      expect(f.columns.visits[i]).toBeGreaterThanOrEqual(1);
    }
  });
});
