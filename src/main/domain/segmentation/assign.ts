import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { computeFeatures } from '../features/customerFeatures';
import { type JobContext, throwIfCancelled } from '../../platform/jobs/types';
import { type DriftReport, measureDrift } from './drift';
import { assignSegments } from './network';
import { describeSegments } from './profiles';
import { rfmScores } from './rfm';
import { scale } from './scaling';
import { activeModel, currentAssignments, modelById, segmentNames, setActiveModel, updateModelVersion, writeAssignments, writeDrift, writeSegments } from './store';
import { featureLabel, outletNames } from './train';
import { featureLabel as featureLabelFor, featureNames, type FeatureName } from '../../../shared/features';

export const assignInputSchema = z
  .object({
    /** Activate this version (re-assigning with its network); absent: the active one, after new data. */
    modelId: z.number().int().positive().optional(),
    /** The import that brought the new data, if any. */
    importId: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type AssignInput = z.input<typeof assignInputSchema>;

export interface AssignSummary {
  modelId: number | null;
  customers: number;
  drift: DriftReport | null;
  activated: boolean;
}

/**
 * Assigns every customer with a version's network, without clustering
 * again: after an import (the active version), or to re-activate an earlier
 * version. Profiles and counts are refreshed; names stay. Measures drift
 * against what the version was trained on and stores it. One transaction
 * at the end; cancelling before it changes nothing.
 */
export async function refreshAssignments(db: Database, rawInput: AssignInput, job: JobContext): Promise<AssignSummary> {
  const input = assignInputSchema.parse(rawInput);
  const model = input.modelId === undefined ? activeModel(db) : modelById(db, input.modelId);
  if (model === null) return { modelId: null, customers: 0, drift: null, activated: false };
  job.onProgress({ step: 'Computing customer features', current: 0, total: 4 });
  let features;
  try {
    features = computeFeatures(db);
  } catch (error) {
    // No sales left (the last import was deleted, say): nothing to assign.
    if (error instanceof AppError && error.kind === 'validation') return { modelId: model.id, customers: 0, drift: null, activated: false };
    throw error;
  }
  throwIfCancelled(job.signal);
  if (features.count === 0) {
    // No customer left to assign (only anonymous sales, say): the model and its segments stay as trained,
    // and the Segmentation screen says the data no longer supports them.
    db.exec('DELETE FROM customer_segments');
    return { modelId: model.id, customers: 0, drift: null, activated: false };
  }
  job.onProgress({ step: 'Assigning customers to segments', current: 1, total: 4 });
  const d = model.model.scaler.features.length;
  const x = scale(model.model.scaler, features);
  const labels = await assignSegments(model.model.network, x, d);
  throwIfCancelled(job.signal);
  job.onProgress({ step: 'Measuring drift', current: 2, total: 4 });
  // Shares are of items when the data has no values: the reasons say so (issue 14, money).
  const label = (name: string) => (featureNames.includes(name as FeatureName) ? featureLabelFor(name as FeatureName, features.measure) : featureLabel(name));
  const drift = measureDrift(model.reference, x, d, labels, currentAssignments(db), features.customerIds, label);
  // issue 14, money: lines without value came into the window (or went out of it). The segments' words, the
  // filters and the reports follow the data's measure from now on, so the version is told; its network was
  // trained on the other measure, so finding segments again is recommended.
  const measureChanged = features.measure !== model.measure;
  if (measureChanged) {
    drift.retrainRecommended = true;
    // The features the new measure cannot say (spend, once values are missing) have no shift to report: they are unknown.
    drift.features = drift.features.filter((f) => !features.missing.includes(f.feature as FeatureName));
    drift.reasons = drift.reasons.filter((r) => !r.startsWith('Customer behaviour shifted'));
    drift.reasons.push(
      features.measure === 'items'
        ? 'Some sales in the period have no prices or amounts: customers are now counted by items and visits. Find segments again to group them that way.'
        : 'Every sale in the period now has a value: find segments again to group customers by what they spend.',
    );
  }
  const described = describeSegments(features, labels, model.k, outletNames(db));
  const names = new Map(segmentNames(db, model.id).map((s) => [s.segment, s]));
  const rfm = rfmScores(features);
  throwIfCancelled(job.signal);
  job.onProgress({ step: 'Saving', current: 3, total: 4 });
  const activated = !model.active;
  db.transaction(() => {
    if (activated) {
      setActiveModel(db, model.id);
    }
    writeSegments(
      db,
      model.id,
      described.map((s) => {
        const kept = names.get(s.segment);
        return { ...s, name: kept?.name ?? s.name, namedBy: kept?.namedBy ?? 'generated' };
      }),
    );
    writeAssignments(db, model.id, { features, labels, rfm });
    if (measureChanged) updateModelVersion(db, model.id, { measure: features.measure });
    writeDrift(db, model.id, input.importId ?? null, drift);
  }).immediate();
  job.onProgress({ step: 'Done', current: 4, total: 4 });
  return { modelId: model.id, customers: features.count, drift, activated };
}
