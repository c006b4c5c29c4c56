import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../demo/load';
import { dayNumber } from '../features/customerFeatures';
import { activeModel } from '../segmentation/store';
import { trainModel } from '../segmentation/train';
import { databasePerTest, testJob } from '../testing/database';
import { rfmSegments } from '../../shared/rfm';
import { type CustomerFilters, CustomerSnapshot } from './engine';

const env = databasePerTest();

/** The same question asked of SQLite directly: count, median spend and median days since last purchase per segment. */
function bySql(where: string, params: unknown[], endDay: number): Map<number, { customers: number; medianSpend: number; medianDays: number }> {
  const rows = env.conn.sqlite
    .prepare(
      `SELECT s.segment, count(*), median(s.spend), median(? - s.last_day)
       FROM customer_segments s JOIN customers c ON c.id = s.customer_id
       WHERE ${where} GROUP BY s.segment`,
    )
    .raw()
    .all(endDay, ...params) as Array<[number, number, number, number]>;
  return new Map(rows.map(([segment, customers, medianSpend, medianDays]) => [segment, { customers, medianSpend, medianDays }]));
}

describe('the filter engine', () => {
  it('gives the counts and medians SQLite gives for the same filters', async () => {
    loadDemoData(env.conn.sqlite, { customers: 3000 }, testJob);
    await trainModel(env.conn.sqlite, { k: 5 }, testJob);
    const model = activeModel(env.conn.sqlite);
    if (!model) throw new Error('no model');
    const snapshot = new CustomerSnapshot(env.conn.sqlite, model.window);
    const endDay = dayNumber(model.window.to);
    const kandy = env.conn.sqlite.prepare("SELECT id FROM outlets WHERE name = 'Kandy'").pluck().get() as number;
    const galle = env.conn.sqlite.prepare("SELECT id FROM outlets WHERE name = 'Galle'").pluck().get() as number;
    expect([typeof kandy, typeof galle]).toEqual(['number', 'number']);

    const cases: Array<[string, CustomerFilters, string, unknown[]]> = [
      ['no filter', {}, '1', []],
      ['age 30 to 45', { age: { min: 30, max: 45 } }, 'c.age BETWEEN 30 AND 45', []],
      ['bought luxury', { category: 'luxury' }, 's.luxury > 0', []],
      ['last purchase within 30 days', { lastPurchase: { withinDays: 30 } }, 's.last_day >= ?', [endDay - 30]],
      ['last purchase in March 2026', { lastPurchase: { from: '2026-03-01', to: '2026-03-31' } }, 's.last_day BETWEEN ? AND ?', [dayNumber('2026-03-01'), dayNumber('2026-03-31')]],
      ['Kandy or Galle', { outletIds: [kandy, galle] }, "(',' || s.outlets || ',' LIKE ? OR ',' || s.outlets || ',' LIKE ?)", [`%,${kandy},%`, `%,${galle},%`]],
      ['women', { gender: 'F' }, "c.gender = 'F'", []],
      ['spend 10,000 to 50,000', { spend: { min: 10_000, max: 50_000 } }, 's.spend BETWEEN 10000 AND 50000', []],
      [
        'all at once',
        { age: { min: 25, max: 60 }, category: 'fresh', lastPurchase: { withinDays: 90 }, outletIds: [kandy], gender: 'F' },
        "c.age BETWEEN 25 AND 60 AND s.fresh > 0 AND s.last_day >= ? AND ',' || s.outlets || ',' LIKE ? AND c.gender = 'F'",
        [endDay - 90, `%,${kandy},%`],
      ],
      ['nobody', { age: { min: 110, max: 120 } }, 'c.age BETWEEN 110 AND 120', []],
    ];
    for (const [name, filters, where, params] of cases) {
      const answer = snapshot.query(filters);
      const expected = bySql(where, params, endDay);
      if (name !== 'nobody') expect(answer.customers, `${name} matches someone`).toBeGreaterThan(0);
      expect(answer.segments.map((s) => s.customers), name).toEqual(answer.segments.map((s) => expected.get(s.segment)?.customers ?? 0));
      expect(answer.customers, name).toBe([...expected.values()].reduce((a, b) => a + b.customers, 0));
      for (const s of answer.segments) {
        const e = expected.get(s.segment);
        if (!e) {
          expect(s.medianSpend, `${name}: empty segment`).toBeNull();
          continue;
        }
        expect(s.medianSpend, `${name}: median spend of ${s.segment}`).toBeCloseTo(e.medianSpend, 6);
        expect(s.medianDaysSinceLastPurchase, `${name}: median days of ${s.segment}`).toBeCloseTo(e.medianDays, 6);
      }
    }
    expect(snapshot.query({ age: { min: 110, max: 120 } }).customers).toBe(0);

    // The RFM lens: the same filters, grouped by the ten RFM groups in their usual order.
    const rfm = snapshot.query({ age: { min: 30, max: 45 } }, 'rfm');
    const rfmSql = new Map(
      env.conn.sqlite
        .prepare('SELECT s.rfm_segment, count(*) FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE c.age BETWEEN 30 AND 45 GROUP BY s.rfm_segment')
        .raw()
        .all() as Array<[string, number]>,
    );
    expect(rfm.segments).toHaveLength(rfmSegments.length);
    expect(rfm.segments.map((g) => g.customers)).toEqual(rfmSegments.map((g) => rfmSql.get(g.name) ?? 0));
    expect(rfm.customers).toBe(snapshot.query({ age: { min: 30, max: 45 } }).customers);
  }, 60_000);
});
