import { type FeatureName, featureInfo } from '../../../shared/features';
import type { CustomerFeatures } from '../features/customerFeatures';

/**
 * Turns customer features into the matrix the model sees, and back into
 * words: log1p for money, counts and days (a customer who spends ten times
 * more is not ten times further away), then standard scaling. A missing
 * value (no age on record) takes the column's median. Fitted once per
 * model version and stored with it, so later imports are scaled the same.
 */

/**
 * The features segments are found on. Per-category spend is left out: it is
 * the shares times the total, and would count money three times over.
 */
export const modelFeatures: readonly FeatureName[] = [
  'freshShare',
  'dryShare',
  'luxuryShare',
  'festiveShare',
  'totalSpend',
  'visits',
  'basketValue',
  'recencyDays',
  'tenureDays',
  'age',
];

/**
 * Without values (a purchase history without prices): what was bought, as
 * shares of items, how much and how often. Items per visit stands in for
 * the basket's value.
 */
export const itemModelFeatures: readonly FeatureName[] = [
  'freshShare',
  'dryShare',
  'luxuryShare',
  'festiveShare',
  'totalItems',
  'visits',
  'itemsPerVisit',
  'recencyDays',
  'tenureDays',
  'age',
];

/** Scaled values are held within ±3 standard deviations: a handful of extreme customers (one huge
 * return, say) would otherwise take a segment of their own. */
const clip = 3;

export interface Scaler {
  features: FeatureName[];
  /** log1p before scaling, per feature. */
  log: boolean[];
  median: number[];
  mean: number[];
  sd: number[];
}

function usesLog(name: FeatureName): boolean {
  const kind = featureInfo[name].kind;
  return kind === 'money' || kind === 'count' || kind === 'days';
}

function transform(value: number, log: boolean): number {
  return log ? Math.log1p(Math.max(0, value)) : value;
}

/** A feature's value on the model's scale before standardising (log1p for money, counts and days). */
export function modelScale(name: FeatureName, value: number): number {
  return transform(value, usesLog(name));
}

/** Fits on the features the data has (a customer-level import has no dates, say). */
export function fitScaler(features: CustomerFeatures, names: readonly FeatureName[] = features.measure === 'items' ? itemModelFeatures : modelFeatures): Scaler {
  const usable = names.filter((name) => !features.missing.includes(name));
  const scaler: Scaler = { features: [...usable], log: usable.map(usesLog), median: [], mean: [], sd: [] };
  usable.forEach((name, j) => {
    const log = scaler.log[j] as boolean;
    const column = features.columns[name];
    const known: number[] = [];
    for (const v of column) if (!Number.isNaN(v)) known.push(transform(v, log));
    known.sort((a, b) => a - b);
    const median = known.length === 0 ? 0 : (known[Math.floor((known.length - 1) / 2)] as number);
    let sum = 0;
    let sq = 0;
    for (const v of column) {
      const t = Number.isNaN(v) ? median : transform(v, log);
      sum += t;
      sq += t * t;
    }
    const mean = sum / column.length;
    const variance = Math.max(0, sq / column.length - mean * mean);
    scaler.median.push(median);
    scaler.mean.push(mean);
    scaler.sd.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  });
  return scaler;
}

/** The row-major matrix (customers × scaler.features) the model sees. */
export function scale(scaler: Scaler, features: CustomerFeatures): Float64Array {
  const d = scaler.features.length;
  const out = new Float64Array(features.count * d);
  scaler.features.forEach((name, j) => {
    const column = features.columns[name];
    const log = scaler.log[j] as boolean;
    const median = scaler.median[j] as number;
    const mean = scaler.mean[j] as number;
    const sd = scaler.sd[j] as number;
    for (let i = 0; i < features.count; i++) {
      const v = column[i] as number;
      const z = ((Number.isNaN(v) ? median : transform(v, log)) - mean) / sd;
      out[i * d + j] = z > clip ? clip : z < -clip ? -clip : z;
    }
  });
  return out;
}
