import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { ModelVersionTable } from '../../platform/db/schema';
import { AppError } from '../../../shared/errors';
import type { ModelVersionView, QualityReport, SegmentView } from '../../../shared/segments';
import type { DriftReference, DriftReport } from './drift';
import type { SavedNetwork } from './network';
import type { DescribedSegment } from './profiles';
import type { RfmScores } from './rfm';
import type { CustomerFeatures } from '../features/customerFeatures';
import { dayNumber } from '../../../shared/days';
import type { Scaler } from './scaling';
import type { Measure } from '../../../shared/measure';

/** Model versions, their segments and the active version's customer assignments, in SQLite. */

export interface StoredModel {
  scaler: Scaler;
  /** k rows of the scaler's features, scaled. */
  centroids: number[];
  network: SavedNetwork;
}

export interface ModelRecord {
  id: number;
  /** What the version measured customers by (issue 14, money). */
  measure: Measure;
  createdAt: string;
  window: { from: string; to: string };
  k: number;
  labelsFrom: 'kmeans' | 'import';
  customers: number;
  seed: number;
  model: StoredModel;
  reference: DriftReference;
  active: boolean;
}

type ModelRow = Selectable<ModelVersionTable>;

function record(row: ModelRow): ModelRecord {
  return {
    id: row.id,
    measure: row.measure,
    createdAt: row.created_at,
    window: { from: row.window_from, to: row.window_to },
    k: row.k,
    labelsFrom: row.labels_from,
    customers: row.customers,
    seed: row.seed,
    model: JSON.parse(row.model) as StoredModel,
    reference: JSON.parse(row.reference) as DriftReference,
    active: row.active === 1,
  };
}

export function activeModel(db: Database): ModelRecord | null {
  const row = db.prepare('SELECT * FROM model_versions WHERE active = 1').get() as ModelRow | undefined;
  return row ? record(row) : null;
}

export function modelById(db: Database, id: number): ModelRecord {
  const row = db.prepare('SELECT * FROM model_versions WHERE id = ?').get(id) as ModelRow | undefined;
  if (!row) throw new AppError('not_found', `There is no segmentation model version ${id}. Choose one from the list of versions.`);
  return record(row);
}

export function listVersions(db: Database): ModelVersionView[] {
  const rows = db.prepare('SELECT * FROM model_versions ORDER BY id DESC').all() as ModelRow[];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    window: { from: r.window_from, to: r.window_to },
    k: r.k,
    labelsFrom: r.labels_from,
    customers: r.customers,
    active: r.active === 1,
    quality: JSON.parse(r.quality) as QualityReport,
    timings: JSON.parse(r.timings) as Record<string, number>,
    previousId: r.previous_id,
    transitions: r.transitions === null ? null : (JSON.parse(r.transitions) as ModelVersionView['transitions']),
    measure: r.measure,
  }));
}

/** Segment names and who gave them, of one version. */
export function segmentNames(db: Database, modelId: number): Array<{ segment: number; name: string; namedBy: SegmentView['namedBy'] }> {
  return (
    db.prepare('SELECT segment, name, named_by FROM segments WHERE model_id = ? ORDER BY segment').all(modelId) as Array<{
      segment: number;
      name: string;
      named_by: SegmentView['namedBy'];
    }>
  ).map((r) => ({ segment: r.segment, name: r.name, namedBy: r.named_by }));
}

export function listSegments(db: Database, modelId?: number): SegmentView[] {
  const id = modelId ?? activeModel(db)?.id;
  if (id === undefined) return [];
  const rows = db.prepare('SELECT * FROM segments WHERE model_id = ? ORDER BY customers DESC, segment').all(id) as Array<{
    segment: number;
    name: string;
    named_by: SegmentView['namedBy'];
    customers: number;
    profile: string;
    traits: string;
    campaign: string;
  }>;
  return rows.map((r) => ({
    segment: r.segment,
    name: r.name,
    namedBy: r.named_by,
    customers: r.customers,
    profile: JSON.parse(r.profile),
    traits: JSON.parse(r.traits),
    campaign: JSON.parse(r.campaign),
  }));
}

/** The active version's segment of every customer: customer id → segment. */
export function currentAssignments(db: Database): Map<number, number> {
  const out = new Map<number, number>();
  for (const [c, s] of db.prepare('SELECT customer_id, segment FROM customer_segments').raw().iterate() as Iterable<[number, number]>) out.set(c, s);
  return out;
}

