import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { CategoryCode } from '../../../shared/domain';
import type { AnalyseInputShape } from '../../../shared/imports';
import type { importCheckSchema } from '../../../shared/importViews';
import { AppError } from '../../../shared/errors';
import { throwIfCancelled, type JobContext } from '../../platform/jobs/types';
import { findImportByHash } from '../sales/imports';
import { mappingForHeader } from './mappings';
import { outletNames, rememberedSpelling } from '../outlets/service';
import { listCategoryRules } from '../categories/rules';
import { categoryKey, defaultCategory } from '../categories/names';
import { chooseColumns, shapeForOverrides } from './columnChoice';
import type { AmbiguousField, ColumnMatch } from './columnMatch';
import {
  categoryField,
  detectShape,
  headerSignature,
  missingFields,
  outletField,
  shapeFields,
  type ColumnMapping,
  type Shape,
} from './columns';
import { DateOrderEvidence } from './dates';
import { outletKey, suggestOutlet, type CanonicalOutlet } from './outlets';
import { knownPlace } from './places';
import { amountColumns, RowSieve } from './rowSieve';
import { displayName, emptyFileError, readRecords, type ReadOptions } from './source';
import type { AmountScale } from '../../../shared/importGuard';
import { AmountSample, amountKind, earlierMedian, judgeAmounts } from './amounts';
import { chainCurrency } from '../settings/currency';
import { parseNumber } from './numbers';
import { ColumnProfiler, type ColumnProfile } from './columnProfile';
import { customerCode } from './rowWriter';
import { CataloguePricing, hasNoValue } from './unvalued';

export type AnalyseInput = AnalyseInputShape;

type CheckView = z.output<typeof importCheckSchema>;

export type OutletSpelling = Omit<CheckView['outlets'][number], 'newName'>;
export type CategoryValue = CheckView['categories'][number];

/**
 * The Import Data screen's check (importCheckSchema) as the backend holds it:
 * the file by path instead of by id, without what the app adds for the window
 * (names for new outlets, the demo state, the shapes, the saved mappings).
 */
