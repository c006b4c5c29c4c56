import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { ReportEntry, ReportParams } from '../../../shared/reports';
import { all, first, q, run } from '../../platform/db/query';
import type { Reports } from '../../platform/db/schema';
import { activeModelId } from '../segmentation/store';

type Row = Selectable<Reports>;

/** The key of "the same report": segment of the same model, the same filters (canonical JSON), the same format. */
export function canonicalFilters(filters: ReportParams['filters']): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(sorted(filters));
}

function view(r: Row, active: number | undefined): ReportEntry {
  return {
    id: r.id,
    title: r.title,
    segmentName: r.segment_name,
    modelId: r.model_id,
    segment: r.segment,
    filters: JSON.parse(r.filter_words) as string[],
    format: r.format,
    customers: r.customers,
    path: r.path,
    fileName: path.basename(r.path),
    size: r.size,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    createdById: r.created_by_user_id,
    exists: fs.existsSync(r.path),
    current: r.model_id === active,
  };
}

/** The newest report of the same segment, filters and format, if any. */
export function sameReport(db: Database, params: ReportParams): ReportEntry | null {
  const row = first(db, sameAs(params.modelId, params.segment, params.format, canonicalFilters(params.filters)).selectAll().orderBy('version', 'desc').orderBy('id', 'desc').limit(1));
  return row ? view(row, activeModelId(db)) : null;
}

/** The reports that are "the same report" (see canonicalFilters). */
const sameAs = (modelId: number, segment: number, format: ReportParams['format'], filters: string) =>
  q.selectFrom('reports').where('model_id', '=', modelId).where('segment', '=', segment).where('format', '=', format).where('filters', '=', filters);

const byId = (db: Database, id: number): Row | undefined => first(db, q.selectFrom('reports').selectAll().where('id', '=', id));

export function reportEntry(db: Database, id: number): ReportEntry | null {
  const row = byId(db, id);
  return row ? view(row, activeModelId(db)) : null;
}

/** What made a report, to make it again. */
export function reportParams(db: Database, id: number): ReportParams | null {
  const row = byId(db, id);
  return row ? { modelId: row.model_id, segment: row.segment, filters: JSON.parse(row.filters) as ReportParams['filters'], format: row.format, rows: JSON.parse(row.rows) as ReportParams['rows'] } : null;
}

export function listReports(db: Database): ReportEntry[] {
  const active = activeModelId(db);
  return all(db, q.selectFrom('reports').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc')).map((r) => view(r, active));
}

export interface SavedReport {
  params: ReportParams;
  title: string;
  segmentName: string;
  filterWords: string[];
  customers: number;
  path: string;
  size: number;
  createdBy: string;
  createdAt: string;
  createdById: number | null;
}

/** A new entry (a first report, or a new version): its version is one above the same report's newest. */
export function addReport(db: Database, r: SavedReport): number {
  return db
    .transaction(() => {
      const filters = canonicalFilters(r.params.filters);
      const newest = first(db, sameAs(r.params.modelId, r.params.segment, r.params.format, filters).select((eb) => eb.fn.max('version').as('version')));
      const version = (newest?.version ?? 0) + 1;
      return Number(
        run(
          db,
          q.insertInto('reports').values({
            title: r.title,
            segment_name: r.segmentName,
            model_id: r.params.modelId,
            segment: r.params.segment,
            filters,
            filter_words: JSON.stringify(r.filterWords),
            format: r.params.format,
            rows: JSON.stringify(r.params.rows),
            customers: r.customers,
            path: r.path,
            size: r.size,
            version,
            created_by: r.createdBy,
            created_at: r.createdAt,
            created_by_user_id: r.createdById,
          }),
        ).lastInsertRowid,
      );
    })
    .immediate();
}

/** Overwritten: the same entry (and version) now describes the new file. */
export function replaceReport(db: Database, id: number, r: SavedReport): void {
  run(
    db,
    q
      .updateTable('reports')
      .set({
        title: r.title,
        segment_name: r.segmentName,
        filter_words: JSON.stringify(r.filterWords),
        rows: JSON.stringify(r.params.rows),
        customers: r.customers,
        path: r.path,
        size: r.size,
        created_by: r.createdBy,
        created_at: r.createdAt,
        created_by_user_id: r.createdById,
      })
      .where('id', '=', id),
  );
}

export function removeReport(db: Database, id: number): ReportEntry | null {
  const entry = reportEntry(db, id);
  if (entry) run(db, q.deleteFrom('reports').where('id', '=', id));
  return entry;
}

/** "Fresh Regulars (v2).pdf" beside "Fresh Regulars.pdf": the path a new version is saved to. */
export function versionPath(first: string, version: number): string {
  const ext = path.extname(first);
  const base = path.basename(first, ext).replace(/ \(v\d+\)$/, '');
  return path.join(path.dirname(first), `${base} (v${version})${ext}`);
}
