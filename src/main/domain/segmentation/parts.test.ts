import { describe, expect, it } from 'vitest';
import { campaignRules, campaigns, pickCampaign } from '../../../shared/campaigns';
import { featureNames } from '../../../shared/features';
import { type SegmentFigures, segmentFacts } from '../../../shared/segmentFacts';
import { Random } from '../../../shared/random';
import { rfmSegmentOf, rfmSegments } from '../../../shared/rfm';
import type { CustomerFeatures } from '../features/customerFeatures';
import { driftReference, psi } from './drift';
import { kmeans, kmeansPlusPlus } from './kmeans';
import { adjustedRandIndex, calinskiHarabasz, classificationScores, daviesBouldin, silhouette } from './metrics';
import { rfmScores } from './rfm';
import type { Scaler } from './scaling';

function blobs(n: number, d: number, k: number, spread: number, seed: number): { x: Float64Array; labels: Int32Array } {
  const rng = new Random(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal(0, 5)));
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % k;
    for (let j = 0; j < d; j++) x[i * d + j] = (centres[i % k]?.[j] as number) + rng.normal(0, spread);
  }
  return { x, labels };
}

/** Index of the centre nearest row i, and the squared distance to it. */
function nearest(x: Float64Array, i: number, c: Float64Array, k: number, d: number): [number, number] {
  let best = Number.POSITIVE_INFINITY;
  let at = 0;
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += ((x[i * d + j] as number) - (c[a * d + j] as number)) ** 2;
    if (s < best) {
      best = s;
      at = a;
    }
  }
  return [at, best];
}

/** Plain Lloyd from given centres, to check the bounded version against. */
function plainLloyd(x: Float64Array, d: number, start: Float64Array, tolerance: number): { labels: Int32Array; inertia: number } {
  const n = x.length / d;
  const k = start.length / d;
  const c = Float64Array.from(start);
  const labels = new Int32Array(n);
  for (let it = 0; it < 300; it++) {
    for (let i = 0; i < n; i++) labels[i] = nearest(x, i, c, k, d)[0];
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i] as number]!++;
      for (let j = 0; j < d; j++) sums[(labels[i] as number) * d + j]! += x[i * d + j] as number;
    }
    let shift = 0;
    for (let a = 0; a < k; a++) {
      for (let j = 0; j < d; j++) {
        const v = (sums[a * d + j] as number) / (counts[a] as number);
        shift += (v - (c[a * d + j] as number)) ** 2;
        c[a * d + j] = v;
      }
    }
    if (shift <= tolerance) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const [at, best] = nearest(x, i, c, k, d);
    labels[i] = at;
    inertia += best;
  }
  return { labels, inertia };
}

describe('k-means', () => {
  it('finds well-separated groups, and the same ones from the same seed', () => {
    const { x, labels } = blobs(3000, 5, 4, 0.5, 1);
    const a = kmeans(x, 5, { k: 4, seed: 3 });
    expect(adjustedRandIndex(labels, a.labels)).toBe(1);
    const b = kmeans(x, 5, { k: 4, seed: 3 });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.inertia).toBe(a.inertia);
  });

  it('skips distance computations with its bounds, yet ends where plain Lloyd ends', () => {
    // Overlapping groups: many iterations, many points changing segment.
    const { x } = blobs(4000, 6, 6, 4, 2);
    const start = kmeansPlusPlus(x, 6, 6, new Random(Math.imul(9, 7919) >>> 0));
    const reference = plainLloyd(x, 6, start, 0);
    const ours = kmeans(x, 6, { k: 6, seed: 9, restarts: 1, tolerance: 0 });
    expect(ours.inertia).toBeCloseTo(reference.inertia, 6);
    expect(adjustedRandIndex(reference.labels, ours.labels)).toBe(1);
    // Plain Lloyd computes every point-centre distance in every iteration.
    expect(ours.iterations).toBeGreaterThan(5);
    expect(ours.distances).toBeLessThan(4000 * 6 * (ours.iterations + 1) * 0.6);
  });

  it('refuses fewer rows than segments', () => {
    expect(() => kmeans(new Float64Array(4), 2, { k: 3 })).toThrow(RangeError);
  });
});

describe('quality measures', () => {
  it('agree with scikit-learn on its documented examples', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714, 9);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(classificationScores([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 3)).toEqual({ accuracy: 2 / 6, macroF1: expect.closeTo(0.2666666667, 9) });
  });

  it('agree with scikit-learn on a small data set', () => {
    // sklearn.metrics silhouette_score, davies_bouldin_score, calinski_harabasz_score on these points and labels.
    const x = Float64Array.from([0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 6, 5, 10, 0, 9, 1]);
    const labels = [0, 0, 0, 1, 1, 1, 2, 2];
    const centres = Float64Array.from([1 / 3, 1 / 3, 16 / 3, 16 / 3, 9.5, 0.5]);
    const all = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(silhouette(x, 2, labels, 3, all)).toBeCloseTo(SKLEARN.silhouette, 9);
    expect(daviesBouldin(x, 2, labels, centres, 3)).toBeCloseTo(SKLEARN.daviesBouldin, 9);
    expect(calinskiHarabasz(x, 2, labels, centres, 3)).toBeCloseTo(SKLEARN.calinskiHarabasz, 6);
  });
});

