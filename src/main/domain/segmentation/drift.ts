import type { Scaler } from './scaling';
import type { DriftReportView } from '../../../shared/segments';

/**
 * How far today's customers have moved from the ones a model was trained
 * on: the population stability index (PSI) of each model feature, against
 * decile bins taken at training time.
 *
 * PSI = Σ (now − then) · ln(now / then) over the bins. The usual reading:
 * under 0.1 stable, 0.1–0.25 some shift, over 0.25 a real shift.
 */

export interface FeatureReference {
  feature: string;
  /** Upper edges of all bins but the last, on the model's scaled values. */
  edges: number[];
  shares: number[];
}

export interface DriftReference {
  features: FeatureReference[];
  /** Share of customers per segment at training. */
  segmentShares: number[];
}

/** Thresholds above which retraining is recommended. */
export const driftThresholds = { psi: 0.25, segmentShareChange: 0.1, movedShare: 0.2 } as const;

const floor = 1e-4;

/** Decile bins of each column of the scaled matrix (distinct edges only: a column of few values gets fewer bins). */
export function driftReference(x: Float64Array, scaler: Scaler, labels: Int32Array, k: number): DriftReference {
  const d = scaler.features.length;
  const n = x.length / d;
  const features = scaler.features.map((feature, j): FeatureReference => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = x[i * d + j] as number;
    column.sort();
    const edges: number[] = [];
    for (let q = 1; q < 10; q++) {
      const edge = column[Math.min(n - 1, Math.floor((q * n) / 10))] as number;
      if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
    }
    return { feature, edges, shares: binShares(column, edges) };
  });
  const counts = new Float64Array(k);
  for (const l of labels) counts[l]!++;
  return { features, segmentShares: Array.from(counts, (c) => c / Math.max(1, n)) };
}

/** Share of values in each bin: (−∞, e0], (e0, e1], …, (e_last, ∞). */
function binShares(values: ArrayLike<number>, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let b = 0;
    while (b < edges.length && v > (edges[b] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  return counts.map((c) => c / Math.max(1, values.length));
}

export function psi(then: number[], now: number[]): number {
  let total = 0;
  for (let b = 0; b < then.length; b++) {
    const t = Math.max(floor, then[b] as number);
    const c = Math.max(floor, now[b] as number);
    total += (c - t) * Math.log(c / t);
  }
  return total;
}

/** A drift measure before the app stamps it with the model and the time (driftReportSchema). */
export type DriftReport = Omit<DriftReportView, 'modelId' | 'measuredAt'>;

export function measureDrift(
  reference: DriftReference,
  x: Float64Array,
  d: number,
  labels: Int32Array,
  previous: ReadonlyMap<number, number>,
  customerIds: Int32Array,
  labelOf: (feature: string) => string,
): DriftReport {
  const n = x.length / d;
  const features = reference.features
    .map((ref, j) => {
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = x[i * d + j] as number;
      return { feature: ref.feature, psi: psi(ref.shares, binShares(column, ref.edges)) };
    })
    .sort((a, b) => b.psi - a.psi);
  const counts = new Float64Array(reference.segmentShares.length);
  for (const l of labels) counts[l]!++;
  const segments = reference.segmentShares.map((then, segment) => ({ segment, then, now: (counts[segment] as number) / Math.max(1, n) }));
  let compared = 0;
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const before = previous.get(customerIds[i] as number);
    if (before === undefined) continue;
    compared++;
    if (before !== labels[i]) moved++;
  }
  const movedShare = compared === 0 ? 0 : moved / compared;

  const reasons: string[] = [];
  const shifted = features.filter((f) => f.psi > driftThresholds.psi);
  if (shifted.length > 0) {
    reasons.push(`Customer behaviour shifted: ${shifted.map((f) => `${labelOf(f.feature)} (PSI ${f.psi.toFixed(2)})`).join(', ')}.`);
  }
  const resized = segments.filter((s) => Math.abs(s.now - s.then) > driftThresholds.segmentShareChange);
  if (resized.length > 0) reasons.push(`${resized.length} segment${resized.length === 1 ? '' : 's'} grew or shrank by more than ${driftThresholds.segmentShareChange * 100} points.`);
  if (movedShare > driftThresholds.movedShare) reasons.push(`${Math.round(movedShare * 100)}% of customers changed segment.`);
  return {
    customers: n,
    features,
    segments,
    moved: { customers: moved, share: movedShare, compared },
    retrainRecommended: reasons.length > 0,
    reasons,
  };
}