export type Analysis = Omit<CheckView, 'fileId' | 'outlets' | 'demoLoaded' | 'shapes' | 'savedMappings'> & {
  file: string;
  outlets: OutletSpelling[];
  /** Per column, a look at its first values (numbers, dates, distinct): what a message may suggest for a field. */
  columnProfiles: ColumnProfile[];
};

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
  let columnMatches: ColumnMatch[] = [];
  let ambiguousColumns: AmbiguousField[] = [];
  let customerColumn: number | null = null;
  let rowsWithCustomer = 0;
  const amountSample = new AmountSample();
  let amountOf: ((fields: string[]) => number | null) | null = null;
  let pricing: CataloguePricing | null = null;
  const profiler = new ColumnProfiler();

  job.onProgress({ step: 'Reading the file', current: 0, total: 1 });
  const observe = (fields: string[]): void => {
    rows++;
    if (preview.length < previewRows) preview.push(fields);
    profiler.observe(fields);
    for (const c of dateColumns) evidence.observe(fields[c] ?? '');
    if (shape === 'customers' && typeof mapping.birthDate === 'number') birthEvidence.observe(fields[mapping.birthDate] ?? '');
    if (outletColumn !== null) count(outletCounts, fields[outletColumn] ?? '', outletKey, maxDistinctOutlets, 'outlet');
    if (categoryColumn !== null) count(categoryCounts, fields[categoryColumn] ?? '', categoryKey, maxDistinctCategories, 'category');
    if (customerColumn !== null && customerCode(fields[customerColumn] ?? '') !== '') rowsWithCustomer++;
    if (amountOf !== null) amountSample.offer(amountOf, fields);
    (pricing as CataloguePricing | null)?.observe(fields);
  };
  let sieve: RowSieve | null = null;
  const read = await readRecords(input.file, readOptions, {
    record(fields, row) {
      if (headers === null) {
        headers = fields.map((h, i) => h.trim() || `Column ${i + 1}`);
        shape = input.shape ?? shapeForOverrides(detectShape(headers), input.overrides);
        const saved = input.mapping || input.useSavedMapping === false ? null : savedMapping(db, shape, headers);
        ({ mapping, mappingFrom, columnMatches, ambiguousColumns } = chooseColumns(shape, headers, displayName(input.file), {
          chosen: input.mapping,
          saved,
          overrides: input.overrides,
        }));
        dateColumns = dateFields.map((k) => mapping[k]).filter((i): i is number => typeof i === 'number');
        const outlet = outletField[shape];
        const category = categoryField[shape];
        outletColumn = outlet === null ? null : (mapping[outlet] ?? null);
        categoryColumn = category === null ? null : (mapping[category] ?? null);
        customerColumn = shape === 'products' ? null : (mapping.customer ?? null);
        amountOf = amountReader(shape, mapping);
        pricing = CataloguePricing.open(db, shape, mapping);
        // Totals rows are set aside here, so they never reach the outlet and category decisions.
        sieve = new RowSieve(
          { width: fields.length, amounts: amountColumns(shape, mapping) },
          { data: observe, totals: () => rows++ },
        );
        return;
      }
      (sieve as RowSieve | null)?.push(fields, row);
    },
    blank(row) {
      (sieve as RowSieve | null)?.blankLine(row);
    },
    progress(bytes, size) {
      job.onProgress({ step: 'Reading the file', current: bytes, total: Math.max(size, 1) });
      throwIfCancelled(job.signal);
    },
  });
  const sieved = sieve as RowSieve | null;
  const end = sieved?.finish(read.ending) ?? { cut: null };
  if (headers === null || sieved === null || rows === 0) throw emptyFileError(input.file);
  const headerRow: string[] = headers;

  const canonical = canonicalOutlets(db);
  const outlets = [...outletCounts.entries()]
    .map(([key, v]): OutletSpelling => ({
      key,
      spelling: v.shown,
      rows: v.rows,
      remembered: rememberedOutlet(db, key, v.shown),
      suggestion: suggestOutlet(v.shown, canonical),
      writings: [...(v.writings ?? [])].map(([written, rows]) => ({ written, rows })).sort((a, b) => b.rows - a.rows),
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
    columnMatches,
    ambiguousColumns,
    customers: { column: customerColumn === null ? null : (headerRow[customerColumn] ?? null), rowsWithCustomer },
    amounts: amountsVerdict(db, shape, amountSample),
    currency: chainCurrency(db),
    skippedLines: { blank: sieved.blank, footer: sieved.footer, totals: sieved.totalsRows, preamble: read.preamble },
    headerRow: read.headerRow ?? 1,
    cut: end.cut,
    noValue: hasNoValue(shape, mapping),
    catalogue: (pricing as CataloguePricing | null)?.result() ?? null,
    columnProfiles: profiler.result(headerRow.length),
  };
}

function amountsVerdict(db: Database, shape: Shape, sample: AmountSample): AmountScale | null {
  const kind = amountKind(shape);
  if (kind === null) return null;
  return judgeAmounts(kind, sample.median(), earlierMedian(db, kind), chainCurrency(db));
}

/** A row's money as the importer will read it: the line amount (else quantity × unit price), or a customer's spend summed. */
function amountReader(shape: Shape, mapping: ColumnMapping): ((fields: string[]) => number | null) | null {
  const num = (fields: string[], column: number | null | undefined): number | null => {
    if (typeof column !== 'number') return null;
    const parsed = parseNumber(fields[column] ?? '');
    return parsed.ok ? parsed.value : null;
  };
  if (shape === 'salesLines') {
    return (fields) => {
      const amount = num(fields, mapping.amount);
      if (amount !== null) return Math.abs(amount);
      const price = num(fields, mapping.unitPrice);
      const quantity = typeof mapping.quantity === 'number' ? num(fields, mapping.quantity) : 1;
      return price === null || quantity === null ? null : Math.abs(price * quantity);
    };
  }
  if (shape === 'customerSpend') {
    const columns = ['fresh', 'dry', 'luxury', 'other'].map((k) => mapping[k]);
    return (fields) => {
      let total: number | null = null;
      for (const c of columns) {
        const v = num(fields, c);
        if (v !== null) total = (total ?? 0) + v;
      }
      return total;
    };
  }
  return null;
}

/** A distinct value of a column: as first written, and how many rows have it. */
interface Seen {
  shown: string;
  rows: number;
  writings?: Map<string, number>;
}

const maxWritings = 10;

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
    if (found.writings) {
      const n = found.writings.get(value);
      if (n !== undefined) found.writings.set(value, n + 1);
      else if (found.writings.size < maxWritings) found.writings.set(value, 1);
    }
    return;
  }
  if (counts.size >= limit) {
    throw new AppError(
      'validation',
      `The ${what} column has more than ${limit} different values. Check that the right column is chosen as the ${what}.`,
    );
  }
  const seen: Seen = { shown: value.trim().replace(/\s+/g, ' '), rows: 1 };
  if (what === 'outlet') seen.writings = new Map([[value, 1]]);
  counts.set(key, seen);
}

export function canonicalOutlets(db: Database): CanonicalOutlet[] {
  return outletNames(db);
}

/**
 * What was decided for a spelling before. A remembered fold of one known
 * place into another (Ambalantota into Ambalangoda, as an earlier version
 * merged similar spellings by itself) is not followed: a real town's name
 * is never folded into a different town's outlet.
 */
function rememberedOutlet(db: Database, key: string, spelling: string): OutletSpelling['remembered'] {
  const row = rememberedSpelling(db, key);
  if (!row) return null;
  if (row.rejected) return 'rejected';
  const name = row.name as string;
  const here = knownPlace(spelling);
  const there = knownPlace(name);
  if (here && there && here.place !== there.place) return null;
  return { outletId: row.outletId as number, name };
}

export function categoryRules(db: Database): Map<string, CategoryCode> {
  return new Map(listCategoryRules(db).rules.map((r) => [r.source, r.category]));
}

function savedMapping(db: Database, shape: Shape, headers: string[]): { name: string; mapping: ColumnMapping } | null {
  const row = mappingForHeader(db, headerSignature(headers), shape);
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
