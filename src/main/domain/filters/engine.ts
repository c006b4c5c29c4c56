import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import type { CustomerFiltersInput, snapshotFactsSchema } from '../../../shared/filters';
import type { Measure } from '../../../shared/measure';
import { rfmSegments } from '../../../shared/rfm';
import { windowMonths } from '../features/customerFeatures';
import { dayNumber, isoDay } from '../../../shared/days';
import { activeModelFacts } from '../segmentation/store';

/**
 * The dashboard's filters over the active model's customers, answered from
 * a columnar snapshot in memory: one pass over typed arrays per question,
 * instead of a scan of a million rows in SQLite (70–250 ms per filtered
 * GROUP BY on 1 M customers; see docs/BENCHMARKS.md). The snapshot is read
 * once from `customer_segments` joined with `customers` and read again when
 * the data changes.
 *
 * For a model measured by items (its data has no values), the spend columns
 * hold items bought instead, in total and per category: the category
 * filters, shares and totals then count items, and the spend filter is off.
 */

/** The dashboard's filters (see customerFiltersSchema for what each one keeps). */
export type CustomerFilters = CustomerFiltersInput;

export interface SegmentFigures {
  segment: number;
  customers: number;
  /** Median spend in the window, LKR; null when no customer matched. */
  medianSpend: number | null;
  /** Mean visits per month over the window. */
  visitsPerMonth: number | null;
  medianDaysSinceLastPurchase: number | null;
  spend: { fresh: number; dry: number; luxury: number };
}

export interface FilterAnswer {
  customers: number;
  segments: SegmentFigures[];
  /** The matching customers together: spend in the window (LKR) and how many outlets they bought at. */
  totals: { spend: number; fresh: number; dry: number; luxury: number; outlets: number };
}

/** What the snapshot's customers can be filtered by, and how many each group holds before any filter. */
export type SnapshotFacts = z.output<typeof snapshotFactsSchema>;

export const genderCodes = { F: 1, M: 2, X: 3 } as const;
export const spendWithoutValues = 'Your data has no prices or amounts, so customers cannot be filtered by spend. Remove the spend filter.';
const dominantCodes = { fresh: 1, dry: 2, luxury: 3 } as const;
const rfmNames = rfmSegments.map((s) => s.name);
const noRfm = 255;

export class CustomerSnapshot {
  readonly n: number;
  readonly k: number;
  /** The last query's filters and answer, while `selected` still holds its rows. */
  private last: { key: string; by: 'segment' | 'rfm'; answer: FilterAnswer } | null = null;
  private outletCounts: Uint8Array | null = null;
  /** Each group's customers by whole days since their last purchase, for the medians of `query`. */
  private dayCounts: Int32Array | null = null;
  /** Each row's `customers.id`, for lists of customers (filters/customerTable.ts). */
  readonly customerId: Int32Array;
  private readonly segment: Uint8Array;
  /** Index into the ten RFM groups; `noRfm` when the data cannot score the customer. */
  private readonly rfm: Uint8Array;
  private readonly age: Int16Array;
  private readonly gender: Uint8Array;
  private readonly lastDay: Int32Array;
  private readonly spend: Float64Array;
  private readonly fresh: Float64Array;
  private readonly dry: Float64Array;
  private readonly luxury: Float64Array;
  private readonly visits: Float64Array;
  /** The category each customer spends most in: 1 fresh, 2 dry, 3 luxury; 0 when none of the three. */
  private readonly dominant: Uint8Array;
  /** Outlets bought at, as bits of outlet ids 1..64 in two words; `outletOverflow` for customers with higher ids. */
  private readonly outletsLow: Uint32Array;
  private readonly outletsHigh: Uint32Array;
  private readonly outletLists: Map<number, number[]>;
  private readonly selected: Int32Array;
  private readonly scratchA: Float64Array;
  private readonly scratchB: Float64Array;
  readonly facts: SnapshotFacts;
  readonly measure: Measure;

