import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { reportParamsSchema, type ExportResult, type ReportCustomerRow } from '../../../shared/reports';
import { throwIfCancelled, type JobContext } from '../../platform/jobs/types';
import { collectReport, reportRows } from './data';
import { addReport, replaceReport, reportEntry } from './history';
import { renderPdf } from './pdf';
import { writeAtomically } from './save';
import { writeXlsx } from './xlsx';
import path from 'node:path';

export const exportJobInputSchema = z.object({
  params: reportParamsSchema,
  /** Where the file goes (the user chose it, or it is the earlier report's, or its next version's). */
  target: z.string().min(1),
  /** Overwrite this history entry, or add a new one. */
  replaces: z.number().int().positive().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The account exporting; null for the command line. */
  createdById: z.number().int().nullable().default(null),
});
export type ExportJobInput = z.input<typeof exportJobInputSchema>;

/**
 * Makes one report file, in the job worker: reads the segment as the detail
 * view shows it, renders it, writes it through a temporary file renamed into
 * place, and only then records it in the history. A failure at any step
 * leaves no file and no entry.
 */
export async function exportReport(db: Database, input: z.output<typeof exportJobInputSchema>, job: JobContext): Promise<ExportResult> {
  const { params, target } = input;
  job.onProgress({ step: 'Reading the segment', current: 0, total: 3 });
  const { document, customerIds } = collectReport(db, params, { createdBy: input.createdBy, createdAt: input.createdAt });
  throwIfCancelled(job.signal);
  const rows = (): Generator<ReportCustomerRow> => reportRows(db, params.modelId, document.segmentName, document.window, customerIds, 2000, document.detail.measure);
  job.onProgress({ step: params.format === 'pdf' ? 'Drawing the report' : 'Writing the workbook', current: 1, total: 3 });
  const { size } = await writeAtomically(target, async (out) => {
    if (params.format === 'pdf') {
      const bytes = await renderPdf(document, [...rows()]);
      throwIfCancelled(job.signal);
      await new Promise<void>((resolve, reject) => out.end(Buffer.from(bytes), (error?: Error | null) => (error ? reject(error) : resolve())));
    } else {
      await writeXlsx(document, rows(), out, (done) => job.onProgress({ step: 'Writing the workbook', current: done, total: customerIds.length }), job.signal);
    }
  });
  job.onProgress({ step: 'Saving', current: 3, total: 3 });
  const saved = {
    params,
    title: document.title,
    segmentName: document.segmentName,
    filterWords: document.filters,
    customers: customerIds.length,
    path: target,
    size,
    createdBy: input.createdBy,
    createdAt: input.createdAt,
    createdById: input.createdById,
  };
  let reportId: number;
  if (input.replaces !== null && reportEntry(db, input.replaces)) {
    replaceReport(db, input.replaces, saved);
    reportId = input.replaces;
  } else {
    reportId = addReport(db, saved);
  }
  const entry = reportEntry(db, reportId)!;
  return { reportId, path: target, fileName: path.basename(target), size, customers: customerIds.length, version: entry.version };
}
