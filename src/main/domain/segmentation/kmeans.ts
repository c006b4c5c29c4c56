import { Random } from '../../../shared/random';

/**
 * k-means on a row-major matrix (n rows of d values), in typed arrays.
 *
 * - Initialisation: greedy k-means++ (as scikit-learn does it: 2 + ln k
 *   candidates per new centre, keep the one that lowers the potential most).
 * - Iterations: Lloyd's algorithm with Hamerly's bounds. Each point keeps
 *   an upper bound on the distance to its centre and a lower bound on the
 *   distance to any other; when the bounds show the centre cannot have
 *   changed, no distance is computed. Same result as plain Lloyd, with a
 *   fraction of the distance computations once centres settle.
 * - Stops when no point changes segment, or when the centres moved less than
 *   `tolerance` × the mean variance of the columns (scikit-learn's rule).
 * - Several restarts from different seeds; the lowest inertia wins. The same
 *   data and seed give the same result.
 *
 * Measured faster on this machine's wasm backend than tfjs ops for the
 * sizes we run (d ≤ 16, k ≤ 10): see docs/BENCHMARKS.md.
 */
export interface KMeansOptions {
  k: number;
  /** Independent runs from different seeds; the lowest inertia wins. */
  restarts?: number;
  /** Run only these restarts (of 0..restarts-1), as a thread given a share of them does. */
  only?: readonly number[];
  maxIterations?: number;
  tolerance?: number;
  seed?: number;
  /** Called between iterations; throw from it to stop. */
  onIteration?: (restart: number, iteration: number) => void;
}

export interface KMeansResult {
  k: number;
  d: number;
  /** k rows of d values. */
  centroids: Float64Array;
  labels: Int32Array;
  /** Sum of squared distances of points to their centre. */
  inertia: number;
  iterations: number;
  restart: number;
  /** Distance computations done, across all restarts (for benchmarks). */
  distances: number;
}

