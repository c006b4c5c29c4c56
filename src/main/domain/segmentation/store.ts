import type { Database } from 'better-sqlite3';
import { sql, type Insertable, type Selectable } from 'kysely';
import { all, first, q, run } from '../../platform/db/query';
import type { ModelVersions } from '../../platform/db/schema';
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

type ModelRow = Selectable<ModelVersions>;

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

const active = () => q.selectFrom('model_versions').where('active', '=', 1);

export function activeModel(db: Database): ModelRecord | null {
  const row = first(db, active().selectAll());
  return row ? record(row) : null;
}

/** The active version's id, without reading its stored network: undefined before the first training. */
export function activeModelId(db: Database): number | undefined {
  return first(db, active().select('id'))?.id;
}

/** What the dashboard needs of the active version (not its stored network). */
export function activeModelFacts(db: Database): { id: number; k: number; measure: Measure; createdAt: string } | undefined {
  return first(db, active().select(['id', 'k', 'measure', 'created_at as createdAt']));
}

/** The active version's number and when it was trained, as the status bar shows them. */
export function activeModelVersion(db: Database): { version: number; trainedAt: string } | null {
  return first(db, active().select(['id as version', 'created_at as trainedAt'])) ?? null;
}

/** Makes `id` the one active version (call inside a transaction); null: none is active. */
export function setActiveModel(db: Database, id: number | null): void {
  run(db, q.updateTable('model_versions').set({ active: 0 }).where('active', '=', 1));
  if (id !== null) run(db, q.updateTable('model_versions').set({ active: 1 }).where('id', '=', id));
}

/** Stores a new version (made active by `setActiveModel`); its id. */
export function insertModelVersion(db: Database, version: Insertable<ModelVersions>): number {
  return Number(run(db, q.insertInto('model_versions').values(version)).lastInsertRowid);
}

export function updateModelVersion(db: Database, id: number, change: { timings?: string; measure?: Measure }): void {
  run(db, q.updateTable('model_versions').set(change).where('id', '=', id));
}

export function modelById(db: Database, id: number): ModelRecord {
  const row = first(db, q.selectFrom('model_versions').selectAll().where('id', '=', id));
  if (!row) throw new AppError('not_found', `There is no segmentation model version ${id}. Choose one from the list of versions.`);
  return record(row);
}

export function listVersions(db: Database): ModelVersionView[] {
  const rows = all(db, q.selectFrom('model_versions').selectAll().orderBy('id', 'desc'));
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
  return all(db, q.selectFrom('segments').select(['segment', 'name', 'named_by as namedBy']).where('model_id', '=', modelId).orderBy('segment'));
}

export function listSegments(db: Database, modelId?: number): SegmentView[] {
  const id = modelId ?? activeModel(db)?.id;
  if (id === undefined) return [];
  const rows = all(db, q.selectFrom('segments').selectAll().where('model_id', '=', id).orderBy('customers', 'desc').orderBy('segment'));
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
  // raw: one row per customer (up to a million), iterated as arrays rather than built as objects.
  for (const [c, s] of db.prepare('SELECT customer_id, segment FROM customer_segments').raw().iterate() as Iterable<[number, number]>) out.set(c, s);
  return out;
}

/** Renames a segment; returns the name as stored (spaces tidied). */
export function renameSegment(db: Database, modelId: number, segment: number, name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean === '') throw new AppError('validation', 'A segment needs a name. Type one, or leave the name as it was.');
  if (clean.length > 60) throw new AppError('validation', 'Segment names can be up to 60 characters. Try a shorter name.');
  const clash = first(
    db,
    q.selectFrom('segments').select('segment').where('model_id', '=', modelId).where('segment', '<>', segment).where(sql<boolean>`name = ${clean} COLLATE NOCASE`),
  );
  if (clash) throw new AppError('validation', `Another segment is already called "${clean}". Segment names must differ so reports can tell them apart.`);
  const changed = run(db, q.updateTable('segments').set({ name: clean, named_by: 'user' }).where('model_id', '=', modelId).where('segment', '=', segment)).changes;
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
  // raw: a million rows, 300 to a multi-row statement prepared once.
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
  run(db, q.deleteFrom('segments').where('model_id', '=', modelId));
  for (const s of segments) {
    run(
      db,
      q.insertInto('segments').values({
        model_id: modelId,
        segment: s.segment,
        name: s.name,
        named_by: s.namedBy,
        customers: s.customers,
        profile: JSON.stringify(s.profile),
        traits: JSON.stringify(s.traits),
        campaign: JSON.stringify(s.campaign),
      }),
    );
  }
}

export function writeDrift(db: Database, modelId: number, importId: number | null, report: DriftReport): number {
  return Number(
    run(
      db,
      q.insertInto('model_drift').values({
        model_id: modelId,
        measured_at: new Date().toISOString(),
        import_id: importId,
        report: JSON.stringify(report),
        retrain: report.retrainRecommended ? 1 : 0,
      }),
    ).lastInsertRowid,
  );
}

export function latestDrift(db: Database): (DriftReport & { modelId: number; measuredAt: string }) | null {
  const row = first(
    db,
    q
      .selectFrom('model_drift as d')
      .innerJoin('model_versions as m', (join) => join.onRef('m.id', '=', 'd.model_id').on('m.active', '=', 1))
      .select(['d.model_id', 'd.measured_at', 'd.report'])
      .orderBy('d.id', 'desc')
      .limit(1),
  );
  return row ? { ...(JSON.parse(row.report) as DriftReport), modelId: row.model_id, measuredAt: row.measured_at } : null;
}
