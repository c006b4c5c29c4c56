import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportResult, ReportEntry, ReportParams, StartExport, WhenExists } from '../../shared/reports';
import type { AppContext } from './context';
import { getMeta, setMeta } from '../platform/meta';
import { mayRemoveReport, othersReportWords } from '../../shared/ownership';
import { activeModel, listSegments } from '../domain/segmentation/store';
import { reportEntry, reportParams, removeReport, sameReport, versionPath } from '../domain/reports/history';
// issue 15, names
import { safeFileName } from '../../shared/fileNames';
// issue 15, file modes
import { makePrivateFolder } from '../platform/privateFiles';

/** The folder reports are saved in unless the user chooses another: Documents/Octave Reports. */
export function reportsFolder(ctx: Pick<AppContext, 'connection' | 'documentsDir'>): string {
  return getMeta(ctx.connection.sqlite, 'reports_folder') ?? path.join(ctx.documentsDir ?? path.join(os.homedir(), 'Documents'), 'Octave Reports');
}

export function setReportsFolder(ctx: Pick<AppContext, 'connection' | 'auth'>, folder: string): { folder: string } {
  const resolved = path.resolve(folder);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) throw new AppError('validation', `There is no folder ${resolved}. Choose a folder that exists.`);
  setMeta(ctx.connection.sqlite, 'reports_folder', resolved);
  ctx.auth.audit('settingsChanged', `Reports folder: ${resolved}`);
  return { folder: resolved };
}

