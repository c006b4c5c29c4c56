import { z } from 'zod';
import { categoryCodes } from './domain';
import { amountScaleSchema } from './importGuard';
import { csvDelimiters, importDecisionsSchema, importShapes, textEncodings } from './imports';
import { safeFileName } from './fileNames';

/**
 * What the Import Data screen sends and receives. The window refers to a
 * chosen file by an opaque id; only the backend knows its path.
 */
export const fileIdSchema = z.string().uuid();
const jobId = z.string().min(1).max(64);
const count = z.number().int().nonnegative();

export const chosenFileSchema = z.object({ fileId: fileIdSchema, name: z.string(), size: count });
export type ChosenFileView = z.infer<typeof chosenFileSchema>;

export const importCheckInputSchema = z
  .object({
    fileId: fileIdSchema,
    encoding: z.enum([...textEncodings, 'auto']).optional(),
    delimiter: z.enum([...csvDelimiters, 'auto']).optional(),
    sheet: z.string().max(200).optional(),
    shape: z.enum(importShapes).optional(),
    mapping: z.record(z.string().max(40), z.number().int().nonnegative().nullable()).optional(),
    useSavedMapping: z.boolean().optional(),
  })
  .strict();
export type ImportCheckInput = z.infer<typeof importCheckInputSchema>;

export const outletSuggestionSchema = z.object({
  /** null: a known town with no outlet yet; choosing it adds the outlet under `name`. */
  outletId: z.number().int().nullable(),
  name: z.string(),
  /** 1 for the same name written differently; lower for a guess. */
  confidence: z.number(),
  how: z.enum(['same name', 'known place', 'part of the name', 'one-letter typo', 'similar spelling']),
  /** Taken without asking (the same name, a known town, a one-letter typo); else only offered. */
  automatic: z.boolean(),
  /** Where the known place is, when the suggestion is one. */
  place: z.object({ district: z.string().nullable(), province: z.string().nullable() }).nullable(),
});

/** issue 14, columns: one mapped column, with how sure the match is and why. */
export const columnMatchSchema = z.object({
  field: z.string(),
  column: z.number().int().nonnegative(),
  header: z.string(),
  /** 0–1: how sure the match is. */
  confidence: z.number().min(0).max(1),
  /** Why, in words for the person checking the file. */
  reason: z.string(),
});
export type ColumnMatchView = z.infer<typeof columnMatchSchema>;

export const shapeInfoSchema = z.object({
  shape: z.enum(importShapes),
  label: z.string(),
  fields: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Each inner list: at least one of these fields must have a column. */
  required: z.array(z.array(z.string())),
});
export type ShapeInfo = z.infer<typeof shapeInfoSchema>;

const lineListSchema = z.object({ rows: count, first: z.array(count) });
const noLines = { rows: 0, first: [] };

/** The file's last row when it stops in the middle: the row number and what gives it away. */
export const cutRowSchema = z.object({ row: count, reason: z.string() });

/** One spelling of the file booked to an outlet of another name, and why. */
export const outletFoldSchema = z.object({
  /** Exactly as written in the file. */
  spelling: z.string(),
  outlet: z.string(),
  how: z.string(),
  rows: count,
});

export const importCheckSchema = z.object({
  fileId: fileIdSchema,
  name: z.string(),
  format: z.enum(['csv', 'xlsx']),
  size: count,
  compressed: z.boolean(),
  encoding: z.enum(textEncodings).nullable(),
  delimiter: z.enum(csvDelimiters).nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  contentHash: z.string(),
  headers: z.array(z.string()),
  preview: z.array(z.array(z.string())),
  /** Data rows (the header not counted). */
  rows: count,
  shape: z.enum(importShapes),
  mapping: z.record(z.string(), z.number().int().nullable()),
  mappingFrom: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('saved'), name: z.string() }),
    z.object({ kind: z.literal('automatic') }),
    z.object({ kind: z.literal('chosen') }),
  ]),
  missing: z.array(z.string()),
  dates: z.object({
    column: z.string().nullable(),
    order: z.enum(['dmy', 'mdy']).nullable(),
    needsDecision: z.boolean(),
    example: z.string().nullable(),
  }),
  outlets: z.array(
    z.object({
      key: z.string(),
      /** The spelling as first seen in the file. */
      spelling: z.string(),
      rows: count,
      /** What was decided for this spelling in an earlier import. */
      remembered: z.union([z.object({ outletId: z.number().int(), name: z.string() }), z.literal('rejected'), z.null()]),
      suggestion: outletSuggestionSchema.nullable(),
      /** The name it would get as a new outlet. */
      newName: z.string(),
      // issue 14, places: each writing exactly as in the file.
      /** Exactly as in the file (up to 10 writings), most rows first. */
      writings: z.array(z.object({ written: z.string(), rows: count })),
    }),
  ),
  categories: z.array(
    z.object({
      key: z.string(),
      source: z.string(),
      rows: count,
      category: z.enum(categoryCodes),
      how: z.enum(['remembered', 'usual name', 'not recognised']),
    }),
  ),
  canonicalOutlets: z.array(z.object({ id: z.number().int(), name: z.string() })),
  previousImport: z.object({ importId: z.number().int(), sourceName: z.string(), finishedAt: z.string() }).nullable(),
  /** Whether the demo data is in the database (an import of the user's own data replaces it). */
  demoLoaded: z.boolean(),
  shapes: z.array(shapeInfoSchema),
  savedMappings: z.array(z.string()),
  // issue 14, columns: how each mapped column was chosen (0–1 and why), and fields two columns fit equally
  columnMatches: z.array(columnMatchSchema).default([]),
  ambiguousColumns: z.array(z.object({ field: z.string(), label: z.string(), columns: z.array(z.string()) })).default([]),
  // issue 14, guard: whether the file can make customers, and whether its money is on the chain's scale.
  /** The customer column and how many rows name a customer (0: the file cannot make segments). */
  customers: z.object({ column: z.string().nullable(), rowsWithCustomer: count }),
  /** Null for shapes without amounts (customer lists, catalogues). */
  amounts: amountScaleSchema.nullable(),
  currency: z.string(),
  // issue 14, rows: lines that are not data, and a file cut short inside its last row.
  skippedLines: z.object({ blank: lineListSchema, footer: lineListSchema, totals: lineListSchema, preamble: lineListSchema.default(noLines) }),
  // issue 14, header: the column names' line (lines above it skipped and listed as the preamble).
  headerRow: z.number().int().positive().default(1),
  /** The last row, when the file stops inside it: the import refuses the file unless told to leave that row out. */
  cut: cutRowSchema.nullable(),
  // issue 14, money: no unit price and no line amount; and what a catalogue could price.
  noValue: z.boolean(),
  /** Products with a price on record; rows of the file whose product code has a price, and rows with a product code at all. */
  catalogue: z.object({ pricedProducts: count, rowsPriced: count, rowsWithCode: count }).nullable(),
});
export type ImportCheck = z.infer<typeof importCheckSchema>;

