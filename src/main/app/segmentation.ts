import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { SegmentInput, SegmentList, TrainSummaryView } from '../../shared/segments';
import type { AppContext } from './context';
import { activeModel, latestDrift, listSegments, modelById, renameSegment } from '../domain/segmentation/store';
import { refuseWhileBusy } from './busy';
import { backupBefore, type BackupDeps } from './backups';

/** What the window asks of the segmentation, behind the IPC contracts. */

export async function startSegmentation(ctx: BackupDeps & Pick<AppContext, 'jobs'>, input: SegmentInput): Promise<{ jobId: string }> {
  refuseWhileBusy(ctx, 'find segments again');
  await backupBefore(ctx, 'training');
  refuseWhileBusy(ctx, 'find segments again');
  return { jobId: ctx.jobs.start('segment', input).jobId };
}

export function segmentationResult(ctx: Pick<AppContext, 'jobs'>, jobId: string): TrainSummaryView {
  return ctx.jobs.result(jobId, 'segment');
}

export function activateVersion(ctx: Pick<AppContext, 'jobs' | 'connection'>, modelId: number): { jobId: string } {
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
