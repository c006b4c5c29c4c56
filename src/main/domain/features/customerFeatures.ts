import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { type FeatureName, featureNames } from '../../../shared/features';
import type { Measure } from '../../../shared/measure';
import { addDays, addMonths, dayNumber, todayUtc } from '../../../shared/days';
import { first, q } from '../../platform/db/query';
import { customerCount } from '../sales/customers';

/**
 * Per-customer features over an analysis window, computed in SQLite: what
 * the segmentation clusters and what segment profiles describe.
 *
 * Customers with sales lines in the window get every feature. Customers
 * known only from a customer-level import (spend per category, computed in
 * a warehouse) get the subset that import supports; the others are NaN and
 * listed in `missing`. A customer with both takes the sales lines.
 *
 * The measure: money, unless any line in the window has no value (a
 * purchase history without prices). Then every customer is measured by
 * items and visits, the money features are unknown for all, and the shares
 * are shares of items: spend summed over the valued lines alone would rank
 * customers by which file their purchases came in, not by what they bought.
 */

/** Inclusive days, `YYYY-MM-DD`. */
export interface FeatureWindow {
  from: string;
  to: string;
}

export interface CustomerFeatures {
  window: FeatureWindow;
  /** Customers in the window, by customer id ascending. */
  count: number;
  customerIds: Int32Array;
  /** Home outlet id per customer; 0 when unknown. */
  homeOutlet: Int32Array;
  /**
   * The outlets a customer bought at in the window, as ids joined by commas; for a customer known only
   * from a customer-level import, the outlet its row names (where the warehouse put that spend).
   */
  outletLists: Array<string | null>;
  /** One column per feature, NaN where a customer's data cannot say. */
  columns: Record<FeatureName, Float64Array>;
  /** Features that are NaN for every customer (a customer-level import without dates, say). */
  missing: FeatureName[];
  /** Customers left out: bought nothing in the window, or their returns cancelled their purchases. */
  leftOut: { noPurchases: number; onlyReturns: number };
  source: { salesLines: number; customerLevel: number };
  // issue 14, money
  measure: Measure;
}

/**
 * The default window: the twelve months up to the latest sale in the data
 * (not today: an export from March analysed in June still covers a year).
 * Null when there are no sales at all.
 */
export function defaultWindow(db: Database): FeatureWindow | null {
  // raw: feature SQL (a union over the daily totals and customer-level rows), kept as written beside the passes below.
  const row = db
    .prepare(
      `SELECT max(d) FROM (
         SELECT max(day) AS d FROM sales_daily
         UNION ALL SELECT max(last_purchase) FROM customer_spend)`,
    )
    .pluck()
    .get() as string | null;
  if (row === null) {
    // Customer-level sales without dates: every row counts, whatever the window.
    if (!anyCustomerSpend(db)) return null;
    const today = todayUtc();
    return { from: addDays(addMonths(today, -12), 1), to: today };
  }
  return { from: addDays(addMonths(row, -12), 1), to: row };
}

/**
 * True when there are sales but none of them has a date (customer-level
 * sales without purchase dates): any analysis window is then made up, and
 * what the user sees says "no dates in this data" instead of one.
 */
function anyCustomerSpend(db: Database): boolean {
  return first(db, q.selectFrom('customer_spend').select('customer_id').limit(1)) !== undefined;
}

