import type { AppContext } from './context';
import { AppError } from '../../shared/errors';
import { formatDay } from '../../shared/format';
import { rowNotes } from '../../shared/rowNotes';
import type { Analysis } from '../domain/import/analyse';
import { ambiguousColumnsMessage, missingColumnsMessage, shortLabel, type ColumnOverride } from '../domain/import/columnChoice';
import type { ColumnMatch } from '../domain/import/columnMatch';
import { mappingByName, mappingNames } from '../domain/import/mappings';
import { demoLoaded } from '../domain/sales/imports';
import { detectShape, outletField, shapeFields, type ColumnMapping, type Shape } from '../domain/import/columns';
import { automaticDecisions, type AutoOptions } from '../domain/import/decisions';
import { cutMessage } from '../domain/import/rowSieve';
import type { ImportSummary } from '../domain/import/run';
import { noCustomerIdsMessage } from '../../shared/importGuard';
import { valuationWords } from '../../shared/measure';

export interface HeadlessImportOptions extends AutoOptions {
  /** A saved mapping's name, or 'auto' for the automatic one; absent: a saved mapping for these headers, else automatic. */
  mapping?: string;
  sheet?: string;
  /** What the file is, over the guess (the command line's --shape). */
  shape?: Shape;
  signal?: AbortSignal;
  // issue 14, columns: --map FIELD=COLUMN and --category-column, in the order given
  overrides?: ColumnOverride[];
  // issue 14, rows: import the complete rows of a file cut short, leaving the cut row out.
  importCompleteRows?: boolean;
}

export interface HeadlessImportResult {
  summary: ImportSummary;
  analysis: Pick<Analysis, 'format' | 'encoding' | 'delimiter' | 'sheet' | 'compressed' | 'shape' | 'rows' | 'headerRow'> & { columns: Record<string, string | null>; mappingFrom: string };
  decisions: string[];
  // issue 14, columns: each mapped column with its field's label, how sure and why
  columnMatches: Array<ColumnMatch & { label: string }>;
  /** The file's columns no field takes: listed, so nothing is left out without a word. */
  unusedColumns: string[];
  // issue 14, guard: what the check found that the user should know (no customer ids, amounts accepted).
  warnings: string[];
  // issue 14, rows: lines skipped, totals rows, empty and unreadable cells, in words.
  rowNotes: string[];
  // issue 14, money
  /** For a file without prices or amounts: that it was imported without value, and what catalogue prices valued. */
  value: string[];
}

/**
 * The whole import without a person: check the file, take the automatic
 * decisions (each one listed), write it. The command line's `import`.
 */