/** Indices of a seeded sample of `size` rows out of n (all rows when n ≤ size), ascending. */
export function sampleRows(n: number, size: number, seed: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Random(seed);
  // Floyd's algorithm: `size` distinct indices without an n-sized array.
  const chosen = new Set<number>();
  for (let j = n - size; j < n; j++) {
    const t = Math.floor(rng.next() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from([...chosen].sort((x, y) => x - y));
}

export function kmeans(data: Float64Array, d: number, options: KMeansOptions): KMeansResult {
  const n = data.length / d;
  const { k } = options;
  if (!Number.isInteger(n) || n < k || k < 1) throw new RangeError(`k-means needs at least k=${k} rows; got ${n}`);
  const restarts = options.restarts ?? 4;
  const tolerance = (options.tolerance ?? 1e-4) * meanVariance(data, d);
  let best: KMeansResult | null = null;
  let distances = 0;
  for (const r of options.only ?? Array.from({ length: restarts }, (_, i) => i)) {
    const rng = new Random(((options.seed ?? 42) * 7919 + r * 104_729) >>> 0);
    // Seeding from a sample of a large matrix was tried (50,000–300,000 rows of 1 M): Lloyd then
    // needed more iterations, and the whole took as long or longer. All rows it is.
    const seeding: Seeding = { nearest: new Int32Array(0), closest: new Float64Array(0) };
    const centroids = kmeansPlusPlus(data, d, k, rng, seeding);
    distances += n * k;
    const result = lloydHamerly(data, d, centroids, options.maxIterations ?? 300, tolerance, (it) => options.onIteration?.(r, it), seeding);
    distances += result.distances;
    if (best === null || result.inertia < best.inertia) best = { ...result, restart: r, distances: 0 };
  }
  return { ...(best as KMeansResult), distances };
}

function meanVariance(data: Float64Array, d: number): number {
  const n = data.length / d;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    for (let j = 0; j < d; j++) {
      const v = data[o + j] as number;
      mean[j]! += v;
      sq[j]! += v * v;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) {
    const m = (mean[j] as number) / n;
    total += (sq[j] as number) / n - m * m;
  }
  return total / d;
}

/**
 * The centre nearest row `o` of `data`; writes the distance to it in
 * `upper[i]` and to the second nearest in `lower[i]`.
 */
function nearestTwo(data: Float64Array, o: number, centroids: Float64Array, k: number, d: number, upper: Float64Array, lower: Float64Array, i: number): number {
  let b1 = Number.POSITIVE_INFINITY;
  let b2 = Number.POSITIVE_INFINITY;
  let a = 0;
  for (let c = 0; c < k; c++) {
    const v = dist2(data, o, centroids, c * d, d);
    if (v < b1) {
      b2 = b1;
      b1 = v;
      a = c;
    } else if (v < b2) b2 = v;
  }
  upper[i] = Math.sqrt(b1);
  lower[i] = Math.sqrt(b2);
  return a;
}

/** Squared distance between row `a` of `x` and row `b` of `y`. */
export function dist2(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = (x[a + j] as number) - (y[b + j] as number);
    s += t * t;
  }
  return s;
}

/** Greedy k-means++: returns k centres (k × d). */
/** Each row's nearest seeded centre and squared distance to it: Lloyd's first assignment, already done. */
export interface Seeding {
  nearest: Int32Array;
  closest: Float64Array;
}

export function kmeansPlusPlus(data: Float64Array, d: number, k: number, rng: Random, seeding?: Seeding): Float64Array {
  const n = data.length / d;
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(rng.next() * n);
  centres.set(data.subarray(first * d, first * d + d), 0);
  let closest = new Float64Array(n);
  // Which centre each point is nearest to, for the triangle-inequality skip below.
  const nearest = new Int32Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = dist2(data, i * d, centres, 0, d);
    potential += closest[i] as number;
  }
  // Three buffers rotate: the current nearest distances, the trial being measured and the best trial.
  let candidate = new Float64Array(n);
  let bestClosest = new Float64Array(n);
  const toCentre = new Float64Array(k);
  for (let c = 1; c < k; c++) {
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestIndex = -1;
    for (let t = 0; t < trials; t++) {
      const index = sampleByWeight(closest, potential, rng);
      const o = index * d;
      // A point can only come closer to the candidate than to its nearest centre e if the candidate
      // is within twice that distance of e (triangle inequality): otherwise skip its distance.
      for (let e = 0; e < c; e++) toCentre[e] = dist2(data, o, centres, e * d, d);
      let p = 0;
      for (let i = 0; i < n; i++) {
        const own = closest[i] as number;
        const v = (toCentre[nearest[i] as number] as number) >= 4 * own ? own : Math.min(own, dist2(data, i * d, data, o, d));
        candidate[i] = v;
        p += v;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestIndex = index;
        [bestClosest, candidate] = [candidate, bestClosest];
      }
    }
    centres.set(data.subarray(bestIndex * d, bestIndex * d + d), c * d);
    for (let i = 0; i < n; i++) if ((bestClosest[i] as number) < (closest[i] as number)) nearest[i] = c;
    [closest, bestClosest] = [bestClosest, closest];
    potential = bestPotential;
  }
  if (seeding) {
    seeding.nearest = nearest;
    seeding.closest = closest;
  }
  return centres;
}

function sampleByWeight(weights: Float64Array, total: number, rng: Random): number {
  if (!(total > 0)) return Math.floor(rng.next() * weights.length);
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target <= 0) return i;
  }
  return weights.length - 1;
}

