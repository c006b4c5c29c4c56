import type { Measure } from '../../../shared/measure';
import type { SegmentTrait } from '../../../shared/segments';
import { dayNumber, windowMonths } from '../features/customerFeatures';
import { traitText } from '../segmentation/profiles';
import type { CustomerFilters, CustomerSnapshot } from './engine';
import { median } from './engine';

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
 * mean, and the median where the feature's words quote it (`quotesMedian`);
 * NaN for the others, whose words quote the mean (shares, totals).
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
/** The features whose words (profiles.ts, traitText) quote a median: days, visits, years, outlets. Medians cost the most, so only these have one. */
const quotesMedian: ReadonlySet<RemeasuredFeature> = new Set(['visits', 'recencyDays', 'age', 'outletsUsed']);
/** Whole values below this are counted in a histogram, whose medians cost one pass; anything else is selected in place. */
const histogramSize = 4096;

/**
 * Every re-measured feature's mean, and median where its words quote one
 * (of the features in `features`, when given: the ones the traits speak of),
 * per segment and over all, for the customers `filters` keeps. One pass per
 * feature; the medians of whole numbers (ages, days, visits, outlets) from a
 * histogram per segment, exact as a sort would give them.
 */
export function traitFigures(snapshot: CustomerSnapshot, filters: CustomerFilters, features?: ReadonlySet<string>): TraitFiguresAnswer {
  const { rows } = snapshot.matching(filters);
  const c = snapshot.columns;
  const k = snapshot.k;
  const endDay = dayNumber(snapshot.window.to);
  const used = snapshot.outletsUsed;
  /** Writes each row's value of `f` (NaN where unknown) into `out`, in the order of `rows`. */
  const fill = (f: RemeasuredFeature, out: Float64Array): void => {
    const n = rows.length;
    switch (f) {
      case 'freshShare':
      case 'dryShare':
      case 'luxuryShare': {
        const part = f === 'freshShare' ? c.fresh : f === 'dryShare' ? c.dry : c.luxury;
        for (let j = 0; j < n; j++) {
          const r = rows[j]!;
          const spend = c.spend[r]!;
          out[j] = spend > 0 ? part[r]! / spend : NaN;
        }
        return;
      }
      case 'totalSpend':
      case 'totalItems':
        for (let j = 0; j < n; j++) out[j] = c.spend[rows[j]!]!;
        return;
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
  const segmentOf = new Uint8Array(rows.length);
  const members = new Int32Array(k);
  for (let j = 0; j < rows.length; j++) members[(segmentOf[j] = c.segment[rows[j]!]!)]!++;
  const values = new Float64Array(rows.length);
  const all: Figures = {};
  const segments: Array<Figures | null> = Array.from({ length: k }, (_, s) => (members[s]! > 0 ? {} : null));
  const wants = (f: RemeasuredFeature) => !features || features.has(f);
  spendMeans(snapshot, rows, segmentOf, wants, all, segments);
  const counts = new Int32Array(k * histogramSize);
  for (const f of remeasured) {
    if (!wants(f) || spendFamily.has(f)) continue;
    fill(f, values);
    const known = new Int32Array(k);
    const sums = new Float64Array(k);
    let sumAll = 0;
    // Whole numbers are counted as they are summed; the first value that is not one sends the medians to selection.
    let counted = quotesMedian.has(f);
    if (counted) counts.fill(0);
    for (let j = 0; j < rows.length; j++) {
      const v = values[j]!;
      if (Number.isNaN(v)) continue;
      const s = segmentOf[j]!;
      known[s]!++;
      sums[s]! += v;
      sumAll += v;
      if (counted) {
        if (v >= 0 && v < histogramSize && Number.isInteger(v)) counts[s * histogramSize + v]!++;
        else counted = false;
      }
    }
    const medians = !quotesMedian.has(f) ? null : counted ? countedMedians(counts, known) : selectedMedians(values, segmentOf, known);
    let m = 0;
    for (let s = 0; s < k; s++) {
      m += known[s]!;
      const target = segments[s];
      if (target && known[s]! > 0) target[f] = { mean: sums[s]! / known[s]!, median: medians ? medians.segments[s]! : Number.NaN };
    }
    if (m > 0) all[f] = { mean: sumAll / m, median: medians ? medians.all : Number.NaN };
  }
  return { all, segments, measure: snapshot.measure };
}

/** The shares and totals: their words quote means only, so one pass over the rows gives all of them. */
const spendFamily: ReadonlySet<RemeasuredFeature> = new Set(['freshShare', 'dryShare', 'luxuryShare', 'totalSpend', 'totalItems']);

/** The means of the wanted shares (over customers with spend) and totals, per segment and over all, written into `all` and `segments`. */
function spendMeans(
  snapshot: CustomerSnapshot,
  rows: Int32Array,
  segmentOf: Uint8Array,
  wants: (f: RemeasuredFeature) => boolean,
  all: Figures,
  segments: Array<Figures | null>,
): void {
  if (![...spendFamily].some(wants)) return;
  const { spend, fresh, dry, luxury } = snapshot.columns;
  const k = segments.length;
  const [freshSums, drySums, luxurySums, spendSums] = [new Float64Array(k), new Float64Array(k), new Float64Array(k), new Float64Array(k)];
  const withSpend = new Int32Array(k);
  const members = new Int32Array(k);
  let [freshAll, dryAll, luxuryAll, spendAll, withSpendAll] = [0, 0, 0, 0, 0];
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const s = segmentOf[j]!;
    const total = spend[r]!;
    members[s]!++;
    spendSums[s]! += total;
    spendAll += total;
    if (!(total > 0)) continue;
    const f = fresh[r]! / total;
    const d = dry[r]! / total;
    const l = luxury[r]! / total;
    withSpend[s]!++;
    withSpendAll++;
    freshSums[s]! += f;
    drySums[s]! += d;
    luxurySums[s]! += l;
    freshAll += f;
    dryAll += d;
    luxuryAll += l;
  }
  const means: Array<[RemeasuredFeature, Float64Array, number, Int32Array, number]> = [
    ['freshShare', freshSums, freshAll, withSpend, withSpendAll],
    ['dryShare', drySums, dryAll, withSpend, withSpendAll],
    ['luxuryShare', luxurySums, luxuryAll, withSpend, withSpendAll],
    ['totalSpend', spendSums, spendAll, members, rows.length],
    ['totalItems', spendSums, spendAll, members, rows.length],
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
    segments[s] = histogramMedian(own, known[s]!);
    for (let v = 0; v < histogramSize; v++) everyone[v]! += own[v]!;
  }
  return { segments, all: histogramMedian(everyone, known.reduce((a, b) => a + b, 0)) };
}

/** The median of `n` values counted in `counts` (the mean of the two middle ones for an even count); NaN for none. */
function histogramMedian(counts: Int32Array, n: number): number {
  if (n === 0) return Number.NaN;
  const upperRank = n >> 1;
  const lowerRank = n % 2 === 1 ? upperRank : upperRank - 1;
  let seen = 0;
  let lower = Number.NaN;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (Number.isNaN(lower) && seen > lowerRank) lower = v;
    if (seen > upperRank) return (lower + v) / 2;
  }
  return Number.NaN;
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
