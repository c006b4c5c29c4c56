import { describe, expect, it } from 'vitest';
import { customerSortColumns, segmentCustomersInputSchema, type CustomerRow, type SegmentCustomersInput } from '../../../shared/segmentDetail';
import { loadDemoData } from '../demo/load';
import { windowMonths } from '../features/customerFeatures';
import { dayNumber } from '../../../shared/days';
import { activeModel } from '../segmentation/store';
import { trainModel } from '../segmentation/train';
import { databasePerTest, testJob } from '../../testing/database';
import { CustomerTable } from './customerTable';
import { outletNames, segmentFigures, spendEdges, visitEdges } from './detail';
import { type CustomerFilters, CustomerSnapshot } from './engine';

const env = databasePerTest();

const from = 'FROM customer_segments s JOIN customers c ON c.id = s.customer_id';
/** The number of outlets in a customer's comma-joined list. */
const outletCountSql = "CASE WHEN s.outlets IS NULL OR s.outlets = '' THEN 0 ELSE length(s.outlets) - length(replace(s.outlets, ',', '')) + 1 END";
/** Each sortable column as SQL: `ORDER BY x IS NULL, x <dir>, customer_id` is the order the table promises. */
const sortSql: Record<(typeof customerSortColumns)[number], string> = {
  code: 'c.code',
  age: 'c.age',
  gender: 'c.gender',
  spend: 'coalesce(s.spend, 0)',
  visits: 's.visits',
  lastPurchase: 's.last_day',
  outlets: outletCountSql,
};

async function segmented(customers: number) {
  loadDemoData(env.conn.sqlite, { customers }, testJob);
  await trainModel(env.conn.sqlite, { k: 5 }, testJob);
  const model = activeModel(env.conn.sqlite);
  if (!model) throw new Error('no model');
  return { model, snapshot: new CustomerSnapshot(env.conn.sqlite, model.window) };
}

describe('the segment detail', () => {
  it('gives the counts, medians and spreads SQLite gives for one segment under the filters', async () => {
    const { model, snapshot } = await segmented(3000);
    const db = env.conn.sqlite;
    const endDay = dayNumber(model.window.to);
    const months = windowMonths(model.window);
    const kandy = db.prepare("SELECT id FROM outlets WHERE name = 'Kandy'").pluck().get() as number;
    const names = outletNames(db);
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T;

    const cases: Array<[string, CustomerFilters, string, unknown[]]> = [
      ['no filter', {}, '1', []],
      ['age 25 to 60, bought fresh, within 90 days', { age: { min: 25, max: 60 }, category: 'fresh', lastPurchase: { withinDays: 90 } }, 'c.age BETWEEN 25 AND 60 AND s.fresh > 0 AND s.last_day >= ?', [endDay - 90]],
      ['Kandy, women', { outletIds: [kandy], gender: 'F' }, "',' || s.outlets || ',' LIKE ? AND c.gender = 'F'", [`%,${kandy},%`]],
    ];
    for (const [name, filters, where, params] of cases) {
      for (let segment = 0; segment < 5; segment++) {
        const d = segmentFigures(snapshot, filters, segment, names);
        if (!d) throw new Error('no figures');
        const label = `${name}, segment ${segment}`;
        const inSegment = `${where} AND s.segment = ${segment}`;
        expect(d.customers, label).toBe(one<number>(`SELECT count(*) ${from} WHERE ${inSegment}`, ...params));
        expect(d.allCustomers, label).toBe(one<number>(`SELECT count(*) ${from} WHERE ${where}`, ...params));
        if (name === 'no filter') expect(d.customers, label).toBeGreaterThan(0);
        if (d.customers === 0) {
          expect(d.medianSpend).toBeNull();
          continue;
        }
        expect(d.share, label).toBeCloseTo(d.customers / d.allCustomers, 12);
        expect(d.medianSpend, label).toBeCloseTo(one<number>(`SELECT median(s.spend) ${from} WHERE ${inSegment}`, ...params), 6);
        expect(d.medianDaysSinceLastPurchase, label).toBeCloseTo(one<number>(`SELECT median(? - s.last_day) ${from} WHERE ${inSegment}`, endDay, ...params), 6);
        expect(d.visitsPerMonth, label).toBeCloseTo(one<number>(`SELECT avg(s.visits) / ? ${from} WHERE ${inSegment}`, months, ...params), 9);
        for (const category of ['fresh', 'dry', 'luxury'] as const) {
          expect(d.categorySpend.segment[category], label).toBeCloseTo(one<number>(`SELECT total(s.${category}) ${from} WHERE ${inSegment}`, ...params), 4);
          expect(d.categorySpend.all[category], label).toBeCloseTo(one<number>(`SELECT total(s.${category}) ${from} WHERE ${where}`, ...params), 4);
        }

        // Each band against a direct count: spend, visits a month, age (bands from profiles), unknown last.
        const bandSql = (expr: string, band: { min: number | null; max: number | null }, unknown: string) =>
          band.min === null && band.max === null ? unknown : [band.min === null ? '' : `${expr} >= ${band.min}`, band.max === null ? '' : `${expr} < ${band.max}`].filter(Boolean).join(' AND ');
        const checkBands = (bands: typeof d.spend, expr: string, unknown: string) => {
          for (const band of bands) {
            const condition = `(${bandSql(expr, band, unknown)})`;
            expect(band.customers, `${label}: ${expr} band ${band.min}–${band.max}`).toBe(one<number>(`SELECT count(*) ${from} WHERE ${inSegment} AND ${condition}`, ...params));
            expect(band.allCustomers, `${label}: ${expr} band ${band.min}–${band.max} (all)`).toBe(one<number>(`SELECT count(*) ${from} WHERE ${where} AND ${condition}`, ...params));
          }
          expect(bands.reduce((a, b) => a + b.customers, 0)).toBe(d.customers);
        };
        expect(d.spend).toHaveLength(spendEdges.length + 1);
        checkBands(d.spend, 'coalesce(s.spend, 0)', '0');
        expect(d.visitsPerMonthBands).toHaveLength(visitEdges.length + 2);
        checkBands(d.visitsPerMonthBands, `s.visits / ${months}`, 's.visits IS NULL');
        checkBands(d.age, 'c.age', 'c.age IS NULL');

        // Outlets: customers who bought at each, most first, by name.
        const lists = db.prepare(`SELECT s.outlets ${from} WHERE ${inSegment}`).pluck().all(...params) as Array<string | null>;
        const used = new Set(lists.flatMap((l) => (l ? l.split(',').map(Number) : [])));
        expect(d.outlets.used, label).toBe(used.size);
        expect(d.outlets.top.length, label).toBe(Math.min(10, used.size));
        for (const o of d.outlets.top) {
          expect(o.name).toBe(names.get(o.outletId));
          const at = `',' || s.outlets || ',' LIKE '%,${o.outletId},%'`;
          expect(o.customers, `${label}: ${o.name}`).toBe(one<number>(`SELECT count(*) ${from} WHERE ${inSegment} AND ${at}`, ...params));
          expect(o.allCustomers, `${label}: ${o.name} (all)`).toBe(one<number>(`SELECT count(*) ${from} WHERE ${where} AND ${at}`, ...params));
        }
        const counts = d.outlets.top.map((o) => o.customers);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }
    }
    expect(segmentFigures(snapshot, {}, 5, names)).toBeNull();
  }, 120_000);
});