  constructor(
    db: Database,
    readonly window: { from: string; to: string },
  ) {
    const active = activeModelFacts(db);
    const k = active?.k ?? 0;
    this.measure = active?.measure ?? 'money';
    const amounts = this.measure === 'items' ? 's.items, s.fresh_items, s.dry_items, s.luxury_items' : 's.spend, s.fresh, s.dry, s.luxury';
    // raw: snapshot building: a million customers read once as arrays.
    const rows = db
      .prepare(
        `SELECT s.segment, c.age, c.gender, s.last_day, ${amounts}, s.visits, s.outlets, s.rfm_segment, s.customer_id
         FROM customer_segments s JOIN customers c ON c.id = s.customer_id`,
      )
      .raw()
      .all() as Array<
      [number, number | null, string | null, number | null, number | null, number | null, number | null, number | null, number | null, string | null, string | null, number]
    >;
    const n = rows.length;
    this.n = n;
    this.k = k;
    this.customerId = new Int32Array(n);
    this.segment = new Uint8Array(n);
    this.rfm = new Uint8Array(n);
    this.age = new Int16Array(n);
    this.gender = new Uint8Array(n);
    this.lastDay = new Int32Array(n);
    this.spend = new Float64Array(n);
    this.fresh = new Float64Array(n);
    this.dry = new Float64Array(n);
    this.luxury = new Float64Array(n);
    this.visits = new Float64Array(n);
    this.dominant = new Uint8Array(n);
    this.outletsLow = new Uint32Array(n);
    this.outletsHigh = new Uint32Array(n);
    this.outletLists = new Map();
    rows.forEach((r, i) => {
      this.customerId[i] = r[11];
      this.segment[i] = r[0];
      const rfm = r[10] === null ? -1 : rfmNames.indexOf(r[10] as (typeof rfmNames)[number]);
      this.rfm[i] = rfm < 0 ? noRfm : rfm;
      this.age[i] = r[1] ?? -1;
      this.gender[i] = r[2] === null ? 0 : (genderCodes[r[2] as keyof typeof genderCodes] ?? 0);
      this.lastDay[i] = r[3] ?? -1;
      this.spend[i] = r[4] ?? 0;
      this.fresh[i] = r[5] ?? 0;
      this.dry[i] = r[6] ?? 0;
      this.luxury[i] = r[7] ?? 0;
      this.visits[i] = r[8] ?? Number.NaN;
      const [fresh, dry, luxury] = [this.fresh[i]!, this.dry[i]!, this.luxury[i]!];
      this.dominant[i] = fresh > 0 && fresh >= dry && fresh >= luxury ? 1 : dry > 0 && dry >= luxury ? 2 : luxury > 0 ? 3 : 0;
      if (r[9] !== null) {
        const ids = r[9].split(',').map(Number);
        for (const id of ids) {
          if (id >= 1 && id <= 32) this.outletsLow[i]! |= 1 << (id - 1);
          else if (id >= 33 && id <= 64) this.outletsHigh[i]! |= 1 << (id - 33);
          else this.outletLists.set(i, ids);
        }
      }
    });
    this.selected = new Int32Array(n);
    this.scratchA = new Float64Array(n);
    this.scratchB = new Float64Array(n);
    this.facts = this.readFacts(k);
  }

