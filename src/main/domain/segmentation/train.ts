import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { featureInfo, type FeatureName } from '../../../shared/features';
import { type QualityReport, type SegmentInput, segmentInputSchema, type SegmentView, type trainSummarySchema } from '../../../shared/segments';
import { computeFeatures, type CustomerFeatures, dataWithoutDates } from '../features/customerFeatures';
import { formatCount, formatDay } from '../../../shared/format';
import { noDatesWords } from '../../../shared/importGuard';
import { type JobContext, throwIfCancelled } from '../../platform/jobs/types';
import { chooseK } from './chooseK';
import { driftReference } from './drift';
import { kmeansInThreads } from './threads';
import { calinskiHarabasz, daviesBouldin, sampleRows, silhouette } from './metrics';
import { trainNetwork } from './network';
import { type DescribedSegment, describeSegments } from './profiles';
import { bootstrapStability } from './quality';
import { rfmScores } from './rfm';
import { type Scaler, fitScaler, scale } from './scaling';
import { activeModel, currentAssignments, insertModelVersion, type ModelRecord, segmentNames, setActiveModel, updateModelVersion, writeAssignments, writeSegments } from './store';
import { outletNameMap } from '../outlets/service';

/**
 * Trains a new model version and makes it the active one:
 * features → scaling → k (unless fixed) → k-means → network → quality →
 * profiles, traits, names, campaigns → RFM → one transaction that stores the
 * version, its segments and every customer's segment. Names carry over from
 * the active version's segments whose centres match. Cancelling before the
 * last step leaves the active version as it was; the last step is one
 * transaction.
 */

export type TrainSummary = z.output<typeof trainSummarySchema>;

/**
 * The Segmentation screen has no period control (it takes the 12 months up to
 * the latest sale), so the advice is about data; the command line adds its
 * --from/--to to the message (see cli.ts).
 */
export function tooFewCustomers(count: number, window: { from: string; to: string } | null): string {
  const where = window === null ? `in this data (${noDatesWords})` : `between ${formatDay(window.from)} and ${formatDay(window.to)}`;
  return `Only ${formatCount(count)} customer${count === 1 ? '' : 's'} bought ${where}; segments need at least 50. Import sales with customer ids, then choose Find segments again.`;
}

const steps = ['Computing customer features', 'Choosing the number of segments', 'Finding segments (k-means)', 'Training the network', 'Measuring quality', 'Describing segments', 'Saving the model'] as const;

