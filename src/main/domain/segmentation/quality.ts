import { Random } from '../../../shared/random';
import { kmeans } from './kmeans';
import { sampleRows } from './metrics';

/**
 * Bootstrap stability (Hennig's clusterboot): cluster resamples of the
 * customers again and, for each segment, take the best Jaccard similarity
 * between its members in the resample and any segment found in the
 * resample. Averaged over resamples: near 1, the segment is found again
 * whatever the sample; under 0.6, it is an artefact of this sample.
 */
export function bootstrapStability(
  x: Float64Array,
  d: number,
  labels: Int32Array,
  k: number,
  options: { resamples?: number; size?: number; seed?: number; onResample?: (b: number) => void } = {},
): { mean: number; perSegment: number[]; resamples: number } {
  const n = labels.length;
  const resamples = options.resamples ?? 5;
  const size = Math.min(n, options.size ?? 20_000);
  const seed = options.seed ?? 42;
  const pool = sampleRows(n, size, seed);
  const totals = new Float64Array(k);
  const seen = new Float64Array(k);
  for (let b = 0; b < resamples; b++) {
    options.onResample?.(b);
    const rng = new Random(seed + 1000 + b);
    const rows = new Int32Array(size);
    for (let i = 0; i < size; i++) rows[i] = pool[Math.floor(rng.next() * pool.length)] as number;
    const sample = new Float64Array(size * d);
    rows.forEach((row, i) => sample.set(x.subarray(row * d, row * d + d), i * d));
    const fit = kmeans(sample, d, { k, restarts: 1, seed: seed + b });
    // Contingency of reference segments against resample segments, over resample positions.
    const both = new Float64Array(k * k);
    const ref = new Float64Array(k);
    const found = new Float64Array(k);
    for (let i = 0; i < size; i++) {
      const a = labels[rows[i] as number] as number;
      const c = fit.labels[i] as number;
      both[a * k + c]!++;
      ref[a]!++;
      found[c]!++;
    }
    for (let a = 0; a < k; a++) {
      if ((ref[a] as number) === 0) continue;
      let best = 0;
      for (let c = 0; c < k; c++) {
        const inter = both[a * k + c] as number;
        const union = (ref[a] as number) + (found[c] as number) - inter;
        if (union > 0) best = Math.max(best, inter / union);
      }
      totals[a]! += best;
      seen[a]!++;
    }
  }
  const perSegment = Array.from(totals, (t, a) => ((seen[a] as number) > 0 ? t / (seen[a] as number) : 0));
  return { mean: perSegment.reduce((s, v) => s + v, 0) / Math.max(1, k), perSegment, resamples };
}