describe('RFM lens', () => {
  it('names every recency × frequency cell with one of the ten standard segments', () => {
    const names = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) names.add(rfmSegmentOf(r, f));
    expect([...names].sort()).toEqual(rfmSegments.map((s) => s.name).sort());
    expect(rfmSegmentOf(5, 5)).toBe('Champions');
    expect(rfmSegmentOf(1, 1)).toBe('Hibernating/Lost');
    expect(rfmSegmentOf(1, 5)).toBe("Can't Lose Them");
    expect(rfmSegmentOf(5, 1)).toBe('New');
  });

  it('scores by rank, equal values alike, recent purchases best', () => {
    const n = 10;
    const columns = Object.fromEntries(featureNames.map((f) => [f, new Float64Array(n).fill(Number.NaN)])) as CustomerFeatures['columns'];
    columns.recencyDays.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    columns.visits.set([1, 1, 1, 1, 1, 2, 3, 4, 5, 6]);
    columns.totalSpend.set([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const features = { count: n, columns } as CustomerFeatures;
    const s = rfmScores(features);
    expect(Array.from(s.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(s.f)).toEqual([1, 1, 1, 1, 1, 3, 4, 4, 5, 5]);
    expect(Array.from(s.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(s.segment[0]).toBe('New');
    expect(s.segment[9]).toBe("Can't Lose Them");
  });
});

describe('campaign rules', () => {
  it('take the first rule that holds, and never act on a feature the data lacks', () => {
    const facts = (figures: Partial<SegmentFigures>) => segmentFacts({ z: {}, mean: {}, median: {}, ...figures });
    const luxury = { freshShare: 0.2, dryShare: 0.2, luxuryShare: 0.6 };
    expect(pickCampaign(facts({ z: { recencyDays: 1.4, luxuryShare: 2 }, mean: luxury, median: { recencyDays: 200 } })).campaign).toBe('winback');
    expect(pickCampaign(facts({ z: { luxuryShare: 1.5, festiveShare: 0 }, mean: luxury })).campaign).toBe('vip_luxury');
    expect(pickCampaign(facts({ z: { luxuryShare: 1.5, festiveShare: 1.2 }, mean: luxury })).campaign).toBe('festive');
    // Luxury far above average, but the shares are unknown: no luxury campaign on a z-score alone.
    expect(pickCampaign(facts({ z: { luxuryShare: 1.5 } })).campaign).toBe('loyalty_multiplier');
    // "Far more lapsed than average" yet shopped a week ago: no win-back.
    expect(pickCampaign(facts({ z: { recencyDays: 1.4 }, median: { recencyDays: 7 } })).campaign).not.toBe('winback');
    expect(pickCampaign(new Set()).campaign).toBe('loyalty_multiplier');
    expect(campaignRules.at(-1)?.when).toEqual([]);
    for (const rule of campaignRules) expect(campaigns.map((c) => c.id)).toContain(rule.campaign);
  });
});

describe('drift', () => {
  it('reads no shift in the same population and a real shift in a moved one', () => {
    const rng = new Random(4);
    const before = Float64Array.from({ length: 5000 }, () => rng.normal(0, 1));
    const same = Float64Array.from({ length: 5000 }, () => rng.normal(0, 1));
    const moved = Float64Array.from({ length: 5000 }, () => rng.normal(0.8, 1));
    const scaler: Scaler = { features: ['visits'], log: [true], median: [0], mean: [0], sd: [1] };
    const ref = driftReference(before, scaler, new Int32Array(5000), 1);
    const shares = (v: Float64Array) => {
      const edges = ref.features[0]?.edges as number[];
      const c = new Array<number>(edges.length + 1).fill(0);
      for (const x of v) {
        let b = 0;
        while (b < edges.length && x > (edges[b] as number)) b++;
        c[b]!++;
      }
      return c.map((x) => x / v.length);
    };
    expect(psi(ref.features[0]?.shares as number[], shares(same))).toBeLessThan(0.02);
    expect(psi(ref.features[0]?.shares as number[], shares(moved))).toBeGreaterThan(0.25);
  });
});

// Computed with scikit-learn 1.2 (Debian python3-sklearn) on the points above.
const SKLEARN = { silhouette: 0.8163665297544389, daviesBouldin: 0.2038627174450733, calinskiHarabasz: 102.1590909090909 };