  private readFacts(k: number): SnapshotFacts {
    let [ageMin, ageMax, dayMin, dayMax, spendMax] = [Infinity, -Infinity, Infinity, -Infinity, -Infinity];
    let outlets = this.outletLists.size > 0;
    const genders = new Set<number>();
    const segment = new Array<number>(k).fill(0);
    const rfm = new Array<number>(rfmNames.length).fill(0);
    for (let i = 0; i < this.n; i++) {
      const a = this.age[i]!;
      if (a >= 0) [ageMin, ageMax] = [Math.min(ageMin, a), Math.max(ageMax, a)];
      const d = this.lastDay[i]!;
      if (d >= 0) [dayMin, dayMax] = [Math.min(dayMin, d), Math.max(dayMax, d)];
      spendMax = Math.max(spendMax, this.spend[i]!);
      if (this.gender[i] !== 0) genders.add(this.gender[i]!);
      if (this.outletsLow[i] !== 0 || this.outletsHigh[i] !== 0) outlets = true;
      if (this.segment[i]! < k) segment[this.segment[i]!]!++;
      if (this.rfm[i] !== noRfm) rfm[this.rfm[i]!]!++;
    }
    return {
      age: ageMin <= ageMax ? { min: ageMin, max: ageMax } : null,
      lastPurchase: dayMin <= dayMax ? { from: isoDay(dayMin), to: isoDay(dayMax) } : null,
      outlets,
      genders: (['F', 'M', 'X'] as const).filter((g) => genders.has(genderCodes[g])),
      spend: this.n > 0 && this.measure === 'money' ? { max: spendMax } : null,
      sizes: { segment, rfm },
      measure: this.measure,
    };
  }