/** The user's decisions, with the file by id instead of by path. */
export const startImportInputSchema = importDecisionsSchema.omit({ file: true }).extend({ fileId: fileIdSchema }).strict();
export type StartImportInput = z.infer<typeof startImportInputSchema>;

export const importSummarySchema = z.object({
  importId: z.number().int().nullable(),
  file: z.string(),
  shape: z.enum(importShapes),
  skipped: z.boolean(),
  replacedImportId: z.number().int().nullable(),
  rowsRead: count,
  imported: count,
  duplicatesInFile: count,
  alreadyImported: count,
  rejected: count,
  rejectedByReason: z.array(z.object({ reason: z.string(), rows: count })),
  returns: count,
  cancellations: count,
  anonymous: count,
  customersNew: count,
  customersUpdated: count,
  productsNew: count.default(0),
  productsUpdated: count.default(0),
  firstSale: z.string().nullable(),
  lastSale: z.string().nullable(),
  outletsAdded: z.array(z.string()),
  categoriesOther: z.array(z.object({ source: z.string(), rows: count })),
  errorsStored: count,
  demoRemoved: z.boolean().default(false),
  // issue 14, places: every spelling not kept exactly as written, and why.
  outletFolds: z.array(outletFoldSchema).default([]),
  // issue 14, guard: the demo data was in the database and this import kept it.
  demoKept: z.boolean().default(false),
  // issue 14, rows: lines skipped as not data, totals rows, the cut last row left out, cells read as 0 or unknown.
  skippedLines: z
    .object({ blank: lineListSchema, footer: lineListSchema, preamble: lineListSchema.default(noLines) })
    .default({ blank: noLines, footer: noLines, preamble: noLines }),
  totalsRows: lineListSchema.default(noLines),
  cutRow: cutRowSchema.nullable().default(null),
  emptyCells: z.array(z.object({ column: z.string(), rows: count, readAs: z.string() })).default([]),
  unreadableCells: z.array(z.object({ column: z.string(), rows: count })).default([]),
  // issue 14, money: a file without prices or amounts (older summaries have none of these).
  noValue: z.boolean().default(false),
  unvalued: count.default(0),
  valuedAtCatalogue: count.default(0),
});
export type ImportSummaryView = z.infer<typeof importSummarySchema>;

export const importListSchema = z.object({
  imports: z.array(
    z.object({
      importId: z.number().int(),
      kind: z.enum(['demo', 'file']),
      sourceName: z.string(),
      shape: z.enum(importShapes).nullable(),
      finishedAt: z.string(),
      rowsRead: count,
      rowsImported: count,
      rejected: count,
      firstSale: z.string().nullable(),
      lastSale: z.string().nullable(),
      // issue 14, money: imported as items and visits, without value.
      noValue: z.boolean(),
    }),
  ),
});
export type ImportList = z.infer<typeof importListSchema>;
export type ImportListItem = ImportList['imports'][number];

export const importReportInputSchema = z
  .object({ importId: z.number().int().positive(), offset: count.max(10_000_000).default(0), limit: z.number().int().min(1).max(500).default(100) })
  .strict();

export const importReportSchema = z.object({
  importId: z.number().int(),
  sourceName: z.string(),
  /** Rejected rows in the file, and how many of them the report keeps. */
  rejected: count,
  stored: count,
  offset: count,
  rows: z.array(z.object({ row: count, column: z.string().nullable(), value: z.string().nullable(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const jobRefSchema = z.object({ jobId }).strict();

/** An export's name without its extension: "till March.csv.gz" → "till March". */
export function exportBaseName(fileName: string): string {
  return fileName.replace(/\.(csv|tsv|txt|xlsx)(\.gz)?$/i, '');
}

/** The name the rejected rows of an import are saved under, safe on Windows and macOS (see safeFileName). */
export function reportFileName(sourceName: string): string {
  return safeFileName(exportBaseName(sourceName), ' - rejected rows.csv', 'import');
}
