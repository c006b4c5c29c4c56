import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportResult, ReportEntry, ReportParams, StartExport, WhenExists } from '../../shared/reports';
import type { SignedInUser } from '../../shared/auth';
import type { ExportFacts } from '../../shared/effects';
import type { AppContext } from './context';
import { getMeta, setMeta } from '../platform/meta';
import { mayRemoveReport, othersReportWords } from '../../shared/ownership';
import { activeModel, listSegments } from '../domain/segmentation/store';
import { reportEntry, reportParams, removeReport } from '../domain/reports/history';
import { planExport } from '../domain/reports/plan';
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
 * filters and format were exported before (see planExport); else finds where
 * the file goes (the save dialog in the desktop app, the reports folder in
 * the browser) and starts the job that makes it, in `user`'s name.
 */
export async function startExport(ctx: ExportDeps, user: SignedInUser, params: ReportParams, whenExists: WhenExists): Promise<StartExport & ExportFacts> {
  const db = ctx.connection.sqlite;
  const model = activeModel(db);
  if (!model || model.id !== params.modelId) throw new AppError('not_found', 'The segments were found again since this page opened. Go back to the segments and open the segment again.');
  const segment = listSegments(db, model.id).find((s) => s.segment === params.segment);
  if (!segment) throw new AppError('not_found', `This model has no segment ${params.segment + 1}.`);
  const plan = planExport(db, params, whenExists, user);
  if (plan.status === 'exists') return plan;

  const createdAt = new Date().toISOString();
  const replaces = plan.replaces;
  let target: string;
  if (plan.target !== null) {
    target = plan.target;
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
  return { status: 'started', jobId, report: { segmentName: segment.name, format: params.format, target, overwrite: replaces !== null } };
}

export function exportResult(ctx: Pick<AppContext, 'jobs'>, jobId: string): ExportResult {
  return ctx.jobs.result(jobId, 'export');
}

/** History → Regenerate: the stored parameters against the current data (the same model only). */
export function regenerate(ctx: ExportDeps, user: SignedInUser, id: number, whenExists: WhenExists): Promise<StartExport & ExportFacts> {
  const params = reportParams(ctx.connection.sqlite, id);
  if (!params) throw new AppError('not_found', 'That report is no longer in the history.');
  return startExport(ctx, user, params, whenExists);
}

/** Deletes a history entry (and its file, when asked) if `user` may; says which file, for the audit log. */
export function deleteReport(ctx: Pick<AppContext, 'auth' | 'connection' | 'log'>, user: SignedInUser, id: number, deleteFile: boolean): { removed: boolean; fileRemoved: boolean; fileName?: string } {
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
  return { removed: true, fileRemoved, fileName: entry.fileName };
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