describe('the segment customer table', () => {
  it('pages, sorts and searches a segment as SQL would, under the filters', async () => {
    const { snapshot } = await segmented(3000);
    const db = env.conn.sqlite;
    const table = new CustomerTable(snapshot, db);
    const ask = (input: Omit<SegmentCustomersInput, 'modelId'>) => {
      const page = table.page(segmentCustomersInputSchema.parse({ modelId: 1, ...input }));
      if (!page) throw new Error('no page');
      return page;
    };
    const bySql = (where: string, order: string, limit: number, offset = 0): CustomerRow[] =>
      (
        db
          .prepare(
            `SELECT s.customer_id, c.code, c.age, c.gender, coalesce(s.spend, 0), s.visits, s.last_day, ${outletCountSql} ${from}
             WHERE ${where} ORDER BY ${order}, s.customer_id LIMIT ${limit} OFFSET ${offset}`,
          )
          .raw()
          .all() as Array<[number, string, number | null, 'F' | 'M' | 'X' | null, number, number | null, number | null, number]>
      ).map(([customerId, code, age, gender, spend, visits, lastDay, outlets]) => ({
        customerId,
        code,
        age,
        gender,
        spend,
        visits,
        lastPurchase: lastDay === null ? null : new Date(lastDay * 86_400_000).toISOString().slice(0, 10),
        outlets,
      }));
    const count = (where: string) => db.prepare(`SELECT count(*) ${from} WHERE ${where}`).pluck().get() as number;

    const segment = db.prepare('SELECT segment FROM customer_segments GROUP BY segment ORDER BY count(*) DESC').pluck().get() as number;
    const everyone = `s.segment = ${segment}`;
    // The first page and a later one, in the default order (most spend first).
    const first = ask({ segment });
    expect(first.total).toBe(count(everyone));
    expect(first.rows).toEqual(bySql(everyone, 'coalesce(s.spend, 0) DESC', 100));
    expect(ask({ segment, offset: 150, limit: 40 }).rows).toEqual(bySql(everyone, 'coalesce(s.spend, 0) DESC', 40, 150));
    expect(ask({ segment, offset: first.total - 3, limit: 10 }).rows).toHaveLength(3);

    // Every column, both ways, under a filter.
    const filters: CustomerFilters = { age: { min: 20, max: 70 }, category: 'dry' };
    const filtered = `${everyone} AND c.age BETWEEN 20 AND 70 AND s.dry > 0`;
    for (const column of customerSortColumns) {
      for (const direction of ['asc', 'desc'] as const) {
        const page = ask({ segment, filters, sort: { column, direction }, offset: 10, limit: 60 });
        expect(page.total).toBe(count(filtered));
        expect(page.rows, `${column} ${direction}`).toEqual(bySql(filtered, `${sortSql[column]} IS NULL, ${sortSql[column]} ${direction.toUpperCase()}`, 60, 10));
      }
    }

    // Search: part of the code, any case; a pattern's characters are taken literally.
    const code = first.rows[7]?.code ?? '';
    const part = code.slice(-4, -1).toLowerCase();
    const searched = ask({ segment, search: ` ${part} `, sort: { column: 'code', direction: 'asc' } });
    expect(searched.total).toBe(count(`${everyone} AND c.code LIKE '%${part}%'`));
    expect(searched.rows).toEqual(bySql(`${everyone} AND c.code LIKE '%${part}%'`, 'c.code IS NULL, c.code ASC', 100));
    expect(searched.rows.map((r) => r.code)).toContain(code);
    expect(ask({ segment, search: code }).rows.map((r) => r.code)).toEqual([code]);
    expect(ask({ segment, search: '.*' }).total).toBe(0);

    // A new table (a new snapshot) reads codes one page at a time until a search needs them all: the same rows.
    expect(new CustomerTable(snapshot, db).page(segmentCustomersInputSchema.parse({ modelId: 1, segment }))?.rows).toEqual(first.rows);
    expect(table.page(segmentCustomersInputSchema.parse({ modelId: 1, segment: 5 }))).toBeNull();
  }, 120_000);
});
