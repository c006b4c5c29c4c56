import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { ReportEntry, ReportParams } from '../../../shared/reports';
import type { ReportTable } from '../../platform/db/schema';

type Row = Selectable<ReportTable>;

/** The key of "the same report": segment of the same model, the same filters (canonical JSON), the same format. */
export function canonicalFilters(filters: ReportParams['filters']): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(sorted(filters));
}

function activeModelId(db: Database): number | undefined {
  return db.prepare('SELECT id FROM model_versions WHERE active = 1').pluck().get() as number | undefined;
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
  const row = db
    .prepare('SELECT * FROM reports WHERE model_id = ? AND segment = ? AND format = ? AND filters = ? ORDER BY version DESC, id DESC LIMIT 1')
    .get(params.modelId, params.segment, params.format, canonicalFilters(params.filters)) as Row | undefined;
  return row ? view(row, activeModelId(db)) : null;
}

export function reportEntry(db: Database, id: number): ReportEntry | null {
  const row = db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as Row | undefined;
  return row ? view(row, activeModelId(db)) : null;
}

/** What made a report, to make it again. */
export function reportParams(db: Database, id: number): ReportParams | null {
  const row = db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as Row | undefined;
  return row ? { modelId: row.model_id, segment: row.segment, filters: JSON.parse(row.filters) as ReportParams['filters'], format: row.format, rows: JSON.parse(row.rows) as ReportParams['rows'] } : null;
}

export function listReports(db: Database): ReportEntry[] {
  const active = activeModelId(db);
  return (db.prepare('SELECT * FROM reports ORDER BY created_at DESC, id DESC').all() as Row[]).map((r) => view(r, active));
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
      const version =
        ((db.prepare('SELECT max(version) FROM reports WHERE model_id = ? AND segment = ? AND format = ? AND filters = ?').pluck().get(r.params.modelId, r.params.segment, r.params.format, filters) as number | null) ?? 0) + 1;
      return Number(
        db
          .prepare(
            `INSERT INTO reports (title, segment_name, model_id, segment, filters, filter_words, format, rows, customers, path, size, version, created_by, created_at, created_by_user_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(r.title, r.segmentName, r.params.modelId, r.params.segment, filters, JSON.stringify(r.filterWords), r.params.format, JSON.stringify(r.params.rows), r.customers, r.path, r.size, version, r.createdBy, r.createdAt, r.createdById).lastInsertRowid,
      );
    })
    .immediate();
}

/** Overwritten: the same entry (and version) now describes the new file. */
export function replaceReport(db: Database, id: number, r: SavedReport): void {
  db.prepare('UPDATE reports SET title = ?, segment_name = ?, filter_words = ?, rows = ?, customers = ?, path = ?, size = ?, created_by = ?, created_at = ?, created_by_user_id = ? WHERE id = ?').run(
    r.title,
    r.segmentName,
    JSON.stringify(r.filterWords),
    JSON.stringify(r.params.rows),
    r.customers,
    r.path,
    r.size,
    r.createdBy,
    r.createdAt,
    r.createdById,
    id,
  );
}

export function removeReport(db: Database, id: number): ReportEntry | null {
  const entry = reportEntry(db, id);
  if (entry) db.prepare('DELETE FROM reports WHERE id = ?').run(id);
  return entry;
}

/** "Fresh Regulars (v2).pdf" beside "Fresh Regulars.pdf": the path a new version is saved to. */
export function versionPath(first: string, version: number): string {
  const ext = path.extname(first);
  const base = path.basename(first, ext).replace(/ \(v\d+\)$/, '');
  return path.join(path.dirname(first), `${base} (v${version})${ext}`);
}
