import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import {
  reportFileName,
  type ImportCheck,
  type ImportCheckInput,
  type ImportList,
  type ImportReport,
  type ShapeInfo,
  type StartImportInput,
} from '../../shared/importViews';
import type { AppContext } from './context';
import type { ChosenFile } from './files';
import type { RemovedCounts } from '../domain/sales/imports';
import { requiredFields, shapeFields, shapeLabels, shapes } from '../domain/import/columns';
import { tidyOutletName } from '../domain/import/outlets';
import type { ImportSummary } from '../domain/import/run';
import { refuseWhileBusy } from './busy';
// issue 15, names: one rule against formulas for every CSV and workbook the app writes.
import { csvCell } from '../../shared/cells';
// issue 15, file modes
import { privateFileMode } from '../platform/privateFiles';
import { backupBefore, type BackupDeps } from './backups';

/**
 * The Import Data screen's side of the importer: the window picks a file (by
 * id), asks for a check, confirms decisions, starts the import and reads the
 * summary and the report. The heavy passes run as jobs in worker threads.
 */

export const importFileFilters = [
  { name: 'Sales exports (CSV, Excel)', extensions: ['csv', 'txt', 'tsv', 'gz', 'xlsx'] },
  { name: 'All files', extensions: ['*'] },
];

export async function chooseImportFile(ctx: Pick<AppContext, 'dialogs' | 'files'>): Promise<ChosenFile | null> {
  if (!ctx.dialogs) throw new AppError('unsupported', 'This window cannot open a file dialog. Use the file chooser on the page.');
  const chosen = await ctx.dialogs.openFile({ title: 'Choose a sales export to import', filters: importFileFilters });
  return chosen === null ? null : ctx.files.add(chosen);
}

export function startImportCheck(ctx: Pick<AppContext, 'files' | 'jobs'>, input: ImportCheckInput): { jobId: string } {
  const { fileId, ...options } = input;
  const file = ctx.files.path(fileId);
  return { jobId: ctx.jobs.start('importAnalyse', { file, ...options }).jobId };
}

const shapeCatalogue: ShapeInfo[] = shapes.map((shape) => ({
  shape,
  label: shapeLabels[shape],
  fields: shapeFields[shape].map(({ key, label }) => ({ key, label })),
  required: requiredFields[shape],
}));

export function importCheck(ctx: Pick<AppContext, 'jobs' | 'connection' | 'files'>, jobId: string): ImportCheck {
  const { file, ...analysis } = ctx.jobs.result(jobId, 'importAnalyse');
  const db = ctx.connection.sqlite;
  return {
    ...analysis,
    outlets: analysis.outlets.map((o) => ({ ...o, newName: tidyOutletName(o.spelling) })),
    fileId: ctx.files.idOf(file),
    demoLoaded: db.prepare("SELECT 1 FROM imports WHERE kind = 'demo' LIMIT 1").get() !== undefined,
    shapes: shapeCatalogue,
    savedMappings: db.prepare('SELECT name FROM column_mappings WHERE shape = ? ORDER BY name').pluck().all(analysis.shape) as string[],
  };
}

/** Starts the import job; `fileName` is the chosen file's name, for the audit log. */
export async function startImport(ctx: BackupDeps & Pick<AppContext, 'jobs' | 'files'>, input: StartImportInput): Promise<{ jobId: string; fileName: string }> {
  refuseWhileBusy(ctx, 'start another import');
  const { fileId, ...decisions } = input;
  const file = ctx.files.path(fileId);
  await backupBefore(ctx, 'import');
  refuseWhileBusy(ctx, 'start another import');
  return { jobId: ctx.jobs.start('import', { ...decisions, file }).jobId, fileName: ctx.files.describe(fileId).name };
}

export function importResult(ctx: Pick<AppContext, 'jobs'>, jobId: string): ImportSummary {
  return ctx.jobs.result(jobId, 'import');
}