  /** Figures per model segment, or (`by: 'rfm'`) per RFM group in the order of `rfmSegments`. */
  query(filters: CustomerFilters, by: 'segment' | 'rfm' = 'segment'): FilterAnswer {
    // The spend columns hold items here: a spend filter would compare rupees with item counts.
    if (filters.spend && this.measure === 'items') throw new AppError('validation', spendWithoutValues);
    const { n } = this;
    const k = by === 'rfm' ? rfmNames.length : this.k;
    const segment = by === 'rfm' ? this.rfm : this.segment;
    const endDay = dayNumber(this.window.to);
    const months = windowMonths(this.window);
    const ageMin = filters.age?.min ?? -Infinity;
    const ageMax = filters.age?.max ?? Infinity;
    const byAge = filters.age !== undefined;
    const category = filters.category === 'fresh' ? this.fresh : filters.category === 'dry' ? this.dry : filters.category === 'luxury' ? this.luxury : null;
    const dominantCode = filters.dominantCategory ? dominantCodes[filters.dominantCategory] : 0;
    let dayMin = -Infinity;
    let dayMax = Infinity;
    if (filters.lastPurchase) {
      if ('withinDays' in filters.lastPurchase) dayMin = endDay - filters.lastPurchase.withinDays;
      else {
        dayMin = dayNumber(filters.lastPurchase.from);
        dayMax = dayNumber(filters.lastPurchase.to);
      }
    }
    const byDay = filters.lastPurchase !== undefined;
    let low = 0;
    let high = 0;
    const other = new Set<number>();
    for (const id of filters.outletIds ?? []) {
      if (id >= 1 && id <= 32) low |= 1 << (id - 1);
      else if (id >= 33 && id <= 64) high |= 1 << (id - 33);
      else other.add(id);
    }
    const byOutlet = filters.outletIds !== undefined && filters.outletIds.length > 0;
    const gender = filters.gender ? genderCodes[filters.gender] : 0;
    const spendMin = filters.spend?.min ?? -Infinity;
    const spendMax = filters.spend?.max ?? Infinity;

    const counts = new Int32Array(k);
    const visitSums = new Float64Array(k);
    const visitCounts = new Int32Array(k);
    const sums = { fresh: new Float64Array(k), dry: new Float64Array(k), luxury: new Float64Array(k) };
    const { age, lastDay, spend, visits, outletsLow, outletsHigh, selected, dominant } = this;
    let m = 0;
    let spendTotal = 0;
    let usedLow = 0;
    let usedHigh = 0;
    for (let i = 0; i < n; i++) {
      if (byAge) {
        const a = age[i] as number;
        if (a < 0 || a < ageMin || a > ageMax) continue;
      }
      if (category !== null && !((category[i] as number) > 0)) continue;
      if (dominantCode !== 0 && dominant[i] !== dominantCode) continue;
      if (byDay) {
        const d = lastDay[i] as number;
        if (d < 0 || d < dayMin || d > dayMax) continue;
      }
      if (byOutlet && ((outletsLow[i] as number) & low) === 0 && ((outletsHigh[i] as number) & high) === 0) {
        const list = this.outletLists.get(i);
        if (!list || !list.some((id) => other.has(id))) continue;
      }
      if (gender !== 0 && this.gender[i] !== gender) continue;
      const s = spend[i] as number;
      if (s < spendMin || s > spendMax) continue;
      const seg = segment[i] as number;
      if (seg >= k) continue; // not scored by RFM
      selected[m++] = i;
      counts[seg]!++;
      spendTotal += s;
      usedLow |= outletsLow[i] as number;
      usedHigh |= outletsHigh[i] as number;
      const v = visits[i] as number;
      if (!Number.isNaN(v)) {
        visitSums[seg]! += v;
        visitCounts[seg]!++;
      }
      sums.fresh[seg]! += this.fresh[i] as number;
      sums.dry[seg]! += this.dry[i] as number;
      sums.luxury[seg]! += this.luxury[i] as number;
    }

    // Medians: each segment's values laid out side by side, then selected in place; whole days also counted, whose median a histogram gives in one pass.
    const start = new Int32Array(k + 1);
    for (let c = 0; c < k; c++) start[c + 1] = (start[c] as number) + (counts[c] as number);
    const at = start.slice(0, k);
    const recencyKnown = new Int32Array(k);
    const byDays = (this.dayCounts ??= new Int32Array(Math.max(this.k, rfmNames.length) * histogramSize));
    byDays.fill(0, 0, k * histogramSize);
    let counted = true;
    for (let j = 0; j < m; j++) {
      const i = selected[j] as number;
      const seg = segment[i] as number;
      const p = at[seg]!++;
      this.scratchA[p] = spend[i] as number;
      const d = lastDay[i] as number;
      if (d < 0) continue;
      const days = endDay - d;
      this.scratchB[(start[seg] as number) + recencyKnown[seg]!++] = days;
      if (days >= 0 && days < histogramSize) byDays[seg * histogramSize + days]!++;
      else counted = false;
    }
    const segments: SegmentFigures[] = [];
    for (let c = 0; c < k; c++) {
      const lo = start[c] as number;
      const hi = start[c + 1] as number;
      segments.push({
        segment: c,
        customers: counts[c] as number,
        medianSpend: median(this.scratchA, lo, hi),
        visitsPerMonth: (visitCounts[c] as number) > 0 ? (visitSums[c] as number) / (visitCounts[c] as number) / months : null,
        medianDaysSinceLastPurchase: counted
          ? histogramMedian(byDays.subarray(c * histogramSize, (c + 1) * histogramSize), recencyKnown[c] as number)
          : median(this.scratchB, lo, lo + (recencyKnown[c] as number)),
        spend: { fresh: sums.fresh[c] as number, dry: sums.dry[c] as number, luxury: sums.luxury[c] as number },
      });
    }
    const answer = { customers: m, segments, totals: this.totals(segments, spendTotal, usedLow, usedHigh, selected, m) };
    this.last = { key: JSON.stringify(filters), by, answer };
    return answer;
  }

  /** `query`'s answer and the rows it counted, in row order: one rule for every view of the filtered customers. */
  matching(filters: CustomerFilters): { answer: FilterAnswer; rows: Int32Array } {
    // The window asks for the counts and then the traits or a detail under the same filters: the last selection serves again.
    const last = this.last;
    const answer = last && last.by === 'segment' && last.key === JSON.stringify(filters) ? last.answer : this.query(filters);
    return { answer, rows: this.selected.slice(0, answer.customers) };
  }

  /** How many outlets each row's customer bought at (0 where unknown), counted once per snapshot. */
  get outletsUsed(): Uint8Array {
    if (!this.outletCounts) {
      const counts = new Uint8Array(this.n);
      const { outletsLow, outletsHigh, outletLists } = this;
      for (let i = 0; i < this.n; i++) {
        const list = outletLists.get(i);
        counts[i] = Math.min(255, list ? list.length : popCount(outletsLow[i] as number) + popCount(outletsHigh[i] as number));
      }
      this.outletCounts = counts;
    }
    return this.outletCounts;
  }