export async function trainModel(db: Database, rawInput: SegmentInput, job: JobContext): Promise<TrainSummary> {
  const input = segmentInputSchema.parse(rawInput);
  const timings: Record<string, number> = {};
  let step = 0;
  let progress = { step: 'Starting', current: 0, total: steps.length };
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    throwIfCancelled(job.signal);
    progress = { step: steps[step] ?? name, current: step, total: steps.length };
    job.onProgress(progress);
    step++;
    const started = performance.now();
    const result = await fn();
    timings[name] = Math.round(performance.now() - started) / 1000;
    return result;
  };
  // Called inside long steps: reporting progress is also how a job worker notices a cancel.
  const stop = () => {
    job.onProgress(progress);
    throwIfCancelled(job.signal);
  };

  const features = await timed('features', () => computeFeatures(db, input.window ?? undefined));
  if (features.count < 50) throw new AppError('validation', tooFewCustomers(features.count, input.window === null && dataWithoutDates(db) ? null : features.window));
  const scaler = fitScaler(features);
  const x = scale(scaler, features);
  const d = scaler.features.length;

  let labels: Int32Array;
  let k: number;
  let centroids: Float64Array;
  let kChoice: QualityReport['kChoice'];
  let inertia = 0;
  let importedNames: string[] | null = null;
  if (input.labelsFrom === 'import') {
    const imported = await timed('labels', () => importedLabels(db, features));
    ({ labels, k } = imported);
    importedNames = imported.names;
    centroids = centresOf(x, d, labels, k);
    kChoice = { chosen: k, fixedByUser: true, reason: `${k} segment labels in the imported customer-level sales.`, candidates: [] };
    timings.kmeans = 0;
  } else {
    if (input.k === null) {
      const choice = await timed('chooseK', () => chooseK(x, d, { seed: input.seed, onCandidate: stop }));
      k = choice.k;
      kChoice = { chosen: k, fixedByUser: false, reason: choice.reason, candidates: choice.candidates };
    } else {
      step++;
      k = input.k;
      timings.chooseK = 0;
      kChoice = { chosen: k, fixedByUser: true, reason: `${k} segments, as asked.`, candidates: [] };
    }
    if (features.count <= k) throw new AppError('validation', `There are ${features.count} customers, too few for ${k} segments. Choose fewer segments.`);
    const fit = await timed('kmeans', () => kmeansInThreads(x, d, { k, restarts: 4, seed: input.seed }, job.workerFile, stop));
    ({ labels, centroids, inertia } = fit);
  }

  const trained = await timed('network', () => trainNetwork(x, d, labels, k, { seed: input.seed, onEpoch: stop }));

  const quality = await timed('quality', (): QualityReport => {
    const sample = sampleRows(features.count, 3_000, input.seed + 7);
    return {
      silhouette: silhouette(x, d, labels, k, sample),
      daviesBouldin: daviesBouldin(x, d, labels, centroids, k),
      calinskiHarabasz: calinskiHarabasz(x, d, labels, centroids, k),
      stability: bootstrapStability(x, d, labels, k, { seed: input.seed, onResample: stop }),
      network: trained.scores,
      kChoice,
      inertia,
    };
  });

  const previous = activeModel(db);
  const described = await timed('profiles', () => {
    const segments = describeSegments(features, labels, k, outletNames(db));
    return nameFromPrevious(db, segments, previous, scaler, centroids, importedNames);
  });

  const rfm = rfmScores(features);
  const reference = driftReference(x, scaler, labels, k);
  const before = previous ? currentAssignments(db) : new Map<number, number>();
  const transitions = previous ? transitionTable(before, features.customerIds, labels, segmentNames(db, previous.id).map((s) => s.name), described) : null;

  const modelId = await timed('save', () => {
    stop();
    return db.transaction(() => {
      setActiveModel(db, null);
      const id = insertModelVersion(db, {
        created_at: new Date().toISOString(),
        window_from: features.window.from,
        window_to: features.window.to,
        k,
        labels_from: input.labelsFrom,
        customers: features.count,
        seed: input.seed,
        model: JSON.stringify({ scaler, centroids: Array.from(centroids), network: trained.network }),
        quality: JSON.stringify(quality),
        timings: JSON.stringify(timings),
        reference: JSON.stringify(reference),
        previous_id: previous?.id ?? null,
        transitions: transitions === null ? null : JSON.stringify(transitions),
        active: 1,
        measure: features.measure,
      });
      writeSegments(db, id, described);
      writeAssignments(db, id, { features, labels, rfm });
      return id;
    }).immediate();
  });
  // The save's own seconds are known only once it is done: store the complete timings.
  updateModelVersion(db, modelId, { timings: JSON.stringify(timings) });
  job.onProgress({ step: 'Done', current: steps.length, total: steps.length });
  return {
    modelId,
    previousId: previous?.id ?? null,
    k,
    customers: features.count,
    window: features.window,
    labelsFrom: input.labelsFrom,
    quality,
    timings,
    segments: described.map((s) => ({ segment: s.segment, name: s.name, customers: s.customers, campaign: s.campaign.id })),
    measure: features.measure,
  };
}

export function outletNames(db: Database): Map<number, string> {
  return outletNameMap(db);
}

function centresOf(x: Float64Array, d: number, labels: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    counts[c]!++;
    for (let j = 0; j < d; j++) sums[c * d + j]! += x[i * d + j] as number;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j]! /= Math.max(1, counts[c] as number);
  return sums;
}

/** Segment labels a customer-level import brought, for the customers in the features. */
function importedLabels(db: Database, features: CustomerFeatures): { labels: Int32Array; k: number; names: string[] } {
  const byCustomer = new Map(
    // raw: a label per customer (up to a million), read as arrays rather than built as objects.
    (db.prepare('SELECT customer_id, segment_label FROM customer_spend WHERE segment_label IS NOT NULL').raw().all() as Array<[number, string]>).map(
      ([id, label]) => [id, label.trim()],
    ),
  );
  const names = [...new Set([...byCustomer.values()].filter((l) => l !== ''))].sort();
  if (names.length < 2) {
    throw new AppError('validation', 'No segment labels to learn from: import customer-level sales with a segment column (at least two different labels), or let the app find segments.');
  }
  const index = new Map(names.map((n, i) => [n, i]));
  const labels = new Int32Array(features.count);
  let missing = 0;
  features.customerIds.forEach((id, i) => {
    const l = index.get(byCustomer.get(id) ?? '');
    if (l === undefined) missing++;
    labels[i] = l ?? 0;
  });
  if (missing > 0) {
    throw new AppError(
      'validation',
      `${missing.toLocaleString('en-LK')} of ${features.count.toLocaleString('en-LK')} customers have no segment label. Learn from labels only when every customer in the period has one, or let the app find segments.`,
    );
  }
  return { labels, k: names.length, names };
}