export function dataWithoutDates(db: Database): boolean {
  if (first(db, q.selectFrom('sales_daily').select('day').limit(1)) !== undefined) return false;
  const dated = q
    .selectFrom('customer_spend')
    .select('customer_id')
    .where((eb) => eb.or([eb('last_purchase', 'is not', null), eb('first_purchase', 'is not', null)]))
    .limit(1);
  if (first(db, dated) !== undefined) return false;
  return anyCustomerSpend(db);
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export function computeFeatures(db: Database, window: FeatureWindow | null = defaultWindow(db)): CustomerFeatures {
  if (window === null) {
    throw new AppError('validation', 'There are no sales to find segments in yet. Import a sales export or load the demo data first.');
  }
  if (!dayPattern.test(window.from) || !dayPattern.test(window.to) || window.from > window.to) {
    throw new AppError('validation', `The analysis window ${window.from} to ${window.to} is not a range of dates. Choose a start date before the end date.`);
  }
  const end = `${window.to} 24:00:00`; // sold_at is 'YYYY-MM-DD HH:MM:SS'; every time of the last day sorts below this
  const start = `${window.from} 00:00:00`;
  // sales_daily counts the lines without value per day: no scan of the lines to find one.
  // raw: feature SQL, like the passes below.
  const measure: Measure =
    db.prepare('SELECT 1 FROM sales_daily WHERE day >= ? AND day <= ? AND unvalued > 0 LIMIT 1').get(window.from, window.to) === undefined ? 'money' : 'items';

  // One pass over the window's lines, grouped by customer through the (customer_id, sold_at) index.
  // Visits are distinct baskets; a line without a basket id counts its day as the visit.
  // raw: feature SQL, one pass over up to millions of lines read as arrays.
  const lines = db
    .prepare(
      `SELECT l.customer_id,
              total(CASE WHEN l.category_id = 1 THEN l.amount_cents END),
              total(CASE WHEN l.category_id = 2 THEN l.amount_cents END),
              total(CASE WHEN l.category_id = 3 THEN l.amount_cents END),
              total(l.amount_cents),
              total(CASE WHEN l.amount_cents < 0 THEN -l.amount_cents END),
              total(CASE WHEN l.amount_cents > 0 THEN l.amount_cents END),
              count(DISTINCT coalesce(l.basket, substr(l.sold_at, 1, 10))),
              julianday(?) - julianday(substr(max(l.sold_at), 1, 10)),
              group_concat(DISTINCT l.outlet_id),
              total(CASE WHEN substr(l.sold_at, 6, 2) IN ('04', '12') THEN l.amount_cents END),
              total(CASE WHEN l.category_id = 1 THEN l.quantity END),
              total(CASE WHEN l.category_id = 2 THEN l.quantity END),
              total(CASE WHEN l.category_id = 3 THEN l.quantity END),
              total(l.quantity),
              total(CASE WHEN l.quantity < 0 THEN -l.quantity END),
              total(CASE WHEN l.quantity > 0 THEN l.quantity END),
              total(CASE WHEN substr(l.sold_at, 6, 2) IN ('04', '12') THEN l.quantity END)
       FROM sales_lines AS l
       WHERE l.customer_id IS NOT NULL AND l.sold_at >= ? AND l.sold_at < ?
       GROUP BY l.customer_id
       ORDER BY l.customer_id`,
    )
    .raw();
  const rows: Array<Array<number | string>> = [];
  const ids: number[] = [];
  let onlyReturns = 0;
  // The row's total in the measure: cents, or items.
  const totalAt = measure === 'money' ? 4 : 14;
  for (const r of lines.iterate(window.to, start, end) as Iterable<Array<number | string>>) {
    const total = r[totalAt] as number;
    if (total <= 0) {
      onlyReturns++;
      continue;
    }
    ids.push(r[0] as number);
    rows.push(r);
  }
  const salesCustomers = new Set(ids);

  // Customer-level imports: one row per customer, dated by its last purchase when it has one.
  // Spend that could not be read (NULL) counts as not spent; the import's summary says how many were unknown.
  // raw: feature SQL, one row per customer read as arrays.
  const spend = db
    .prepare(
      `SELECT customer_id, coalesce(fresh_cents, 0), coalesce(dry_cents, 0), coalesce(luxury_cents, 0),
              coalesce(fresh_cents, 0) + coalesce(dry_cents, 0) + coalesce(luxury_cents, 0) + coalesce(other_cents, 0),
              visits,
              CASE WHEN last_purchase IS NULL THEN NULL ELSE julianday(?) - julianday(last_purchase) END,
              CASE WHEN first_purchase IS NULL THEN NULL ELSE julianday(?) - julianday(first_purchase) END,
              outlet_id
       FROM customer_spend
       WHERE last_purchase IS NULL OR (last_purchase >= ? AND last_purchase <= ?)
       ORDER BY customer_id`,
    )
    .raw()
    .all(window.to, window.to, window.from, window.to) as Array<Array<number | null>>;

  const levelRows = spend.filter((r) => !salesCustomers.has(r[0] as number) && (r[4] as number) > 0);
  const count = rows.length + levelRows.length;
  const columns = Object.fromEntries(featureNames.map((name) => [name, new Float64Array(count).fill(Number.NaN)])) as Record<
    FeatureName,
    Float64Array
  >;
  const customerIds = new Int32Array(count);
  const homeOutlet = new Int32Array(count);
  const outletLists = new Array<string | null>(count).fill(null);

  // Merge the two sources in customer-id order.
  const order: Array<[number, 'lines' | 'level', number]> = [];
  rows.forEach((r, i) => order.push([r[0] as number, 'lines', i]));
  levelRows.forEach((r, i) => order.push([r[0] as number, 'level', i]));
  order.sort((a, b) => a[0] - b[0]);

  const c = columns;
  order.forEach(([id, kind, index], i) => {
    customerIds[i] = id;
    if (kind === 'lines') {
      const r = rows[index] as Array<number | string>;
      const visits = r[7] as number;
      c.visits[i] = visits;
      const items = r[14] as number;
      c.freshItems[i] = r[11] as number;
      c.dryItems[i] = r[12] as number;
      c.luxuryItems[i] = r[13] as number;
      c.totalItems[i] = items;
      c.itemsPerVisit[i] = items / visits;
      c.recencyDays[i] = r[8] as number;
      const outlets = String(r[9]);
      outletLists[i] = outlets;
      c.outletsUsed[i] = outlets.split(',').length;
      if (measure === 'money') {
        const total = (r[4] as number) / 100;
        setSpend(c, i, (r[1] as number) / 100, (r[2] as number) / 100, (r[3] as number) / 100, total);
        c.basketValue[i] = total / visits;
        // The Sinhala and Tamil New Year (April) and December: when festive shoppers come.
        c.festiveShare[i] = Math.max(0, r[10] as number) / (r[4] as number);
        const bought = r[6] as number;
        c.returnsShare[i] = bought > 0 ? (r[5] as number) / bought : 0;
      } else {
        setShares(c, i, r[11] as number, r[12] as number, r[13] as number, items);
        c.festiveShare[i] = Math.max(0, r[17] as number) / items;
        const bought = r[16] as number;
        c.returnsShare[i] = bought > 0 ? (r[15] as number) / bought : 0;
      }
    } else {
      const r = levelRows[index] as Array<number | null>;
      const total = (r[4] as number) / 100;
      // Measured by items, a warehouse's spend has nothing to compare with: only its visits and dates count.
      if (measure === 'money') setSpend(c, i, (r[1] as number) / 100, (r[2] as number) / 100, (r[3] as number) / 100, total);
      const [visits, recency, tenure] = [r[5] ?? null, r[6] ?? null, r[7] ?? null];
      if (visits !== null) {
        c.visits[i] = visits;
        if (measure === 'money') c.basketValue[i] = total / visits;
      }
      if (recency !== null) c.recencyDays[i] = recency;
      if (tenure !== null) c.tenureDays[i] = tenure;
      homeOutlet[i] = r[8] as number;
      outletLists[i] = String(r[8]);
    }
  });

  // Age, home outlet and tenure (from the join date or first purchase on record, whichever is
  // earlier) come from the customer list, in one ordered pass.
  // raw: feature SQL, one row per customer iterated as arrays.
  const tenure = db
    .prepare(
      // min(sold_at) per customer is one seek in the (customer_id, sold_at) index.
      `SELECT c.id, c.age, c.home_outlet_id, c.joined_on,
              (SELECT substr(min(sold_at), 1, 10) FROM sales_lines WHERE customer_id = c.id)
       FROM customers AS c
       ORDER BY c.id`,
    )
    .raw();
  const endDay = dayNumber(window.to);
  let at = 0;
  for (const r of tenure.iterate() as Iterable<[number, number | null, number | null, string | null, string | null]>) {
    if (at >= count) break;
    if (r[0] !== customerIds[at]) continue;
    if (r[1] !== null) c.age[at] = r[1];
    if (r[2] !== null && homeOutlet[at] === 0) homeOutlet[at] = r[2];
    const since = minDay(r[3], r[4]);
    if (since !== null && Number.isNaN(c.tenureDays[at] as number)) c.tenureDays[at] = Math.max(0, endDay - dayNumber(since));
    at++;
  }

  const missing = featureNames.filter((name) => columns[name].every(Number.isNaN));
  const customers = customerCount(db);
  return {
    window,
    count,
    customerIds,
    homeOutlet,
    outletLists,
    columns,
    missing,
    leftOut: { noPurchases: Math.max(0, customers - count - onlyReturns), onlyReturns },
    source: { salesLines: rows.length, customerLevel: levelRows.length },
    measure,
  };
}

function setSpend(c: Record<FeatureName, Float64Array>, i: number, fresh: number, dry: number, luxury: number, total: number): void {
  c.freshSpend[i] = fresh;
  c.drySpend[i] = dry;
  c.luxurySpend[i] = luxury;
  c.totalSpend[i] = total;
  setShares(c, i, fresh, dry, luxury, total);
}

function setShares(c: Record<FeatureName, Float64Array>, i: number, fresh: number, dry: number, luxury: number, total: number): void {
  c.freshShare[i] = Math.max(0, fresh) / total;
  c.dryShare[i] = Math.max(0, dry) / total;
  c.luxuryShare[i] = Math.max(0, luxury) / total;
}

function minDay(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** The window's length in months (30.44 days each), at least 1. */
export function windowMonths(window: FeatureWindow): number {
  return Math.max(1, (dayNumber(window.to) - dayNumber(window.from) + 1) / 30.44);
}

