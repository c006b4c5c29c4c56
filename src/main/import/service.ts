import type { AppContext } from '../app/context';
import { AppError } from '../../shared/errors';
import type { Analysis } from './analyse';
import { shapeFields, type ColumnMapping } from './columns';
import { automaticDecisions, type AutoOptions } from './decisions';
import type { ImportSummary } from './run';
import { valuationWords } from '../../shared/measure';

export interface HeadlessImportOptions extends AutoOptions {
  /** A saved mapping's name, or 'auto' for the automatic one; absent: a saved mapping for these headers, else automatic. */
  mapping?: string;
  sheet?: string;
  signal?: AbortSignal;
}

export interface HeadlessImportResult {
  summary: ImportSummary;
  analysis: Pick<Analysis, 'format' | 'encoding' | 'delimiter' | 'sheet' | 'compressed' | 'shape' | 'rows'> & { columns: Record<string, string | null>; mappingFrom: string };
  decisions: string[];
  // issue 14, money
  /** For a file without prices or amounts: that it was imported without value, and what catalogue prices valued. */
  value: string[];
}

/**
 * The whole import without a person: check the file, take the automatic
 * decisions (each one listed), write it. The command line's `import`.
 */
export async function importHeadless(ctx: AppContext, file: string, options: HeadlessImportOptions = {}): Promise<HeadlessImportResult> {
  let mapping: ColumnMapping | undefined;
  let mappingFrom = '';
  if (options.mapping && options.mapping !== 'auto') {
    const saved = ctx.connection.sqlite.prepare('SELECT mapping FROM column_mappings WHERE name = ?').pluck().get(options.mapping) as string | undefined;
    if (saved === undefined) {
      const names = ctx.connection.sqlite.prepare('SELECT name FROM column_mappings ORDER BY name').pluck().all() as string[];
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
      ...(mapping ? { mapping } : {}),
      useSavedMapping: options.mapping !== 'auto',
    },
    jobOptions,
  );
  mappingFrom ||= analysis.mappingFrom.kind === 'saved' ? `saved mapping "${analysis.mappingFrom.name}"` : analysis.mappingFrom.kind;
  if (analysis.missing.length > 0) {
    throw new AppError(
      'validation',
      `No column of ${analysis.name} looks like the ${analysis.missing.join(', or the ')}. Its columns are: ${analysis.headers.join(', ')}. Rename the column, or map it in the app.`,
    );
  }
  const { decisions, notes } = automaticDecisions(analysis, options);
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
      columns,
      mappingFrom,
    },
    decisions: notes,
    value: valuationWords(summary),
  };
}