/** Renames a segment; returns the name as stored (spaces tidied). */
export function renameSegment(db: Database, modelId: number, segment: number, name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '') throw new AppError('validation', 'A segment needs a name. Type one, or leave the name as it was.');
  if (clean.length > 60) throw new AppError('validation', 'Segment names can be up to 60 characters. Try a shorter name.');
  const clash = db.prepare('SELECT segment FROM segments WHERE model_id = ? AND segment <> ? AND name = ? COLLATE NOCASE').get(modelId, segment, clean);
  if (clash) throw new AppError('validation', `Another segment is already called "${clean}". Segment names must differ so reports can tell them apart.`);
  const changed = db.prepare("UPDATE segments SET name = ?, named_by = 'user' WHERE model_id = ? AND segment = ?").run(clean, modelId, segment).changes;
  if (changed === 0) throw new AppError('not_found', `There is no segment ${segment} in model version ${modelId}.`);
  return clean;
}

export interface Assignment {
  features: CustomerFeatures;
  labels: Int32Array;
  rfm: RfmScores;
}

const assignmentColumns = [
  'customer_id', 'model_id', 'segment', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'last_day', 'spend', 'fresh', 'dry', 'luxury', 'visits', 'outlets',
  'items', 'fresh_items', 'dry_items', 'luxury_items',
];

/**
 * Replaces the customer assignments with `modelId`'s, with the facts the
 * dashboard filters read (last purchase, spend, visits, outlets); call inside
 * a transaction.
 */
export function writeAssignments(db: Database, modelId: number, a: Assignment): void {
  db.exec('DELETE FROM customer_segments');
  const f = a.features;
  const columns = assignmentColumns.length;
  const perStatement = 300;
  const statement = (rows: number) =>
    db.prepare(
      `INSERT INTO customer_segments (${assignmentColumns.join(', ')}) VALUES ${Array(rows).fill(`(${assignmentColumns.map(() => '?').join(', ')})`).join(', ')}`,
    );
  const full = statement(perStatement);
  const values: unknown[] = [];
  const score = (v: number) => (v === 0 ? null : v);
  const known = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
  const endDay = dayNumber(f.window.to);
  for (let i = 0; i < f.count; i++) {
    const recency = known(f.columns.recencyDays[i]);
    values.push(
      f.customerIds[i],
      modelId,
      a.labels[i],
      score(a.rfm.r[i] as number),
      score(a.rfm.f[i] as number),
      score(a.rfm.m[i] as number),
      a.rfm.segment[i],
      recency === null ? null : endDay - recency,
      known(f.columns.totalSpend[i]),
      known(f.columns.freshSpend[i]),
      known(f.columns.drySpend[i]),
      known(f.columns.luxurySpend[i]),
      known(f.columns.visits[i]),
      f.outletLists[i] ?? null,
      known(f.columns.totalItems[i]),
      known(f.columns.freshItems[i]),
      known(f.columns.dryItems[i]),
      known(f.columns.luxuryItems[i]),
    );
    if (values.length === perStatement * columns) {
      full.run(values);
      values.length = 0;
    }
  }
  if (values.length > 0) statement(values.length / columns).run(values);
}

/** Replaces a version's segments (names as given); call inside a transaction. */
export function writeSegments(db: Database, modelId: number, segments: ReadonlyArray<DescribedSegment & { namedBy: SegmentView['namedBy'] }>): void {
  db.prepare('DELETE FROM segments WHERE model_id = ?').run(modelId);
  const insert = db.prepare(
    'INSERT INTO segments (model_id, segment, name, named_by, customers, profile, traits, campaign) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of segments) {
    insert.run(modelId, s.segment, s.name, s.namedBy, s.customers, JSON.stringify(s.profile), JSON.stringify(s.traits), JSON.stringify(s.campaign));
  }
}

export function writeDrift(db: Database, modelId: number, importId: number | null, report: DriftReport): number {
  return Number(
    db
      .prepare('INSERT INTO model_drift (model_id, measured_at, import_id, report, retrain) VALUES (?, ?, ?, ?, ?)')
      .run(modelId, new Date().toISOString(), importId, JSON.stringify(report), report.retrainRecommended ? 1 : 0).lastInsertRowid,
  );
}

export function latestDrift(db: Database): (DriftReport & { modelId: number; measuredAt: string }) | null {
  const row = db
    .prepare('SELECT d.model_id, d.measured_at, d.report FROM model_drift d JOIN model_versions m ON m.id = d.model_id AND m.active = 1 ORDER BY d.id DESC LIMIT 1')
    .get() as { model_id: number; measured_at: string; report: string } | undefined;
  return row ? { ...(JSON.parse(row.report) as DriftReport), modelId: row.model_id, measuredAt: row.measured_at } : null;
}
