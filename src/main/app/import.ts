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
import {
  demoLoaded,
  eachImportError,
  importErrorCount,
  importErrorPage,
  importExists,
  importHeadRow,
  importList,
  type RemovedCounts,
} from '../domain/sales/imports';
import { mappingNames } from '../domain/import/mappings';
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
    demoLoaded: demoLoaded(db),
    shapes: shapeCatalogue,
    savedMappings: mappingNames(db, analysis.shape),
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
  return { imports: importList(db) };
}

export async function removeImport(ctx: BackupDeps & Pick<AppContext, 'jobs' | 'emit'>, importId: number): Promise<RemovedCounts> {
  refuseWhileBusy(ctx, 'delete an import');
  const db = ctx.connection.sqlite;
  if (!importExists(db, importId)) {
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
  const head = importHeadRow(db, importId);
  if (!head) throw new AppError('not_found', 'That import is no longer in the database.');
  return head;
}

export function importReport(db: Database, importId: number, offset: number, limit: number): ImportReport {
  const head = importHead(db, importId);
  const stored = importErrorCount(db, importId);
  const rows = importErrorPage(db, importId, offset, limit);
  return { importId, sourceName: head.sourceName, rejected: head.rejected, stored, offset, rows };
}

/** The import report as CSV lines (UTF-8 with a BOM, so Excel shows Sinhala and Tamil text right). */
export function* importReportCsv(db: Database, importId: number): Generator<string> {
  importHead(db, importId);
  yield '\uFEFFRow,Column,Value,Reason\r\n';
  let chunk = '';
  for (const error of eachImportError(db, importId)) {
    const row = [error.row, error.column, error.value, error.reason];
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
