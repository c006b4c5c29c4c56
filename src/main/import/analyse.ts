import type { Database } from 'better-sqlite3';
import type { CategoryCode } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { throwIfCancelled, type JobContext } from '../jobs/types';
import { findImportByHash, type EarlierImport } from '../sales/imports';
import { categoryKey, defaultCategory } from './categories';
import {
  autoMapping,
  categoryField,
  detectShape,
  headerSignature,
  missingFields,
  outletField,
  shapeFields,
  type ColumnMapping,
  type Shape,
} from './columns';
import type { Delimiter } from './csv';
import { DateOrderEvidence, type DateOrder } from './dates';
import { outletKey, suggestOutlet, type CanonicalOutlet, type OutletSuggestion } from './outlets';
import { displayName, emptyFileError, readRecords, type ReadOptions } from './source';
import type { TextEncoding } from './text';
import { CataloguePricing, hasNoValue, type CatalogueOffer } from './unvalued';

export interface AnalyseInput {
  file: string;
  encoding?: TextEncoding | 'auto' | undefined;
  delimiter?: Delimiter | 'auto' | undefined;
  sheet?: string | undefined;
  shape?: Shape | undefined;
  /** The user's mapping; else a saved one for these headers, else automatic. */
  mapping?: ColumnMapping | undefined;
  useSavedMapping?: boolean | undefined;
}

export interface OutletSpelling {
  key: string;
  /** The spelling as first seen in the file. */
  spelling: string;
  rows: number;
  /** What was decided for this spelling in an earlier import. */
  remembered: { outletId: number; name: string } | 'rejected' | null;
  suggestion: OutletSuggestion | null;
}

export interface CategoryValue {
  key: string;
  source: string;
  rows: number;
  category: CategoryCode;
  how: 'remembered' | 'usual name' | 'not recognised';
}

export interface Analysis {
  file: string;
  name: string;
  format: 'csv' | 'xlsx';
  size: number;
  compressed: boolean;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  sheet: string | null;
  sheets: string[];
  contentHash: string;
  headers: string[];
  preview: string[][];
  /** Data rows (the header not counted). */
  rows: number;
  shape: Shape;
  mapping: ColumnMapping;
  mappingFrom: { kind: 'saved'; name: string } | { kind: 'automatic' } | { kind: 'chosen' };
  missing: string[];
  dates: { column: string | null; order: DateOrder | null; needsDecision: boolean; example: string | null };
  outlets: OutletSpelling[];
  categories: CategoryValue[];
  canonicalOutlets: CanonicalOutlet[];
  previousImport: EarlierImport | null;
  // issue 14, money: a sales file without prices or amounts, and what a catalogue could price of it.
  noValue: boolean;
  catalogue: CatalogueOffer | null;
}

const previewRows = 20;
/** Columns whose day/month order is settled together (a shape has one or two of them). Birth dates are judged apart. */
const dateFields = ['soldAt', 'joinedOn', 'firstPurchase', 'lastPurchase'];
const maxDistinctOutlets = 500;
const maxDistinctCategories = 2_000;

/**
 * The first pass over a file: how to read it, what its columns are, and
 * everything the user must confirm before anything is written — date order,
 * outlet spellings, category names, whether it was imported before.
 */