export function listImports(db: Database): ImportList {
  const imports = db
    .prepare(
      `SELECT id AS importId, kind, source_name AS sourceName, shape, finished_at AS finishedAt,
              rows_read AS rowsRead, rows_imported AS rowsImported,
              coalesce(json_extract(summary, '$.rejected'), 0) AS rejected,
              first_sale AS firstSale, last_sale AS lastSale,
              coalesce(json_extract(summary, '$.noValue'), 0) AS noValue
       FROM imports ORDER BY id DESC`,
    )
    .all() as Array<Omit<ImportList['imports'][number], 'noValue'> & { noValue: number }>;
  return { imports: imports.map((i) => ({ ...i, noValue: i.noValue === 1 })) };
}

export async function removeImport(ctx: BackupDeps & Pick<AppContext, 'jobs' | 'emit'>, importId: number): Promise<RemovedCounts> {
  refuseWhileBusy(ctx, 'delete an import');
  const db = ctx.connection.sqlite;
  if (db.prepare('SELECT 1 FROM imports WHERE id = ?').get(importId) === undefined) {
    throw new AppError('not_found', 'That import is no longer in the database.');
  }
  await backupBefore(ctx, 'deleteImport');
  refuseWhileBusy(ctx, 'delete an import');
  // Millions of lines at a time: deleted off the main thread.
  return ctx.background.run('deleteImport', importId);
}

interface ImportHead {
  sourceName: string;
  rejected: number;
}

function importHead(db: Database, importId: number): ImportHead {
  const head = db
    .prepare(`SELECT source_name AS sourceName, coalesce(json_extract(summary, '$.rejected'), 0) AS rejected FROM imports WHERE id = ?`)
    .get(importId) as ImportHead | undefined;
  if (!head) throw new AppError('not_found', 'That import is no longer in the database.');
  return head;
}

export function importReport(db: Database, importId: number, offset: number, limit: number): ImportReport {
  const head = importHead(db, importId);
  const stored = db.prepare('SELECT count(*) FROM import_errors WHERE import_id = ?').pluck().get(importId) as number;
  const rows = db
    .prepare(
      `SELECT row_number AS row, column_name AS "column", value, reason FROM import_errors
       WHERE import_id = ? ORDER BY row_number LIMIT ? OFFSET ?`,
    )
    .all(importId, limit, offset) as ImportReport['rows'];
  return { importId, sourceName: head.sourceName, rejected: head.rejected, stored, offset, rows };
}

/** The import report as CSV lines (UTF-8 with a BOM, so Excel shows Sinhala and Tamil text right). */
export function* importReportCsv(db: Database, importId: number): Generator<string> {
  importHead(db, importId);
  yield '\uFEFFRow,Column,Value,Reason\r\n';
  const rows = db
    .prepare('SELECT row_number, column_name, value, reason FROM import_errors WHERE import_id = ? ORDER BY row_number')
    .raw()
    .iterate(importId) as IterableIterator<[number, string | null, string | null, string]>;
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(csvCell).join(',')}\r\n`;
    if (chunk.length >= 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export function importReportFileName(db: Database, importId: number): string {
  return reportFileName(importHead(db, importId).sourceName);
}

/** Writes the report through a temporary file renamed into place: a failure leaves no half-written file. */
export function writeImportReportCsv(db: Database, importId: number, target: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'w', privateFileMode);
    try {
      for (const chunk of importReportCsv(db, importId)) fs.writeSync(fd, chunk);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('io', `The report could not be saved to ${target}: ${error instanceof Error ? error.message : String(error)}. Choose another folder.`);
  }
}

export async function saveImportReport(ctx: Pick<AppContext, 'dialogs' | 'connection'>, importId: number): Promise<{ saved: boolean; path: string | null }> {
  if (!ctx.dialogs) throw new AppError('unsupported', 'This window cannot open a save dialog. Use the download link on the page.');
  const db = ctx.connection.sqlite;
  const target = await ctx.dialogs.saveFile({
    title: 'Save the rejected rows',
    defaultName: importReportFileName(db, importId),
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  if (target === null) return { saved: false, path: null };
  writeImportReportCsv(db, importId, target);
  return { saved: true, path: target };
}