function lloydHamerly(
  data: Float64Array,
  d: number,
  centroids: Float64Array,
  maxIterations: number,
  tolerance: number,
  onIteration: (iteration: number) => void,
  seeding?: Seeding,
): Omit<KMeansResult, 'restart'> {
  const n = data.length / d;
  const k = centroids.length / d;
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const previous = new Float64Array(k * d);
  let distances = 0;

  // First assignment: from the seeding when it has it (the exact nearest centre; the second nearest
  // unknown, so a lower bound of 0), else all distances.
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let a: number;
    if (seeding) {
      a = seeding.nearest[i] as number;
      upper[i] = Math.sqrt(seeding.closest[i] as number);
      lower[i] = 0;
    } else {
      a = nearestTwo(data, o, centroids, k, d, upper, lower, i);
      distances += k;
    }
    labels[i] = a;
    counts[a]!++;
    for (let j = 0; j < d; j++) sums[a * d + j]! += data[o + j] as number;
  }

  let iterations = 0;
  let settled = false;
  for (; iterations < maxIterations; ) {
    onIteration(iterations);
    iterations++;
    // Move each centre to the mean of its points; an emptied segment takes the point farthest from its centre.
    previous.set(centroids);
    for (let c = 0; c < k; c++) {
      if ((counts[c] as number) === 0) relocate(data, d, c, labels, upper, lower, sums, counts);
      const cnt = counts[c] as number;
      for (let j = 0; j < d; j++) centroids[c * d + j] = (sums[c * d + j] as number) / cnt;
    }
    let shift = 0;
    let most = 0;
    let mostAt = -1;
    let second = 0;
    for (let c = 0; c < k; c++) {
      const m2 = dist2(centroids, c * d, previous, c * d, d);
      shift += m2;
      const m = Math.sqrt(m2);
      moved[c] = m;
      if (m > most) {
        second = most;
        most = m;
        mostAt = c;
      } else if (m > second) second = m;
    }
    if (shift <= tolerance) {
      settled = true;
      break;
    }
    for (let c = 0; c < k; c++) {
      let nearest = Number.POSITIVE_INFINITY;
      for (let e = 0; e < k; e++) if (e !== c) nearest = Math.min(nearest, dist2(centroids, c * d, centroids, e * d, d));
      half[c] = Math.sqrt(nearest) / 2;
    }
    distances += (k * (k - 1)) / 2;

    let changed = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i] as number;
      upper[i]! += moved[a] as number;
      lower[i]! -= a === mostAt ? second : most;
      const bound = Math.max(half[a] as number, lower[i] as number);
      if ((upper[i] as number) <= bound) continue;
      const o = i * d;
      upper[i] = Math.sqrt(dist2(data, o, centroids, a * d, d));
      distances++;
      if ((upper[i] as number) <= bound) continue;
      const next = nearestTwo(data, o, centroids, k, d, upper, lower, i);
      distances += k;
      if (next !== a) {
        changed++;
        labels[i] = next;
        counts[a]!--;
        counts[next]!++;
        for (let j = 0; j < d; j++) {
          const v = data[o + j] as number;
          sums[a * d + j]! -= v;
          sums[next * d + j]! += v;
        }
      }
    }
    if (changed === 0) break;
  }

  // Stopped on the tolerance: the centres moved after the last assignment, so assign once more
  // (as scikit-learn does) for labels that match the centres. Then the exact inertia.
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let a = labels[i] as number;
    let b = dist2(data, o, centroids, a * d, d);
    if (settled) {
      for (let c = 0; c < k; c++) {
        const v = dist2(data, o, centroids, c * d, d);
        if (v < b) {
          b = v;
          a = c;
        }
      }
      labels[i] = a;
    }
    inertia += b;
  }
  return { k, d, centroids, labels, inertia, iterations, distances };
}

/** Gives empty segment `c` the point farthest from its own centre (by its upper bound). */
function relocate(
  data: Float64Array,
  d: number,
  c: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  let far = -1;
  let farthest = -1;
  for (let i = 0; i < labels.length; i++) {
    if ((counts[labels[i] as number] as number) > 1 && (upper[i] as number) > farthest) {
      farthest = upper[i] as number;
      far = i;
    }
  }
  if (far < 0) return;
  const from = labels[far] as number;
  labels[far] = c;
  counts[from]!--;
  counts[c]!++;
  upper[far] = 0;
  lower[far] = 0;
  for (let j = 0; j < d; j++) {
    const v = data[far * d + j] as number;
    sums[from * d + j]! -= v;
    sums[c * d + j]! += v;
  }
}
