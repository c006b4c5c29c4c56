import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../demo/load';
import { analyseFile } from '../import/analyse';
import { automaticDecisions } from '../import/decisions';
import { runImport } from '../import/run';
import { dayNumber } from '../../../shared/days';
import { activeModel } from '../segmentation/store';
import { trainModel } from '../segmentation/train';
import { databasePerTest, testJob } from '../../testing/database';
import { rfmSegments } from '../../../shared/rfm';
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
      ['spend from 40,000', { spend: { min: 40_000 } }, 's.spend >= 40000', []],
      ['spend up to 8,000', { spend: { max: 8_000 } }, 's.spend <= 8000', []],
      ['mostly fresh', { dominantCategory: 'fresh' }, 's.fresh > 0 AND s.fresh >= s.dry AND s.fresh >= s.luxury', []],
      ['mostly dry', { dominantCategory: 'dry' }, 's.dry > 0 AND s.dry > s.fresh AND s.dry >= s.luxury', []],
      ['mostly luxury', { dominantCategory: 'luxury' }, 's.luxury > 0 AND s.luxury > s.fresh AND s.luxury > s.dry', []],
      [
        'bought luxury, mostly dry, last purchase in September and October 2026, from 20,000',
        { category: 'luxury', dominantCategory: 'dry', lastPurchase: { from: '2026-09-01', to: '2026-10-31' }, spend: { min: 20_000 } },
        's.luxury > 0 AND s.dry > 0 AND s.dry > s.fresh AND s.dry >= s.luxury AND s.last_day BETWEEN ? AND ? AND s.spend >= 20000',
        [dayNumber('2026-09-01'), dayNumber('2026-10-31')],
      ],
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
      // What the tiles show: the matching customers' spend, per category, and the outlets they bought at.
      const totals = env.conn.sqlite
        .prepare(`SELECT total(s.spend), total(s.fresh), total(s.dry), total(s.luxury), s.outlets FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE ${where}`)
        .raw()
        .get(...params) as [number, number, number, number, string | null];
      const outletsUsed = new Set(
        (env.conn.sqlite.prepare(`SELECT s.outlets FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE ${where}`).pluck().all(...params) as string[]).flatMap((o) =>
          o.split(','),
        ),
      );
      expect(answer.totals.spend, `${name}: spend`).toBeCloseTo(totals[0], 2);
      expect([answer.totals.fresh, answer.totals.dry, answer.totals.luxury].map((v) => Math.round(v * 100)), `${name}: spend by category`).toEqual(
        totals.slice(1, 4).map((v) => Math.round((v as number) * 100)),
      );
      expect(answer.totals.outlets, `${name}: outlets`).toBe(outletsUsed.size);
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
    // A customer has one dominant category at most: the three together are everyone with spend in any of them.
    const dominant = (['fresh', 'dry', 'luxury'] as const).map((c) => snapshot.query({ dominantCategory: c }).customers);
    expect(dominant.reduce((a, b) => a + b, 0)).toBe(env.conn.sqlite.prepare('SELECT count(*) FROM customer_segments WHERE fresh + dry + luxury > 0').pluck().get());

    // What the data can be filtered by, and each segment's size before any filter.
    const [ageMin, ageMax, dayMin, dayMax, spendMax] = env.conn.sqlite
      .prepare('SELECT min(c.age), max(c.age), min(s.last_day), max(s.last_day), max(s.spend) FROM customer_segments s JOIN customers c ON c.id = s.customer_id')
      .raw()
      .get() as number[];
    expect(snapshot.facts).toMatchObject({
      age: { min: ageMin, max: ageMax },
      lastPurchase: { from: new Date(dayMin! * 86_400_000).toISOString().slice(0, 10), to: new Date(dayMax! * 86_400_000).toISOString().slice(0, 10) },
      outlets: true,
      genders: env.conn.sqlite.prepare('SELECT DISTINCT gender FROM customers ORDER BY instr(\'FMX\', gender)').pluck().all(),
      spend: { max: spendMax },
    });
    expect(snapshot.facts.sizes.segment).toEqual(snapshot.query({}).segments.map((s) => s.customers));

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

  it('knows what a customer-level import without dates, ages or genders cannot be filtered by, and finds its customers by their outlet', async () => {
    const outlets = ['Kandy', 'Galle', 'Colombo', 'Jaffna'];
    const lines = ['Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend,Visits'];
    for (let i = 1; i <= 120; i++) lines.push(`W${i},${outlets[i % 4]},${(i * 37) % 900 * 10},${(i * 53) % 700 * 10 + 100},${i % 3 === 0 ? 0 : (i * 71) % 400 * 10},${(i % 12) + 1}`);
    const file = env.tmp.file('warehouse.csv');
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const analysis = await analyseFile(env.conn.sqlite, { file }, testJob);
    expect(analysis.shape).toBe('customerSpend');
    const summary = await runImport(env.conn.sqlite, automaticDecisions(analysis).decisions, testJob);
    expect(summary.imported).toBe(120);
    await trainModel(env.conn.sqlite, { k: 3 }, testJob);
    const model = activeModel(env.conn.sqlite);
    if (!model) throw new Error('no model');
    const snapshot = new CustomerSnapshot(env.conn.sqlite, model.window);

    expect(snapshot.facts).toMatchObject({ age: null, lastPurchase: null, genders: [], outlets: true });
    expect(snapshot.query({}).customers).toBe(120);
    const kandy = env.conn.sqlite.prepare("SELECT id FROM outlets WHERE name = 'Kandy'").pluck().get() as number;
    const inKandy = snapshot.query({ outletIds: [kandy] });
    expect(inKandy.customers).toBe(env.conn.sqlite.prepare('SELECT count(*) FROM customer_spend WHERE outlet_id = ?').pluck().get(kandy));
    expect(inKandy.customers).toBe(30);
    expect(inKandy.totals.outlets).toBe(1);
    expect(snapshot.query({ dominantCategory: 'dry' }).customers).toBe(
      env.conn.sqlite.prepare('SELECT count(*) FROM customer_spend WHERE dry_cents > 0 AND dry_cents > fresh_cents AND dry_cents >= luxury_cents').pluck().get(),
    );
  }, 60_000);
});
