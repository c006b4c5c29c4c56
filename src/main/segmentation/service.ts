import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { rfmSegments } from '../../shared/rfm';
import type { RfmSummary, SegmentInput, SegmentList, TrainSummaryView } from '../../shared/segments';
import type { AppContext } from '../app/context';
import { activeModel, latestDrift, listSegments, modelById, renameSegment } from './store';
import { refuseWhileBusy } from '../app/busy';
import { backupBefore } from '../app/backups';

/** What the window asks of the segmentation, behind the IPC contracts. */

export async function startSegmentation(ctx: AppContext, input: SegmentInput): Promise<{ jobId: string }> {
  refuseWhileBusy(ctx, 'find segments again');
  await backupBefore(ctx, 'training');
  refuseWhileBusy(ctx, 'find segments again');
  return { jobId: ctx.jobs.start('segment', input).jobId };
}

export function segmentationResult(ctx: AppContext, jobId: string): TrainSummaryView {
  return ctx.jobs.result(jobId, 'segment');
}

export function activateVersion(ctx: AppContext, modelId: number): { jobId: string } {
  refuseWhileBusy(ctx, 'switch model versions');
  const model = modelById(ctx.connection.sqlite, modelId);
  if (model.active) throw new AppError('conflict', `Version ${modelId} is already the active one.`);
  return { jobId: ctx.jobs.start('assign', { modelId }).jobId };
}

export function segmentList(db: Database, modelId?: number): SegmentList {
  const model = modelId === undefined ? activeModel(db) : modelById(db, modelId);
  if (!model) return { modelId: null, window: null, customers: 0, segments: [], drift: null, measure: 'money' };
  const segments = listSegments(db, model.id);
  const drift = model.active ? latestDrift(db) : null;
  return { modelId: model.id, window: model.window, customers: segments.reduce((s, x) => s + x.customers, 0), segments, drift, measure: model.measure };
}

export function rename(db: Database, modelId: number, segment: number, name: string): { name: string } {
  return { name: renameSegment(db, modelId, segment, name) };
}

/** The RFM lens over the active model's customers: counts per named RFM segment and the recency × frequency grid. */
export function rfmSummary(db: Database): RfmSummary {
  const customers = db.prepare('SELECT count(*) FROM customer_segments').pluck().get() as number;
  const counts = new Map(
    (db.prepare('SELECT rfm_segment, count(*) FROM customer_segments WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment').raw().all() as Array<[string, number]>).map(
      ([name, n]) => [name, n],
    ),
  );
  const grid = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  for (const [r, f, n] of db
    .prepare('SELECT rfm_r, rfm_f, count(*) FROM customer_segments WHERE rfm_r IS NOT NULL AND rfm_f IS NOT NULL GROUP BY rfm_r, rfm_f')
    .raw()
    .iterate() as Iterable<[number, number, number]>) {
    (grid[5 - r] as number[])[f - 1] = n;
  }
  const scored = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    customers,
    unscored: customers - scored,
    segments: rfmSegments.map((s) => ({ name: s.name, customers: counts.get(s.name) ?? 0, share: scored ? (counts.get(s.name) ?? 0) / scored : 0, campaign: s.campaign })),
    grid,
  };
}
