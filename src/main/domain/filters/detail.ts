import type { Database } from 'better-sqlite3';
import { outletNameMap } from '../outlets/service';
import type { Band, SegmentDetail } from '../../../shared/segmentDetail';
import { windowMonths } from '../features/customerFeatures';
import { ageBands } from '../segmentation/profiles';
import type { CustomerFilters, CustomerSnapshot, SnapshotColumns } from './engine';

/**
 * One segment under the dashboard's filters, from the filter thread's
 * snapshot: its figures (the same as its card's), and how its customers
 * spread over spend, visits, age, outlets and categories beside all customers
 * matching the same filters. One pass over the matching rows.
 */

export type SegmentFigures = Omit<SegmentDetail, 'modelId' | 'window' | 'name' | 'traits' | 'campaign'>;

/** Band edges: spend in the window (LKR), visits a month, age (the profiles' bands). */
export const spendEdges = [5_000, 10_000, 25_000, 50_000, 100_000, 250_000] as const;
export const visitEdges = [1, 2, 3, 5] as const;
/** Items bought in the window, for data without values (issue 14, money). */
export const itemEdges = [10, 25, 50, 100, 250, 500] as const;
const ageEdges = ageBands.slice(1).map(([, from]) => from);
const topOutlets = 10;

/** Calls `fn` with each outlet id a row's customer bought at. */
export function forEachOutlet(columns: SnapshotColumns, row: number, fn: (outletId: number) => void): void {
  const list = columns.outletLists.get(row);
  if (list) {
    for (const id of list) fn(id);
    return;
  }
  eachBit(columns.outletsLow[row] as number, 1, fn);
  eachBit(columns.outletsHigh[row] as number, 33, fn);
}

/** Adds one to `all` (and `segment`) at each outlet id whose bit is set in `word` (bit 0 is `first`). */
function countBits(word: number, first: number, all: Int32Array, segment: Int32Array | null): void {
  let bits = word;
  while (bits !== 0) {
    const low = bits & -bits;
    const id = first + 31 - Math.clz32(low);
    all[id]!++;
    if (segment) segment[id]!++;
    bits ^= low;
  }
}

function eachBit(word: number, first: number, fn: (outletId: number) => void): void {
  let bits = word;
  while (bits !== 0) {
    const low = bits & -bits;
    fn(first + 31 - Math.clz32(low));
    bits ^= low;
  }
}

/** The band of `v` among `edges` (band i holds edges[i-1] <= v < edges[i]). */
function bandIndex(edges: readonly number[], v: number): number {
  let i = 0;
  while (i < edges.length && v >= (edges[i] as number)) i++;
  return i;
}

/** Customers per band, in the segment and in all: band `edges.length + 1` is unknown values. */
class BandCounts {
  readonly segment: Int32Array;
  readonly all: Int32Array;
  constructor(readonly edges: readonly number[]) {
    this.segment = new Int32Array(edges.length + 2);
    this.all = new Int32Array(edges.length + 2);
  }

  add(v: number, inSegment: boolean): void {
    const i = Number.isNaN(v) ? this.edges.length + 1 : bandIndex(this.edges, v);
    this.all[i]!++;
    if (inSegment) this.segment[i]!++;
  }

  bands(unknown: boolean): Band[] {
    const { edges } = this;
    const out: Band[] = [];
    for (let i = 0; i <= edges.length + (unknown ? 1 : 0); i++) {
      const known = i <= edges.length;
      out.push({
        min: !known || i === 0 ? null : (edges[i - 1] as number),
        max: !known || i === edges.length ? null : (edges[i] as number),
        customers: this.segment[i] as number,
        allCustomers: this.all[i] as number,
      });
    }
    return out;
  }
}

export function outletNames(db: Database): Map<number, string> {
  return outletNameMap(db);
}

/** `segment`'s figures under `filters`; null when the model has no such segment. */
export function segmentFigures(snapshot: CustomerSnapshot, filters: CustomerFilters, segment: number, names: ReadonlyMap<number, string>): SegmentFigures | null {
  if (segment < 0 || segment >= snapshot.k) return null;
  const { answer, rows } = snapshot.matching(filters);
  const own = answer.segments[segment];
  if (!own) return null;
  const columns = snapshot.columns;
  const months = windowMonths(snapshot.window);
  const spend = new BandCounts(snapshot.measure === 'items' ? itemEdges : spendEdges);
  const visits = new BandCounts(visitEdges);
  const age = new BandCounts(ageEdges);
  // Customers per outlet id: typed counters for the ids kept as bits, a map for the rare longer lists.
  const segmentAt = new Int32Array(65);
  const allAt = new Int32Array(65);
  const listed = new Map<number, { customers: number; allCustomers: number }>();
  const lists = columns.outletLists.size > 0;
  for (const row of rows) {
    const inSegment = columns.segment[row] === segment;
    spend.add(columns.spend[row] as number, inSegment);
    visits.add((columns.visits[row] as number) / months, inSegment);
    const a = columns.age[row] as number;
    age.add(a < 0 ? Number.NaN : a, inSegment);
    const list = lists ? columns.outletLists.get(row) : undefined;
    if (list) {
      for (const id of list) {
        let o = listed.get(id);
        if (!o) listed.set(id, (o = { customers: 0, allCustomers: 0 }));
        o.allCustomers++;
        if (inSegment) o.customers++;
      }
      continue;
    }
    countBits(columns.outletsLow[row] as number, 1, allAt, inSegment ? segmentAt : null);
    countBits(columns.outletsHigh[row] as number, 33, allAt, inSegment ? segmentAt : null);
  }
  const all = { fresh: 0, dry: 0, luxury: 0 };
  for (const s of answer.segments) {
    all.fresh += s.spend.fresh;
    all.dry += s.spend.dry;
    all.luxury += s.spend.luxury;
  }
  const outletCustomers = new Map(listed);
  for (let id = 1; id <= 64; id++) {
    if (allAt[id] === 0) continue;
    const o = outletCustomers.get(id) ?? { customers: 0, allCustomers: 0 };
    outletCustomers.set(id, { customers: o.customers + (segmentAt[id] as number), allCustomers: o.allCustomers + (allAt[id] as number) });
  }
  const used = [...outletCustomers.entries()].filter(([, o]) => o.customers > 0);
  const top = used
    .map(([outletId, o]) => ({ outletId, name: names.get(outletId) ?? `Outlet ${outletId}`, ...o }))
    .sort((a, b) => b.customers - a.customers || a.name.localeCompare(b.name))
    .slice(0, topOutlets);
  return {
    segment,
    customers: own.customers,
    allCustomers: answer.customers,
    share: answer.customers > 0 ? own.customers / answer.customers : 0,
    medianSpend: own.medianSpend,
    visitsPerMonth: own.visitsPerMonth,
    medianDaysSinceLastPurchase: own.medianDaysSinceLastPurchase,
    categorySpend: { segment: own.spend, all },
    spend: spend.bands(false),
    visitsPerMonthBands: visits.bands(true),
    age: age.bands(true),
    outlets: { top, used: used.length },
    measure: snapshot.measure,
  };
}
