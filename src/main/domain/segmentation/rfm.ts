import { rfmSegmentOf, type RfmSegmentName } from '../../../shared/rfm';
import type { CustomerFeatures } from '../features/customerFeatures';

export interface RfmScores {
  /** 1..5 per customer, 0 where the data cannot say. */
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  segment: Array<RfmSegmentName | null>;
}

/**
 * Quintile scores by rank among all customers, 5 best: recent purchase,
 * many visits, high spend. Customers with equal values get equal scores
 * (the share of customers strictly worse decides), so 30% of customers with
 * one visit all score F1 rather than being split at random.
 */
export function rfmScores(features: CustomerFeatures): RfmScores {
  const n = features.count;
  const r = quintiles(features.columns.recencyDays, true);
  const f = quintiles(features.columns.visits, false);
  // Without values, "monetary" is how much they bought: items.
  const m = quintiles(features.measure === 'items' ? features.columns.totalItems : features.columns.totalSpend, false);
  const segment: Array<RfmSegmentName | null> = new Array(n);
  for (let i = 0; i < n; i++) segment[i] = r[i] === 0 || f[i] === 0 ? null : rfmSegmentOf(r[i] as number, f[i] as number);
  return { r, f, m, segment };
}

function quintiles(values: Float64Array, lowerIsBetter: boolean): Uint8Array {
  const known = values.filter((v) => !Number.isNaN(v)).sort();
  const out = new Uint8Array(values.length);
  if (known.length === 0) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    // Customers strictly worse than this one.
    const worse = lowerIsBetter ? known.length - upperBound(known, v) : lowerBound(known, v);
    out[i] = Math.min(5, 1 + Math.floor((5 * worse) / known.length));
  }
  return out;
}

/** First index whose value is >= v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > v. */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
