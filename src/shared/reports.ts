import { z } from 'zod';
import { customerFiltersSchema } from './filters';
import type { SegmentDetail } from './segmentDetail';

/** What a segment report holds, whatever its format: the same facts in the PDF and in the workbook. */

export const reportFormats = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** Which customers the report's table lists: the top ones by spend (the default), or the whole segment. */
export const reportRowsSchema = z.union([z.object({ top: z.number().int().min(1).max(100_000) }).strict(), z.literal('all')]);
export type ReportRows = z.infer<typeof reportRowsSchema>;

/** Everything needed to make a report again later (History → Regenerate). */
export const reportParamsSchema = z
  .object({
    modelId: z.number().int().positive(),
    segment: z.number().int().min(0).max(63),
    filters: customerFiltersSchema.default({}),
    format: z.enum(reportFormats),
    rows: reportRowsSchema.default({ top: 500 }),
  })
  .strict();
export type ReportParams = z.output<typeof reportParamsSchema>;

/** One customer's line in the report (the workbook's Customers sheet; the PDF's table shows some columns). */
export interface ReportCustomerRow {
  code: string;
  homeOutlet: string | null;
  age: number | null;
  gender: 'F' | 'M' | 'X' | null;
  /** In the chain's currency (the document's `currency`), over the data window. */
  fresh: number;
  dry: number;
  luxury: number;
  spend: number;
  visits: number | null;
  /** `YYYY-MM-DD`, or null without dated sales. */
  lastPurchase: string | null;
  daysSinceLastPurchase: number | null;
  segment: string;
  rfmSegment: string | null;
}

/** The report's header and body, ready to render. */
export interface ReportDocument {
  title: string;
  segmentName: string;
  /** ISO date-time of the export. */
  createdAt: string;
  createdBy: string;
  /** The data window the model was trained on. */
  window: { from: string; to: string };
  modelVersion: number;
  /** Every active filter in words ("Age 30–45", "Bought luxury"); empty means all customers. */
  filters: string[];
  /** The segment's figures, traits, campaign and spreads under the filters (the detail view's answer). */
  detail: SegmentDetail;
  /** The campaign's name, channel, timing and KPI, from the campaign catalogue. */
  campaign: { name: string; channel: string; timing: string; kpi: string; rationale: string; because: string };
  // issue 14, guard
  /** The data has no dates: the header says so instead of a window made up from the export's day. */
  undated?: boolean;
  /** The chain's currency (ISO 4217, as Settings stores it) every amount is written in. */
  currency: string;
  /** Which customers the table lists, in words ("Top 500 customers by spend", "All 12,345 customers"). */
  rowsLabel: string;
}

/** One entry of the History tab. */
export const reportEntrySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  segmentName: z.string(),
  modelId: z.number().int(),
  segment: z.number().int(),
  filters: z.array(z.string()),
  format: z.enum(reportFormats),
  customers: z.number().int(),
  path: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The account that made it; null when unknown (older reports, the command line): then only administrators may delete it. */
  createdById: z.number().int().nullable(),
  /** Whether the file is still where it was saved. */
  exists: z.boolean(),
  /** Whether its model is still the active one (regenerating against a newer model is refused). */
  current: z.boolean(),
});
export type ReportEntry = z.infer<typeof reportEntrySchema>;

/** What to do when the same segment, filters and format were exported before. */
export const whenExistsSchema = z.enum(['ask', 'overwrite', 'newVersion']);
export type WhenExists = z.infer<typeof whenExistsSchema>;

export const startExportInputSchema = z
  .object({ params: reportParamsSchema, whenExists: whenExistsSchema.default('ask') })
  .strict();
export type StartExportInput = z.input<typeof startExportInputSchema>;

/** Either the question "overwrite or new version?" about an earlier report, the job making the file, or nothing (the user cancelled the save dialog). */
export const startExportSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('exists'), existing: reportEntrySchema }),
  z.object({ status: z.literal('started'), jobId: z.string() }),
  z.object({ status: z.literal('cancelled') }),
]);
export type StartExport = z.infer<typeof startExportSchema>;

export const exportResultSchema = z.object({ reportId: z.number().int(), path: z.string(), fileName: z.string(), size: z.number().int(), customers: z.number().int(), version: z.number().int() });
export type ExportResult = z.infer<typeof exportResultSchema>;