export async function analyseFile(db: Database, input: AnalyseInput, job: JobContext): Promise<Analysis> {
  const readOptions: ReadOptions = { encoding: input.encoding ?? 'auto', delimiter: input.delimiter ?? 'auto', sheet: input.sheet };
  let headers: string[] | null = null;
  const preview: string[][] = [];
  let rows = 0;
  let shape: Shape = input.shape ?? 'salesLines';
  let mapping: ColumnMapping = {};
  let mappingFrom: Analysis['mappingFrom'] = { kind: 'automatic' };
  const evidence = new DateOrderEvidence();
  const birthEvidence = new DateOrderEvidence();
  const outletCounts = new Map<string, Seen>();
  const categoryCounts = new Map<string, Seen>();
  let dateColumns: number[] = [];
  let outletColumn: number | null = null;
  let categoryColumn: number | null = null;
  let pricing: CataloguePricing | null = null;

  job.onProgress({ step: 'Reading the file', current: 0, total: 1 });
  const read = await readRecords(input.file, readOptions, {
    record(fields) {
      if (headers === null) {
        headers = fields.map((h, i) => h.trim() || `Column ${i + 1}`);
        shape = input.shape ?? detectShape(headers);
        const saved = input.mapping || input.useSavedMapping === false ? null : savedMapping(db, shape, headers);
        mapping = input.mapping ?? saved?.mapping ?? autoMapping(shape, headers);
        mappingFrom = input.mapping ? { kind: 'chosen' } : saved ? { kind: 'saved', name: saved.name } : { kind: 'automatic' };
        dateColumns = dateFields.map((k) => mapping[k]).filter((i): i is number => typeof i === 'number');
        const outlet = outletField[shape];
        const category = categoryField[shape];
        outletColumn = outlet === null ? null : (mapping[outlet] ?? null);
        categoryColumn = category === null ? null : (mapping[category] ?? null);
        pricing = CataloguePricing.open(db, shape, mapping);
        return;
      }
      rows++;
      if (preview.length < previewRows) preview.push(fields);
      for (const c of dateColumns) evidence.observe(fields[c] ?? '');
      if (shape === 'customers' && typeof mapping.birthDate === 'number') birthEvidence.observe(fields[mapping.birthDate] ?? '');
      if (outletColumn !== null) count(outletCounts, fields[outletColumn] ?? '', outletKey, maxDistinctOutlets, 'outlet');
      if (categoryColumn !== null) count(categoryCounts, fields[categoryColumn] ?? '', categoryKey, maxDistinctCategories, 'category');
      pricing?.observe(fields);
    },
    progress(bytes, size) {
      job.onProgress({ step: 'Reading the file', current: bytes, total: Math.max(size, 1) });
      throwIfCancelled(job.signal);
    },
  });
  if (headers === null || rows === 0) throw emptyFileError(input.file);
  const headerRow: string[] = headers;

  const canonical = canonicalOutlets(db);
  const outlets = [...outletCounts.entries()]
    .map(([key, v]): OutletSpelling => ({
      key,
      spelling: v.shown,
      rows: v.rows,
      remembered: rememberedOutlet(db, key),
      suggestion: suggestOutlet(v.shown, canonical),
    }))
    .sort((a, b) => b.rows - a.rows);
  const rules = categoryRules(db);
  const categories = [...categoryCounts.entries()]
    .map(([key, v]): CategoryValue => {
      const rule = rules.get(key);
      const usual = defaultCategory(v.shown);
      return {
        key,
        source: v.shown,
        rows: v.rows,
        category: rule ?? usual ?? 'other',
        how: rule ? 'remembered' : usual ? 'usual name' : 'not recognised',
      };
    })
    .sort((a, b) => b.rows - a.rows);
  const dateField = dateColumns[0];
  const dates = shape === 'customers' && dateField === undefined ? birthEvidence : evidence;
  return {
    file: input.file,
    name: displayName(input.file),
    format: read.format,
    size: read.size,
    compressed: read.compressed,
    encoding: read.encoding,
    delimiter: read.delimiter,
    sheet: read.sheet,
    sheets: read.sheets,
    contentHash: read.contentHash,
    headers: headerRow,
    preview,
    rows,
    shape,
    mapping,
    mappingFrom,
    missing: missingFields(shape, mapping),
    dates: {
      column: dateField === undefined ? null : (headerRow[dateField] ?? null),
      order: dates.decided(),
      needsDecision: dates.needsDecision(),
      example: dates.example,
    },
    outlets,
    categories,
    canonicalOutlets: canonical,
    previousImport: findImportByHash(db, read.contentHash),
    noValue: hasNoValue(shape, mapping),
    catalogue: (pricing as CataloguePricing | null)?.result() ?? null,
  };
}

/** A distinct value of a column: as first written, and how many rows have it. */
interface Seen {
  shown: string;
  rows: number;
}

function count(
  counts: Map<string, Seen>,
  value: string,
  keyOf: (v: string) => string,
  limit: number,
  what: 'outlet' | 'category',
): void {
  const key = keyOf(value);
  if (key === '') return;
  const found = counts.get(key);
  if (found) {
    found.rows++;
    return;
  }
  if (counts.size >= limit) {
    throw new AppError(
      'validation',
      `The ${what} column has more than ${limit} different values. Check that the right column is chosen as the ${what}.`,
    );
  }
  counts.set(key, { shown: value.trim().replace(/\s+/g, ' '), rows: 1 });
}

export function canonicalOutlets(db: Database): CanonicalOutlet[] {
  return db.prepare('SELECT id, name FROM outlets ORDER BY name').all() as CanonicalOutlet[];
}

function rememberedOutlet(db: Database, key: string): OutletSpelling['remembered'] {
  const row = db
    .prepare('SELECT a.outlet_id AS outletId, a.rejected, o.name FROM outlet_aliases a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.spelling = ?')
    .get(key) as { outletId: number | null; rejected: number; name: string | null } | undefined;
  if (!row) return null;
  if (row.rejected) return 'rejected';
  return { outletId: row.outletId as number, name: row.name as string };
}

export function categoryRules(db: Database): Map<string, CategoryCode> {
  const rows = db
    .prepare('SELECT r.source, c.code FROM category_rules r JOIN categories c ON c.id = r.category_id')
    .all() as Array<{ source: string; code: CategoryCode }>;
  return new Map(rows.map((r) => [r.source, r.code]));
}

function savedMapping(db: Database, shape: Shape, headers: string[]): { name: string; mapping: ColumnMapping } | null {
  const row = db
    .prepare('SELECT name, mapping FROM column_mappings WHERE header_signature = ? AND shape = ? ORDER BY updated_at DESC LIMIT 1')
    .get(headerSignature(headers), shape) as { name: string; mapping: string } | undefined;
  if (!row) return null;
  const mapping = JSON.parse(row.mapping) as ColumnMapping;
  // Only fields this version knows, pointing inside the header.
  const known: ColumnMapping = {};
  for (const f of shapeFields[shape]) {
    const v = mapping[f.key];
    known[f.key] = typeof v === 'number' && v >= 0 && v < headers.length ? v : null;
  }
  return { name: row.name, mapping: known };
}