/** "Fresh Regulars - 23 Nov 2026.pdf", safe on Windows and macOS (see safeFileName). */
export function segmentReportFileName(segmentName: string, format: ReportParams['format'], createdAt: string): string {
  const day = new Date(createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  // The day stays whole however long the name: it tells the versions apart in the folder.
  return safeFileName(segmentName, ` - ${day}.${format}`, 'Segment report');
}

/** What starting an export reads and writes: the user, the history, the folder or the save dialog, and the export job with its audit line. */
export type ExportDeps = Pick<AppContext, 'auth' | 'connection' | 'documentsDir' | 'dialogs' | 'jobs' | 'auditJob'>;

/**
 * Export Report: asks "overwrite or new version?" when the same segment,
 * filters and format were exported before; else finds where the file goes
 * (the save dialog in the desktop app, the reports folder in the browser)
 * and starts the job that makes it.
 */
export async function startExport(ctx: ExportDeps, params: ReportParams, whenExists: WhenExists): Promise<StartExport> {
  const user = ctx.auth.authorize('export');
  const db = ctx.connection.sqlite;
  const model = activeModel(db);
  if (!model || model.id !== params.modelId) throw new AppError('not_found', 'The segments were found again since this page opened. Go back to the segments and open the segment again.');
  const segment = listSegments(db, model.id).find((s) => s.segment === params.segment);
  if (!segment) throw new AppError('not_found', `This model has no segment ${params.segment + 1}.`);
  const existing = sameReport(db, params);
  if (existing && whenExists === 'ask') return { status: 'exists', existing };
  // Overwriting replaces the maker's file and makes the entry the overwriter's: the same rule as deleting it.
  if (existing && whenExists === 'overwrite' && !mayRemoveReport(user, existing.createdById)) {
    throw new AppError('forbidden', `${othersReportWords} Save it as a new version instead.`);
  }

  const createdAt = new Date().toISOString();
  let target: string;
  let replaces: number | null = null;
  if (existing && whenExists === 'overwrite') {
    target = existing.path;
    replaces = existing.id;
  } else if (existing) {
    target = versionPath(existing.path, existing.version + 1);
  } else {
    const folder = reportsFolder(ctx);
    // The default folder is made on first use; a folder the user chose and then removed is a failure to report.
    if (getMeta(db, 'reports_folder') === undefined) makePrivateFolder(folder);
    const suggested = path.join(folder, segmentReportFileName(segment.name, params.format, createdAt));
    if (ctx.dialogs) {
      const chosen = await ctx.dialogs.saveFile({
        title: 'Save the segment report',
        defaultName: suggested,
        filters: params.format === 'pdf' ? [{ name: 'PDF', extensions: ['pdf'] }] : [{ name: 'Excel workbook', extensions: ['xlsx'] }],
      });
      if (chosen === null) return { status: 'cancelled' };
      target = chosen;
    } else {
      // No dialog to ask: never over another report's file; "name (2).pdf" and so on.
      target = suggested;
      for (let n = 2; fs.existsSync(target); n++) target = suggested.replace(/(\.\w+)$/, ` (${n})$1`);
    }
  }
  const { jobId } = ctx.jobs.start('export', { params, target, replaces, createdBy: user.displayName, createdById: user.id, createdAt });
  ctx.auditJob(jobId, 'export', `${segment.name} as ${params.format.toUpperCase()} to ${target}${replaces !== null ? ' (overwrite)' : ''}`);
  return { status: 'started', jobId };
}

export function exportResult(ctx: Pick<AppContext, 'jobs'>, jobId: string): ExportResult {
  return ctx.jobs.result(jobId, 'export');
}

/** History → Regenerate: the stored parameters against the current data (the same model only). */
export function regenerate(ctx: ExportDeps, id: number, whenExists: WhenExists): Promise<StartExport> {
  const params = reportParams(ctx.connection.sqlite, id);
  if (!params) throw new AppError('not_found', 'That report is no longer in the history.');
  return startExport(ctx, params, whenExists);
}

export function deleteReport(ctx: Pick<AppContext, 'auth' | 'connection' | 'log'>, id: number, deleteFile: boolean): { removed: boolean; fileRemoved: boolean } {
  const user = ctx.auth.authorize('export');
  const found = reportEntry(ctx.connection.sqlite, id);
  if (!found) return { removed: false, fileRemoved: false };
  if (!mayRemoveReport(user, found.createdById)) throw new AppError('forbidden', othersReportWords);
  const entry = removeReport(ctx.connection.sqlite, id);
  if (!entry) return { removed: false, fileRemoved: false };
  let fileRemoved = false;
  if (deleteFile && fs.existsSync(entry.path)) {
    try {
      fs.rmSync(entry.path);
      fileRemoved = true;
    } catch (error) {
      ctx.log.warn(`Could not delete ${entry.path}`, error);
      throw new AppError('io', `The history entry is gone, but ${entry.fileName} could not be deleted (is it open in another program?).`);
    }
  }
  ctx.auth.audit('reportDeleted', `${entry.fileName}${fileRemoved ? ' (file deleted)' : ''}`);
  return { removed: true, fileRemoved };
}

function existingEntry(ctx: Pick<AppContext, 'connection'>, id: number): ReportEntry {
  const entry = reportEntry(ctx.connection.sqlite, id);
  if (!entry) throw new AppError('not_found', 'That report is no longer in the history.');
  if (!entry.exists) throw new AppError('not_found', `${entry.fileName} is no longer at ${path.dirname(entry.path)}. It may have been moved or deleted; regenerate it.`);
  return entry;
}

export async function openReport(ctx: Pick<AppContext, 'connection' | 'dialogs'>, id: number): Promise<{ opened: boolean }> {
  const entry = existingEntry(ctx, id);
  if (!ctx.dialogs?.openPath) throw new AppError('unsupported', 'Opening files works in the desktop app; here, download it instead.');
  const problem = await ctx.dialogs.openPath(entry.path);
  if (problem) throw new AppError('io', `${entry.fileName} could not be opened: ${problem}`);
  return { opened: true };
}

export function showInFolder(ctx: Pick<AppContext, 'connection' | 'dialogs'>, id: number): { shown: boolean } {
  const entry = existingEntry(ctx, id);
  if (!ctx.dialogs?.showInFolder) throw new AppError('unsupported', 'Showing files in their folder works in the desktop app.');
  ctx.dialogs.showInFolder(entry.path);
  return { shown: true };
}

/** The browser bridge's stand-in for Open: the file itself, as a download. */
export function reportDownload(ctx: Pick<AppContext, 'connection'>, id: number): { fileName: string; type: string; chunks: Iterable<Buffer> } {
  const entry = existingEntry(ctx, id);
  const type = entry.format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  // A report saved before issue 15 may carry a name with a bidi override; the download's name is made safe again.
  const ext = path.extname(entry.fileName);
  return { fileName: safeFileName(entry.fileName.slice(0, entry.fileName.length - ext.length), ext), type, chunks: [fs.readFileSync(entry.path)] };
}
