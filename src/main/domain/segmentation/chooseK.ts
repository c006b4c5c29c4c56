import { kmeans } from './kmeans';
import { daviesBouldin, sampleRows, silhouette } from './metrics';
import type { z } from 'zod';
import type { kCandidateSchema } from '../../../shared/segments';

export type KCandidate = z.infer<typeof kCandidateSchema>;

export interface KChoice {
  k: number;
  candidates: KCandidate[];
  /** Why this k, in words for the quality report. */
  reason: string;
}

export interface ChooseKOptions {
  min?: number;
  max?: number;
  seed?: number;
  /** Customers clustered for each candidate k. */
  sampleSize?: number;
  /** Customers the silhouette is measured on (it compares every pair). */
  silhouetteSize?: number;
  restarts?: number;
  /** Silhouettes this close to the best count as tied; Davies–Bouldin settles a tie. */
  tie?: number;
  onCandidate?: (k: number) => void;
}

/**
 * Picks the number of segments: k-means for each k in min..max on a sample,
 * the highest silhouette wins, and near-ties (within `tie`) go to the lowest
 * Davies–Bouldin index, which favours compact, well-apart segments.
 */
export function chooseK(x: Float64Array, d: number, options: ChooseKOptions = {}): KChoice {
  const n = x.length / d;
  const min = options.min ?? 3;
  const max = Math.min(options.max ?? 10, n - 1);
  const seed = options.seed ?? 42;
  if (max < min) throw new RangeError(`Too few customers (${n}) to choose between ${min} and ${options.max ?? 10} segments.`);
  const rows = sampleRows(n, options.sampleSize ?? 30_000, seed);
  const sample = new Float64Array(rows.length * d);
  rows.forEach((row, i) => sample.set(x.subarray(row * d, row * d + d), i * d));
  const measured = sampleRows(rows.length, options.silhouetteSize ?? 4_000, seed + 1);

  const candidates: KCandidate[] = [];
  for (let k = min; k <= max; k++) {
    options.onCandidate?.(k);
    const fit = kmeans(sample, d, { k, restarts: options.restarts ?? 3, seed });
    candidates.push({
      k,
      silhouette: silhouette(sample, d, fit.labels, k, measured),
      daviesBouldin: daviesBouldin(sample, d, fit.labels, fit.centroids, k),
    });
  }
  const tie = options.tie ?? 0.005;
  const best = Math.max(...candidates.map((c) => c.silhouette));
  const tied = candidates.filter((c) => c.silhouette >= best - tie);
  const chosen = tied.reduce((a, b) => (b.daviesBouldin < a.daviesBouldin ? b : a));
  const top = candidates.find((c) => c.silhouette === best) as KCandidate;
  const reason =
    chosen.k === top.k
      ? `${chosen.k} segments had the highest silhouette (${chosen.silhouette.toFixed(3)}) of ${min} to ${max}.`
      : `${chosen.k} segments: silhouette ${chosen.silhouette.toFixed(3)}, within ${tie} of the best (${top.k} segments, ${top.silhouette.toFixed(3)}), and the lowest Davies–Bouldin index of those (${chosen.daviesBouldin.toFixed(3)}).`;
  return { k: chosen.k, candidates, reason };
}
