import type { Measure } from '../../../shared/measure';
import type { SegmentTrait } from '../../../shared/segments';
import { windowMonths } from '../features/customerFeatures';
import { dayNumber } from '../../../shared/days';
import { traitText } from '../segmentation/profiles';
import type { CustomerFilters, CustomerSnapshot } from './engine';
import { histogramMedian, histogramSize, median } from './engine';

/**
 * A segment's traits under the dashboard's filters. The model chose which
 * features set each segment apart; the numbers in their words ("is 24 years
 * old on median (all customers: 38)") are measured again over the customers
 * the filters keep, beside all customers the filters keep. Features the
 * filter snapshot does not hold (festive share, basket value, tenure,
 * returns, top outlets) keep the model's words, marked as such.
 */

/**
 * Raw figures per feature over the customers where the feature is known: the
 * mean, and for whole-number features (days, visits, years, outlets: their
 * words quote medians) the median; NaN for shares and totals, whose words
 * (profiles.ts, traitText) quote only means, and whose medians would cost the most.
 */
export type Figures = Partial<Record<RemeasuredFeature, { mean: number; median: number }>>;
export interface TraitFiguresAnswer {
  all: Figures;
  /** By segment index; null for a segment no one matches. */
  segments: Array<Figures | null>;
  /** The snapshot's measure: the words of the traits follow it. */
  measure: Measure;
}

// totalItems: a snapshot of a model measured by items holds items where it holds spend otherwise (see the engine).
const remeasured = ['freshShare', 'dryShare', 'luxuryShare', 'totalSpend', 'visits', 'recencyDays', 'age', 'outletsUsed', 'totalItems'] as const;
type RemeasuredFeature = (typeof remeasured)[number];
const isRemeasured = (f: string): f is RemeasuredFeature => (remeasured as readonly string[]).includes(f);
type WholeNumberFeature = 'age' | 'recencyDays' | 'visits' | 'outletsUsed';

/**
 * Every re-measured feature's figures (of the features in `features`, when
 * given: the ones the traits speak of), per segment and over all, for the
 * customers `filters` keeps, in one pass over the matching rows: means for the
 * shares and totals, and for the whole-number features medians from a
 * histogram per segment, exact as a sort would give them.
 */
