import { z } from 'zod';
import { categoryCodes } from './domain';
import { cleanText } from './text';

/** What the importer reads and writes, shared by the window, the bridge and the workers. */
export const importShapes = ['salesLines', 'customers', 'customerSpend', 'products'] as const;
export type ImportShape = (typeof importShapes)[number];
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncodingName = (typeof textEncodings)[number];

export const analyseInputSchema = z
  .object({
    file: z.string().min(1).max(4096),
    encoding: z.enum([...textEncodings, 'auto']).optional(),
    delimiter: z.enum([...csvDelimiters, 'auto']).optional(),
    sheet: z.string().max(200).optional(),
    shape: z.enum(importShapes).optional(),
    mapping: z.record(z.string(), z.number().int().nonnegative().nullable()).optional(),
    /** Reuse a mapping saved for the same headers (default true). */
    useSavedMapping: z.boolean().optional(),
    // issue 14, columns: fields given their column by name (the command line's --map FIELD=COLUMN)
    overrides: z.array(z.object({ field: z.string().max(200), column: z.string().max(1000) }).strict()).max(100).optional(),
  })
  .strict();
export type AnalyseInputShape = z.infer<typeof analyseInputSchema>;

export const outletDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('outlet'), outletId: z.number().int().positive() }),
  z.object({ kind: z.literal('new'), name: cleanText('outlet name').min(1, 'Give the new outlet a name.').max(80, 'An outlet name can have at most 80 characters.') }),
  z.object({ kind: z.literal('reject') }),
]);
export type OutletDecision = z.infer<typeof outletDecisionSchema>;

/** Everything the user confirmed: how to read the file and what its values mean. */
export const importDecisionsSchema = z.object({
  file: z.string().min(1),
  encoding: z.enum(textEncodings).nullable(),
  delimiter: z.enum(csvDelimiters).nullable(),
  sheet: z.string().nullable(),
  shape: z.enum(importShapes),
  mapping: z.record(z.string(), z.number().int().nonnegative().nullable()),
  /** The file's hash when it was checked: a file changed since is refused. */
  contentHash: z.string(),
  dateOrder: z.enum(['dmy', 'mdy']).nullable(),
  /** By outlet key (see outletKey). */
  outlets: z.record(z.string(), outletDecisionSchema),
  /** The outlet of every line when the file has no outlet column. */
  defaultOutlet: outletDecisionSchema.nullable(),
  /** By category key (see categoryKey). */
  categories: z.record(z.string(), z.enum(categoryCodes)),
  ifImported: z.enum(['ask', 'skip', 'replace']),
  /** Save the column mapping under this name (reused for files with the same headers). */
  mappingName: cleanText('name of the column choice').min(1, 'Give the column choice a name, or untick saving it.').max(80, 'A name can have at most 80 characters.').nullable(),
  /** Remember outlet and category decisions for the next files. */
  remember: z.boolean(),
  // issue 14, places: how the file writes each outlet spelling, so the summary lists every fold.
  /** By outlet key: each writing exactly as in the file, and its rows. */
  outletWritings: z.record(z.string(), z.array(z.object({ written: z.string().max(400), rows: z.number().int().nonnegative() })).max(10)).default({}),
  // issue 14, guard: nothing is removed, and no odd amounts are taken, without the user saying so.
  /** Remove the demo data with this import (absent: keep it). */
  removeDemo: z.boolean().optional(),
  /** The user confirmed amounts the check found on another scale than the earlier data (absent: not confirmed). */
  amountsConfirmed: z.boolean().optional(),
  // issue 14, rows: a file cut short inside its last row is refused, unless told to import the rows before the cut.
  importCompleteRows: z.boolean().optional(),
  // issue 14, money
  /** A file without prices or amounts: value each line at its product's catalogue price, where there is one. */
  valueAtCataloguePrices: z.boolean().optional(),
});
export type ImportDecisions = z.infer<typeof importDecisionsSchema>;