type Named = DescribedSegment & { namedBy: SegmentView['namedBy'] };

/**
 * Carries names over from the active version: its centres are brought into
 * this version's scale on the features both share, and each new segment
 * takes the name of the nearest old one, nearest pairs first, when they are
 * close (within 1.5 scaled units, Euclidean; segments found again lie far
 * closer, distinct ones further apart). A name the user gave stays the user's.
 */
function nameFromPrevious(
  db: Database,
  segments: DescribedSegment[],
  previous: ModelRecord | null,
  scaler: Scaler,
  centroids: Float64Array,
  importedNames: string[] | null,
): Named[] {
  if (importedNames) return segments.map((s) => ({ ...s, name: importedNames[s.segment] ?? s.name, namedBy: 'user' }));
  const named: Named[] = segments.map((s) => ({ ...s, namedBy: 'generated' }));
  if (!previous) return named;
  const old = previous.model;
  const shared = scaler.features.filter((f) => old.scaler.features.includes(f));
  if (shared.length === 0) return named;
  const oldNames = segmentNames(db, previous.id);
  const dOld = old.scaler.features.length;
  const dNew = scaler.features.length;
  const pairs: Array<{ from: number; to: number; distance: number }> = [];
  for (let a = 0; a < previous.k; a++) {
    for (let b = 0; b < segments.length; b++) {
      let s = 0;
      for (const f of shared) {
        const jo = old.scaler.features.indexOf(f);
        const jn = scaler.features.indexOf(f);
        // Old scaled value → model-scale value → new scaled value.
        const t = (old.centroids[a * dOld + jo] as number) * (old.scaler.sd[jo] as number) + (old.scaler.mean[jo] as number);
        const v = (t - (scaler.mean[jn] as number)) / (scaler.sd[jn] as number);
        s += (v - (centroids[b * dNew + jn] as number)) ** 2;
      }
      pairs.push({ from: a, to: b, distance: Math.sqrt(s) });
    }
  }
  pairs.sort((p, q) => p.distance - q.distance);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  for (const p of pairs) {
    if (p.distance > 1.5 || usedOld.has(p.from) || usedNew.has(p.to)) continue;
    const prior = oldNames.find((o) => o.segment === p.from);
    const target = named[p.to];
    if (!prior || !target) continue;
    usedOld.add(p.from);
    usedNew.add(p.to);
    target.name = prior.name;
    target.namedBy = prior.namedBy === 'user' ? 'user' : 'carried';
  }
  // A generated name must not repeat a carried one.
  const taken = new Set(named.filter((s) => s.namedBy !== 'generated').map((s) => s.name.toLowerCase()));
  for (const s of named) {
    if (s.namedBy !== 'generated') continue;
    let name = s.name;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${s.name} ${i}`;
    s.name = name;
    taken.add(name.toLowerCase());
  }
  return named;
}

/** Customers from each old segment (and "not segmented before") to each new segment; adds up to the new version's customers. */
function transitionTable(
  before: ReadonlyMap<number, number>,
  customerIds: Int32Array,
  labels: Int32Array,
  oldNames: string[],
  segments: Named[],
): { from: string[]; to: string[]; counts: number[][] } {
  const rows = oldNames.length + 1;
  const counts = Array.from({ length: rows }, () => new Array<number>(segments.length).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const old = before.get(customerIds[i] as number);
    const row = counts[old === undefined || old >= oldNames.length ? oldNames.length : old] as number[];
    row[labels[i] as number]!++;
  }
  return { from: [...oldNames, 'Not segmented before'], to: segments.map((s) => s.name), counts };
}

export function featureLabel(name: string): string {
  return featureInfo[name as FeatureName]?.label ?? name;
}