export function traitFigures(snapshot: CustomerSnapshot, filters: CustomerFilters, features?: ReadonlySet<string>): TraitFiguresAnswer {
  const { rows } = snapshot.matching(filters);
  const c = snapshot.columns;
  const k = snapshot.k;
  const endDay = dayNumber(snapshot.window.to);
  const used = snapshot.outletsUsed;
  /** Writes each row's value of `f` (NaN where unknown) into `out`, in the order of `rows`: for medians a histogram could not hold. */
  const fill = (f: WholeNumberFeature, out: Float64Array): void => {
    const n = rows.length;
    switch (f) {
      case 'visits':
        for (let j = 0; j < n; j++) out[j] = c.visits[rows[j]!]!;
        return;
      case 'recencyDays':
        for (let j = 0; j < n; j++) {
          const d = c.lastDay[rows[j]!]!;
          out[j] = d >= 0 ? endDay - d : NaN;
        }
        return;
      case 'age':
        for (let j = 0; j < n; j++) {
          const a = c.age[rows[j]!]!;
          out[j] = a >= 0 ? a : NaN;
        }
        return;
      case 'outletsUsed':
        for (let j = 0; j < n; j++) {
          const u = used[rows[j]!]!;
          out[j] = u > 0 ? u : NaN;
        }
    }
  };
  const wants = (f: RemeasuredFeature) => !features || features.has(f);
  const shares = [...spendFamily].some(wants) ? newSpendSums(k) : null;
  const tally = (f: RemeasuredFeature): Tally | null => (wants(f) ? newTally(k) : null);
  const [age, recency, visits, outlets] = [tally('age'), tally('recencyDays'), tally('visits'), tally('outletsUsed')];
  // One pass over the matching rows for every feature: at a million customers the passes, not the sums, cost the time.
  const segmentOf = new Uint8Array(rows.length);
  const members = new Int32Array(k);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const s = (segmentOf[j] = c.segment[r]!);
    members[s]!++;
    if (shares) addSpend(shares, s, c.spend[r]!, c.fresh[r]!, c.dry[r]!, c.luxury[r]!);
    if (age) {
      const a = c.age[r]!;
      if (a >= 0) add(age, s, a);
    }
    if (recency) {
      const d = c.lastDay[r]!;
      if (d >= 0) add(recency, s, endDay - d);
    }
    if (visits) {
      const v = c.visits[r]!;
      if (!Number.isNaN(v)) add(visits, s, v);
    }
    if (outlets) {
      const u = used[r]!;
      if (u > 0) add(outlets, s, u);
    }
  }
  const all: Figures = {};
  const segments: Array<Figures | null> = Array.from({ length: k }, (_, s) => (members[s]! > 0 ? {} : null));
  if (shares) spendMeans(shares, members, rows.length, wants, all, segments);
  const tallies: Array<[WholeNumberFeature, Tally | null]> = [['age', age], ['recencyDays', recency], ['visits', visits], ['outletsUsed', outlets]];
  for (const [f, t] of tallies) {
    if (!t) continue;
    const values = new Float64Array(t.counted ? 0 : rows.length);
    if (!t.counted) fill(f, values);
    const medians = t.counted ? countedMedians(t.counts, t.known) : selectedMedians(values, segmentOf, t.known);
    let m = 0;
    for (let s = 0; s < k; s++) {
      m += t.known[s]!;
      const target = segments[s];
      if (target && t.known[s]! > 0) target[f] = { mean: t.sums[s]! / t.known[s]!, median: medians.segments[s]! };
    }
    if (m > 0) all[f] = { mean: t.sumAll / m, median: medians.all };
  }
  return { all, segments, measure: snapshot.measure };
}

/** A whole-number feature's sums and counts per segment, and its histogram while every value fits one. */
interface Tally {
  known: Int32Array;
  sums: Float64Array;
  sumAll: number;
  counts: Int32Array;
  /** False from the first value that is not a whole number below `histogramSize`: the medians are then selected. */
  counted: boolean;
}

const newTally = (k: number): Tally => ({ known: new Int32Array(k), sums: new Float64Array(k), sumAll: 0, counts: new Int32Array(k * histogramSize), counted: true });

function add(t: Tally, s: number, v: number): void {
  t.known[s]!++;
  t.sums[s]! += v;
  t.sumAll += v;
  if (!t.counted) return;
  if (v >= 0 && v < histogramSize && Number.isInteger(v)) t.counts[s * histogramSize + v]!++;
  else t.counted = false;
}

/** The shares and totals: their words quote means only, so one pass over the rows gives all of them. */
const spendFamily: ReadonlySet<RemeasuredFeature> = new Set(['freshShare', 'dryShare', 'luxuryShare', 'totalSpend', 'totalItems']);

/** The sums behind the shares' and totals' means, per segment and over all. */
interface SpendSums {
  fresh: Float64Array;
  dry: Float64Array;
  luxury: Float64Array;
  spend: Float64Array;
  /** Customers with spend above 0, over whom the shares are taken. */
  withSpend: Int32Array;
  freshAll: number;
  dryAll: number;
  luxuryAll: number;
  spendAll: number;
  withSpendAll: number;
}

const newSpendSums = (k: number): SpendSums => ({
  fresh: new Float64Array(k),
  dry: new Float64Array(k),
  luxury: new Float64Array(k),
  spend: new Float64Array(k),
  withSpend: new Int32Array(k),
  freshAll: 0,
  dryAll: 0,
  luxuryAll: 0,
  spendAll: 0,
  withSpendAll: 0,
});

function addSpend(t: SpendSums, s: number, total: number, fresh: number, dry: number, luxury: number): void {
  t.spend[s]! += total;
  t.spendAll += total;
  if (!(total > 0)) return;
  const f = fresh / total;
  const d = dry / total;
  const l = luxury / total;
  t.withSpend[s]!++;
  t.withSpendAll++;
  t.fresh[s]! += f;
  t.dry[s]! += d;
  t.luxury[s]! += l;
  t.freshAll += f;
  t.dryAll += d;
  t.luxuryAll += l;
}

