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

/** Raw figures per feature: mean and median over the customers where the feature is known. */
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

/**
 * Every re-measured feature's mean and median (of those in `features`, when
 * given: the ones the traits speak of), per segment and over all, for the
 * customers `filters` keeps. One pass per feature.
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
  // Rows laid out by segment, so each segment's values are one range of a scratch array.
  const count = new Int32Array(k + 1);
  for (const r of rows) count[(c.segment[r] as number) + 1]!++;
  for (let s = 1; s <= k; s++) count[s]! += count[s - 1]!;
  const scratch = new Float64Array(rows.length);
  const values = new Float64Array(rows.length);
  const segmentOf = new Uint8Array(rows.length);
  for (let j = 0; j < rows.length; j++) segmentOf[j] = c.segment[rows[j]!]!;
  const known = new Int32Array(k);
  const all: Figures = {};
  const segments: Array<Figures | null> = Array.from({ length: k }, (_, s) => (count[s + 1]! > count[s]! ? {} : null));
  for (const f of remeasured) {
    if (features && !features.has(f)) continue;
    known.fill(0);
    let sumAll = 0;
    const sums = new Float64Array(k);
    fill(f, values);
    for (let j = 0; j < rows.length; j++) {
      const v = values[j]!;
      if (Number.isNaN(v)) continue;
      const s = segmentOf[j]!;
      scratch[count[s]! + known[s]!++] = v;
      sums[s]! += v;
      sumAll += v;
    }
    for (let s = 0; s < k; s++) {
      const med = median(scratch, count[s]!, count[s]! + known[s]!);
      const target = segments[s];
      if (target && med !== null) target[f] = { mean: sums[s]! / known[s]!, median: med };
    }
    // All matching customers: the known values, gathered to the front.
    let m = 0;
    for (let s = 0; s < k; s++) {
      scratch.copyWithin(m, count[s]!, count[s]! + known[s]!);
      m += known[s]!;
    }
    const med = median(scratch, 0, m);
    if (med !== null) all[f] = { mean: sumAll / m, median: med };
  }
  return { all, segments, measure: snapshot.measure };
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