  /** The columns, for questions beyond `query`'s figures (filters/detail.ts, filters/customerTable.ts); never to be changed. */
  get columns(): SnapshotColumns {
    const { segment, age, gender, lastDay, spend, fresh, dry, luxury, visits, outletsLow, outletsHigh, outletLists } = this;
    return { segment, age, gender, lastDay, spend, fresh, dry, luxury, visits, outletsLow, outletsHigh, outletLists };
  }

  /** The matching customers' spend summed over the segments, and the outlets they used, counted from the bits gathered in the pass. */
  private totals(segments: SegmentFigures[], spend: number, low: number, high: number, selected: Int32Array, m: number): FilterAnswer['totals'] {
    const sum = (key: 'fresh' | 'dry' | 'luxury') => segments.reduce((a, s) => a + s.spend[key], 0);
    let outlets = popCount(low) + popCount(high);
    if (this.outletLists.size > 0) {
      // Customers with outlet ids above 64 keep a list: their outlets, not in the bits, counted once.
      const seen = new Set<number>();
      for (let j = 0; j < m; j++) for (const id of this.outletLists.get(selected[j]!) ?? []) if (id > 64) seen.add(id);
      outlets += seen.size;
    }
    return { spend, fresh: sum('fresh'), dry: sum('dry'), luxury: sum('luxury'), outlets };
  }
}

function popCount(bits: number): number {
  let x = bits >>> 0;
  let c = 0;
  for (; x !== 0; c++) x &= x - 1;
  return c;
}

/** A snapshot's columns, row by row: age -1, gender 0, lastDay -1 and visits NaN where unknown. */
export interface SnapshotColumns {
  segment: Uint8Array;
  age: Int16Array;
  /** 0 unknown, else `genderCodes`. */
  gender: Uint8Array;
  lastDay: Int32Array;
  spend: Float64Array;
  fresh: Float64Array;
  dry: Float64Array;
  luxury: Float64Array;
  visits: Float64Array;
  /** Outlet ids 1..32 as bits of `outletsLow`, 33..64 of `outletsHigh`; rows with higher ids listed whole in `outletLists`. */
  outletsLow: Uint32Array;
  outletsHigh: Uint32Array;
  outletLists: ReadonlyMap<number, number[]>;
}

/** Whole values below this are counted in a histogram, whose median costs one pass; anything else is selected in place. */
export const histogramSize = 4096;

/** The median of `n` values counted in `counts` (the count of value v at v; the mean of the two middle ones for an even count); null for none. */
export function histogramMedian(counts: Int32Array, n: number): number | null {
  if (n === 0) return null;
  const upperRank = n >> 1;
  const lowerRank = n % 2 === 1 ? upperRank : upperRank - 1;
  let seen = 0;
  let lower = -1;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (lower < 0 && seen > lowerRank) lower = v;
    if (seen > upperRank) return (lower + v) / 2;
  }
  return null;
}

/** The median of a[lo..hi) (the mean of the two middle values for an even count), reordering that range. */
export function median(a: Float64Array, lo: number, hi: number): number | null {
  const size = hi - lo;
  if (size <= 0) return null;
  const mid = lo + (size >> 1);
  const upper = select(a, lo, hi, mid);
  if (size % 2 === 1) return upper;
  // After selecting mid, everything left of it is <= it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = lo; i < mid; i++) if ((a[i] as number) > lower) lower = a[i] as number;
  return (lower + upper) / 2;
}

/** Hoare's selection: the value that sorts to position `k` of a[lo..hi), with smaller values before it. */
function select(a: Float64Array, lo: number, hi: number, k: number): number {
  let left = lo;
  let right = hi - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k] as number;
  }
  return a[k] as number;
}