/** The means of the wanted shares (over customers with spend) and totals, per segment and over all, written into `all` and `segments`. */
function spendMeans(t: SpendSums, members: Int32Array, rows: number, wants: (f: RemeasuredFeature) => boolean, all: Figures, segments: Array<Figures | null>): void {
  const k = segments.length;
  const means: Array<[RemeasuredFeature, Float64Array, number, Int32Array, number]> = [
    ['freshShare', t.fresh, t.freshAll, t.withSpend, t.withSpendAll],
    ['dryShare', t.dry, t.dryAll, t.withSpend, t.withSpendAll],
    ['luxuryShare', t.luxury, t.luxuryAll, t.withSpend, t.withSpendAll],
    ['totalSpend', t.spend, t.spendAll, members, rows],
    ['totalItems', t.spend, t.spendAll, members, rows],
  ];
  for (const [f, sums, sumAll, known, knownAll] of means) {
    if (!wants(f)) continue;
    for (let s = 0; s < k; s++) {
      const target = segments[s];
      if (target && known[s]! > 0) target[f] = { mean: sums[s]! / known[s]!, median: Number.NaN };
    }
    if (knownAll > 0) all[f] = { mean: sumAll / knownAll, median: Number.NaN };
  }
}

/** Per segment and over all, the medians of the values counted in `counts` (`histogramSize` counters per segment). */
function countedMedians(counts: Int32Array, known: Int32Array): { segments: Float64Array; all: number } {
  const k = known.length;
  const segments = new Float64Array(k);
  const everyone = new Int32Array(histogramSize);
  for (let s = 0; s < k; s++) {
    const own = counts.subarray(s * histogramSize, (s + 1) * histogramSize);
    segments[s] = histogramMedian(own, known[s]!) ?? Number.NaN;
    for (let v = 0; v < histogramSize; v++) everyone[v]! += own[v]!;
  }
  return { segments, all: histogramMedian(everyone, known.reduce((a, b) => a + b, 0)) ?? Number.NaN };
}

/** The same medians by selection in place, for values a histogram cannot hold: each segment's values laid out as one range of a scratch array. */
function selectedMedians(values: Float64Array, segmentOf: Uint8Array, known: Int32Array): { segments: Float64Array; all: number } {
  const k = known.length;
  const start = new Int32Array(k + 1);
  for (let s = 0; s < k; s++) start[s + 1] = start[s]! + known[s]!;
  const at = start.slice(0, k);
  const scratch = new Float64Array(start[k]!);
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (!Number.isNaN(v)) scratch[at[segmentOf[j]!]!++] = v;
  }
  const segments = new Float64Array(k);
  for (let s = 0; s < k; s++) segments[s] = median(scratch, start[s]!, start[s + 1]!) ?? Number.NaN;
  return { segments, all: median(scratch, 0, start[k]!) ?? Number.NaN };
}

/** The model's traits of one segment, in the numbers of the customers the filters keep. */
export function traitsUnderFilters(
  traits: SegmentTrait[],
  segment: Figures | null,
  all: Figures,
  window: { from: string; to: string },
  measure: Measure = 'money',
): SegmentTrait[] {
  const months = Math.round(windowMonths(window));
  return traits.map((t) => {
    const mine = isRemeasured(t.feature) ? segment?.[t.feature] : undefined;
    const everyone = isRemeasured(t.feature) ? all[t.feature] : undefined;
    if (!isRemeasured(t.feature) || !mine || !everyone) {
      return t.feature === 'none' ? t : { ...t, text: `${t.text} (whole segment)` };
    }
    // The side of everyone the segment lies on, as the model found it; the measure decides the words' numbers.
    const figures = { mean: mine.mean, median: mine.median, allMean: everyone.mean, allMedian: everyone.median };
    return { ...t, text: traitText(t.feature, t.z > 0, figures, months, measure) };
  });
}
