import { dist2 } from './kmeans';

export { sampleRows } from './kmeans';

/**
 * Clustering and classification quality measures, on row-major matrices
 * (n rows of d values) and integer labels 0..k-1. Definitions follow
 * scikit-learn's, so figures can be checked against it.
 */

/** Adjusted Rand index of two labelings: 1 identical, about 0 for chance. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length) throw new RangeError('labelings differ in length');
  const table = new Map<number, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const key = x * 1_000_003 + y;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}


/**
 * Mean silhouette over the rows `sample` (all distances among the sample):
 * for each point, (b − a) / max(a, b) with a the mean distance to its own
 * segment and b to the nearest other. 1 is well separated, 0 overlapping.
 */
export function silhouette(data: Float64Array, d: number, labels: ArrayLike<number>, k: number, sample: Int32Array): number {
  const m = sample.length;
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let s = 0; s < m; s++) counts[labels[sample[s] as number] as number]!++;
  let total = 0;
  let used = 0;
  for (let s = 0; s < m; s++) {
    const i = sample[s] as number;
    sums.fill(0);
    for (let t = 0; t < m; t++) {
      if (t === s) continue;
      const j = sample[t] as number;
      sums[labels[j] as number]! += Math.sqrt(dist2(data, i * d, data, j * d, d));
    }
    const own = labels[i] as number;
    if ((counts[own] as number) <= 1) {
      used++; // a point alone in its segment scores 0
      continue;
    }
    const a = (sums[own] as number) / ((counts[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && (counts[c] as number) > 0) b = Math.min(b, (sums[c] as number) / (counts[c] as number));
    if (!Number.isFinite(b)) continue;
    total += (b - a) / Math.max(a, b);
    used++;
  }
  return used === 0 ? 0 : total / used;
}

/** Davies–Bouldin index: mean over segments of the worst (spread_i + spread_j) / distance(centres). Lower is better. */
export function daviesBouldin(data: Float64Array, d: number, labels: ArrayLike<number>, centroids: Float64Array, k: number): number {
  const n = data.length / d;
  const spread = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    spread[c]! += Math.sqrt(dist2(data, i * d, centroids, c * d, d));
    counts[c]!++;
  }
  for (let c = 0; c < k; c++) spread[c] = (counts[c] as number) > 0 ? (spread[c] as number) / (counts[c] as number) : 0;
  let total = 0;
  for (let c = 0; c < k; c++) {
    let worst = 0;
    for (let e = 0; e < k; e++) {
      if (e === c) continue;
      const between = Math.sqrt(dist2(centroids, c * d, centroids, e * d, d));
      if (between > 0) worst = Math.max(worst, ((spread[c] as number) + (spread[e] as number)) / between);
    }
    total += worst;
  }
  return total / k;
}

/** Calinski–Harabasz index: between-segment over within-segment dispersion, scaled by degrees of freedom. Higher is better. */
export function calinskiHarabasz(data: Float64Array, d: number, labels: ArrayLike<number>, centroids: Float64Array, k: number): number {
  const n = data.length / d;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += (data[i * d + j] as number) / n;
  const counts = new Float64Array(k);
  let within = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    counts[c]!++;
    within += dist2(data, i * d, centroids, c * d, d);
  }
  let between = 0;
  for (let c = 0; c < k; c++) between += (counts[c] as number) * dist2(centroids, c * d, mean, 0, d);
  if (within === 0 || k < 2) return 0;
  return (between / (k - 1)) / (within / (n - k));
}

/** Accuracy and macro-averaged F1 of predicted against true labels 0..k-1. */
export function classificationScores(truth: ArrayLike<number>, predicted: ArrayLike<number>, k: number): { accuracy: number; macroF1: number } {
  const tp = new Float64Array(k);
  const fp = new Float64Array(k);
  const fn = new Float64Array(k);
  let right = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    const p = predicted[i] as number;
    if (t === p) {
      right++;
      tp[t]!++;
    } else {
      fp[p]!++;
      fn[t]!++;
    }
  }
  let f1 = 0;
  let present = 0;
  for (let c = 0; c < k; c++) {
    const support = (tp[c] as number) + (fn[c] as number);
    const claimed = (tp[c] as number) + (fp[c] as number);
    if (support === 0 && claimed === 0) continue;
    present++;
    const denominator = 2 * (tp[c] as number) + (fp[c] as number) + (fn[c] as number);
    f1 += denominator === 0 ? 0 : (2 * (tp[c] as number)) / denominator;
  }
  return { accuracy: truth.length === 0 ? 0 : right / truth.length, macroF1: present === 0 ? 0 : f1 / present };
}