export async function importHeadless(ctx: Pick<AppContext, 'connection' | 'jobs'>, file: string, options: HeadlessImportOptions = {}): Promise<HeadlessImportResult> {
  let mapping: ColumnMapping | undefined;
  let mappingFrom = '';
  if (options.mapping && options.mapping !== 'auto') {
    const saved = mappingByName(ctx.connection.sqlite, options.mapping);
    if (saved === undefined) {
      const names = mappingNames(ctx.connection.sqlite);
      throw new AppError('not_found', `There is no saved mapping called "${options.mapping}".${names.length ? ` Saved mappings: ${names.join(', ')}.` : ' None is saved yet.'}`);
    }
    mapping = JSON.parse(saved) as ColumnMapping;
    mappingFrom = `saved mapping "${options.mapping}"`;
  }
  const jobOptions = options.signal ? { signal: options.signal } : {};
  const analysis = await ctx.jobs.run(
    'importAnalyse',
    {
      file,
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
      ...(options.shape === undefined ? {} : { shape: options.shape }),
      ...(mapping ? { mapping } : {}),
      useSavedMapping: options.mapping !== 'auto',
      ...(options.overrides && options.overrides.length > 0 ? { overrides: options.overrides } : {}),
    },
    jobOptions,
  );
  mappingFrom ||= analysis.mappingFrom.kind === 'saved' ? `saved mapping "${analysis.mappingFrom.name}"` : analysis.mappingFrom.kind;
  if (options.overrides && options.overrides.length > 0) mappingFrom += ', with --map';
  const unmapped = missingColumnsMessage(analysis.shape, analysis.headers, analysis.name, analysis.mapping, {
    profiles: analysis.columnProfiles,
    outletGiven: options.outlet !== undefined,
  });
  if (unmapped !== null) throw new AppError('validation', unmapped);
  const ambiguous = ambiguousColumnsMessage(analysis.headers, analysis.name, analysis.ambiguousColumns);
  if (ambiguous !== null) throw new AppError('validation', ambiguous);
  const warnings: string[] = [];
  if (analysis.shape === 'salesLines' && analysis.customers.rowsWithCustomer === 0) warnings.push(noCustomerIdsMessage);
  if (analysis.amounts?.question) {
    if (options.acceptAmounts !== true) {
      throw new AppError('validation', `${analysis.amounts.question} Nothing was imported. If they are, import the file again with --accept-amounts.`);
    }
    warnings.push(`${analysis.amounts.question} Imported as they are (--accept-amounts).`);
  }
  // Said before anything is written: the write pass would refuse it too, after reading the whole file again.
  if (analysis.cut && !options.importCompleteRows) {
    throw new AppError('validation', cutMessage(analysis.cut, ' (--import-complete-rows)'));
  }
  if (analysis.previousImport && (options.ifImported ?? 'ask') === 'ask') {
    const { finishedAt, sourceName } = analysis.previousImport;
    throw new AppError(
      'conflict',
      `This file was already imported on ${formatDay(finishedAt)} ("${sourceName}"). Nothing was imported. Add --if-imported skip to leave it, or --if-imported replace to replace that earlier import.`,
    );
  }
  const { decisions, notes } = automaticDecisions(analysis, options);
  if (options.shape === undefined && analysis.shape !== detectShape(analysis.headers)) {
    notes.unshift(`Read as ${shortLabel(analysis.shape).toLowerCase()}: the fields named with --map are that kind of file's.`);
  }
  const outletKey = outletField[analysis.shape];
  if (options.outlet !== undefined && (outletKey === null || typeof analysis.mapping[outletKey] === 'number')) {
    notes.push(`--outlet "${options.outlet}" is not used: ${outletKey === null ? 'a product catalogue has no outlets' : `the file's column "${analysis.headers[analysis.mapping[outletKey] as number]}" names each row's outlet`}.`);
  }
  if (demoLoaded(ctx.connection.sqlite)) {
    notes.push(
      decisions.removeDemo
        ? `The demo data is removed${options.removeDemo === undefined ? ' (the file has customers; keep it with --keep-demo)' : ' (--remove-demo)'}. Trained segments are kept.`
        : `The demo data is kept${options.removeDemo === undefined ? ' (the file has no customer ids; remove it with --remove-demo)' : ' (--keep-demo)'}.`,
    );
  }
  if (options.importCompleteRows) decisions.importCompleteRows = true;
  const summary = await ctx.jobs.run('import', decisions, jobOptions);
  const columns: Record<string, string | null> = {};
  for (const f of shapeFields[analysis.shape]) {
    const i = analysis.mapping[f.key];
    columns[f.key] = typeof i === 'number' ? (analysis.headers[i] ?? null) : null;
  }
  return {
    summary,
    analysis: {
      format: analysis.format,
      encoding: analysis.encoding,
      delimiter: analysis.delimiter,
      sheet: analysis.sheet,
      compressed: analysis.compressed,
      shape: analysis.shape,
      rows: analysis.rows,
      headerRow: analysis.headerRow,
      columns,
      mappingFrom,
    },
    decisions: notes,
    unusedColumns: analysis.headers.filter((_, i) => !Object.values(analysis.mapping).includes(i)),
    columnMatches: analysis.columnMatches.map((m) => ({ ...m, label: shapeFields[analysis.shape].find((f) => f.key === m.field)?.label ?? m.field })),
    warnings,
    rowNotes: rowNotes(summary),
    value: valuationWords(summary),
  };
}
