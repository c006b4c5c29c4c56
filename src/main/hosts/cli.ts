// The headless door to the same services the window uses: for batch work,
// scripting and benchmarks. `npm run -s cli -- --help`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { formatCount } from '../../shared/format';
import { createAppContext } from '../composition/compose';
import { type AppContext } from '../app/context';
import { openDatabase } from '../platform/db/connection';
import { schemaVersion } from '../platform/db/migrate';
import { writeDemoCsv } from '../domain/demo/csv';
import { defaultDemoOptions } from '../domain/demo/generator';
import { startDemoLoad } from '../app/demo';
import type { ColumnOverride } from '../domain/import/columnChoice';
import { importHeadless } from '../app/headlessImport';
import type { Progress } from '../platform/jobs/types';
import { createFileLogger, logFolderFor } from '../platform/logFile';
import { backupBefore } from '../app/backups';
import { knownError, publicError } from '../platform/userErrors';
import { resolveDatabasePath } from '../platform/paths';
import { activeModel, latestDrift, listSegments, listVersions } from '../domain/segmentation/store';
import { dataWithoutDates } from '../domain/features/customerFeatures';
import { noDatesWords } from '../../shared/importGuard';
import { campaignFor } from '../../shared/campaigns';
import { staleModelNote } from '../app/overview';
import { segmentInputSchema } from '../../shared/segments';
import { reportParamsSchema } from '../../shared/reports';
import { planExport } from '../domain/reports/plan';
import { appVersion } from '../platform/version';
import { chainCurrency } from '../domain/settings/currency';
import { importShapes, type ImportShape } from '../../shared/imports';
import { invisibleMessage } from '../../shared/text';
// issue 15, file modes
import { keepNewFilesPrivate } from '../platform/privateFiles';
import type { DB } from '../platform/db/schema';
import { countRows } from '../platform/db/query';
import { anyImport, demoLoaded } from '../domain/sales/imports';
import { anyCustomer } from '../domain/sales/customers';
import { saleRange } from '../domain/sales/daily';

keepNewFilesPrivate();

const help = `Octave Segments ${appVersion} — command line

Usage: npm run -s cli -- <command> [options]

Commands:
  demo --customers N --out FILE.csv   Write a demo sales export (FILE.csv.gz writes it gzipped)
  demo --customers N [--db PATH]      Load the demo chain into a database (must hold no data yet)
  info [--db PATH]                    Counts of outlets, customers, sales lines, and the date range
  import FILE [--db PATH]             Import a sales export (CSV, CSV.GZ or XLSX) in one transaction; customer
                                      lists, customer-level sales and product catalogues are recognised too
      --mapping NAME|auto             Use a saved column mapping, or the automatic one
      --save-mapping NAME             Save the mapping used under NAME
      --sheet NAME                    XLSX: the sheet to import (default: the first)
      --outlet NAME                   Files without an outlet column: book every line (or customer) to NAME
      --shape salesLines|customers|customerSpend|products
                                      Say what the file is, when the guess is wrong (a --map naming fields of one
                                      other shape switches to it by itself)
      --strict-outlets                Reject rows whose outlet matches no known outlet (default: add it)
      --date-order dmy|mdy            For dates like 03/04/2026 that the file cannot settle (default dmy)
      --if-imported skip|replace      What to do when the same file was imported before
      --map FIELD=COLUMN              Say which column holds a field; repeatable. FIELD: customer, outlet, soldAt, category,
                                      fresh, ... (or its label); COLUMN: a header, any case, or a column number from 1
      --category-column COLUMN        The column holding the product category (same as --map category=COLUMN)
      --keep-demo | --remove-demo     Keep or remove the demo data (default: removed only when the file has customer ids)
      --accept-amounts                Import amounts that look on another scale than your earlier data (or than typical
                                      Sri Lankan supermarket amounts, before your first import); refused otherwise
      --import-complete-rows          A file cut short inside its last row: import the rows before the cut (default: refuse)
      --value-at-catalogue-prices     A file without prices or amounts: value its lines at the product
                                      catalogue's prices, where there is one (the others stay without value)
  segment [--db PATH]                 Find segments, train the network and make it the active model version
      --k auto|N                      Number of segments (default auto: 3 to 10 by silhouette and Davies–Bouldin)
      --from YYYY-MM-DD --to YYYY-MM-DD   Analysis window (default: the 12 months up to the latest sale)
      --labels kmeans|import          Learn k-means segments (default) or an imported segment label column
  segments [--db PATH]                The active model's segments: size, traits, campaign; its versions and drift
  export --segment ID|NAME --format pdf|xlsx --out PATH [--db PATH]
                                      A segment report, as the window's Export report makes it, into the history
      --filters JSON                  The dashboard's filters, e.g. '{"age":{"min":30,"max":45},"category":"luxury"}'
      --rows all|N                    The customers listed: the top N by spend (default 500) or all
      --if-exists overwrite|new-version  When --out was exported before with the same filters (default: refuse)

Options:
  --db PATH     Database file (default: OCTAVE_DB, else the app's user-data folder)
  --seed N      Seed of the demo generator (same seed, same data; default ${defaultDemoOptions.seed})
  --no-backup   import and segment: skip the backup they make first of a database that holds data
  --json        Print exactly one JSON object on stdout
  --help        Show this help
`;

type Flags = {
  json: boolean;
  db?: string | undefined;
  customers?: string | undefined;
  out?: string | undefined;
  seed?: string | undefined;
  mapping?: string | undefined;
  'save-mapping'?: string | undefined;
  sheet?: string | undefined;
  outlet?: string | undefined;
  'strict-outlets'?: boolean | undefined;
  'date-order'?: string | undefined;
  'if-imported'?: string | undefined;
  k?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  labels?: string | undefined;
  segment?: string | undefined;
  format?: string | undefined;
  filters?: string | undefined;
  rows?: string | undefined;
  'if-exists'?: string | undefined;
  // issue 14, columns
  map?: string[] | undefined;
  shape?: string | undefined;
  'category-column'?: string | undefined;
  // issue 14, guard
  'keep-demo'?: boolean | undefined;
  'remove-demo'?: boolean | undefined;
  'accept-amounts'?: boolean | undefined;
  // issue 14, rows
  'import-complete-rows'?: boolean | undefined;
  // issue 14, money
  'value-at-catalogue-prices'?: boolean | undefined;
  // issue 15, backups
  'no-backup'?: boolean | undefined;
};

function progressPrinter(enabled: boolean): (p: Progress) => void {
  if (!enabled) return () => undefined;
  return (p) => {
    const pct = p.total > 0 ? Math.floor((p.current / p.total) * 100) : 0;
    process.stderr.write(`\r${p.step}: ${formatCount(p.current)} of ${formatCount(p.total)} (${pct}%)   `);
    if (p.current === p.total) process.stderr.write('\n');
  };
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 1) throw new AppError('validation', `--${name} must be a whole number above zero (got "${value}").`);
  return n;
}

async function demo(flags: Flags): Promise<Record<string, unknown>> {
  const customers = positiveInt(flags.customers, 'customers', defaultDemoOptions.customers);
  const seed = flags.seed === undefined ? defaultDemoOptions.seed : positiveInt(flags.seed, 'seed', 0);
  const started = performance.now();
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const onProgress = progressPrinter(!flags.json && process.stderr.isTTY === true);
  if (flags.out) {
    const result = await writeDemoCsv(flags.out, { customers, seed }, { signal: controller.signal, onProgress });
    const seconds = (performance.now() - started) / 1000;
    return { command: 'demo', ...result, seconds: round(seconds), linesPerSecond: Math.round(result.salesLines / seconds) };
  }
  if (customers > 2_000_000) throw new AppError('validation', '--customers can be at most 2,000,000 for a database load.');
  const ctx = cliContext(flags);
  try {
    ctx.subscribe((event) => {
      if (event.type === 'job') onProgress(event.job);
    });
    const result = await audited(ctx, 'demoLoad', `${customers} demo customers`, async () => {
      const { jobId } = startDemoLoad(ctx, customers);
      controller.signal.addEventListener('abort', () => ctx.jobs.cancel(jobId));
      return ctx.jobs.wait<'demoLoad'>(jobId);
    }, (r) => `${r.salesLines} sales lines`);
    const seconds = (performance.now() - started) / 1000;
    return { command: 'demo', database: ctx.connection.path, ...result, seconds: round(seconds), linesPerSecond: Math.round(result.salesLines / seconds) };
  } finally {
    await ctx.close();
  }
}

/** Runs `fn` on an existing database (never creates one), closing it after. */
function withExistingDatabase<T>(flags: Flags, fn: (connection: ReturnType<typeof openDatabase>) => T): T {
  const file = resolveDatabasePath({ flag: flags.db });
  if (!fs.existsSync(file)) throw new AppError('not_found', `There is no database at ${file}. Start the app once, or pass --db PATH.`);
  const connection = openDatabase(file);
  try {
    return fn(connection);
  } finally {
    connection.close();
  }
}

function info(flags: Flags): Record<string, unknown> {
  return withExistingDatabase(flags, (connection) => {
    const db = connection.sqlite;
    const count = (table: keyof DB): number => countRows(db, table);
    const range = saleRange(db);
    return {
      command: 'info',
      database: connection.path,
      schemaVersion: schemaVersion(db),
      outlets: count('outlets'),
      categories: count('categories'),
      products: count('products'),
      customers: count('customers'),
      salesLines: count('sales_lines'),
      imports: count('imports'),
      firstSale: range.first,
      lastSale: range.last,
      ...(dataWithoutDates(db) ? { dates: noDatesWords } : {}),
      demoData: demoLoaded(db),
      // What the amounts are in (Settings → Currency): the reports and the import's scale check use it.
      currency: chainCurrency(db),
    };
  });
}

/** The OS account running the command, for the audit log; "unknown" where the system has no name for it. */
function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** The app's backend on --db, writing its audit entries as the command line, in the OS user's name. */
function cliContext(flags: Flags): AppContext {
  const databasePath = resolveDatabasePath({ flag: flags.db });
  // Always to the log file, so an error's reference can be looked up; problems on stderr too, unless the output is JSON.
  const log = createFileLogger(logFolderFor(databasePath), { echo: flags.json ? false : 'problems' });
  log.info(`Command line ${process.argv.slice(2).join(' ')} (Octave Segments ${appVersion}, OS user ${osUser()})`);
  const ctx = createAppContext({ databasePath, log, version: appVersion, checkAtStart: false });
  ctx.auth.actAs(`command line (OS user ${osUser()})`);
  return ctx;
}

/**
 * A command that writes, in the audit log as the window's calls are: its
 * start, then how it ended ("import:finished", "import:failed" with the
 * reason, "import:cancelled").
 */
async function audited<T>(ctx: AppContext, action: string, detail: string, fn: () => Promise<T>, outcome: (result: T) => string = () => ''): Promise<T> {
  ctx.auth.audit(action, detail);
  try {
    const result = await fn();
    ctx.auth.audit(`${action}:finished`, outcome(result));
    return result;
  } catch (error) {
    const e = knownError(error) ?? AppError.from(error);
    ctx.auth.audit(`${action}:${e.kind === 'cancelled' ? 'cancelled' : 'failed'}`, e.message);
    throw error;
  }
}

/**
 * Runs `fn` with the app's backend (database, job runner) on --db, job
 * progress on stderr when it is a terminal, and Ctrl+C as cancel.
 */
async function withBackend<T>(flags: Flags, fn: (ctx: AppContext, signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const ctx = cliContext(flags);
  try {
    const onProgress = progressPrinter(!flags.json && process.stderr.isTTY === true);
    ctx.subscribe((event) => {
      if (event.type === 'job') onProgress(event.job);
    });
    return await fn(ctx, controller.signal);
  } finally {
    await ctx.close();
  }
}

/**
 * The backup the window makes before an import or a training, made here too
 * (the CLI is how big files are imported), unless --no-backup. A database
 * with nothing imported yet has nothing to lose.
 */
async function backupFirst(ctx: AppContext, flags: Flags, reason: 'import' | 'training'): Promise<void> {
  if (flags['no-backup'] || !anyImport(ctx.connection.sqlite)) return;
  const backup = await backupBefore(ctx, reason);
  if (!flags.json) console.error(backup.reused ? `No new backup: the latest, ${backup.name}, already holds this data` : `Backup made first: ${backup.name}`);
}

async function importFile(file: string | undefined, flags: Flags): Promise<Record<string, unknown>> {
  if (!file) throw new AppError('validation', 'Name the file to import: npm run -s cli -- import FILE.csv');
  const dateOrder = flags['date-order'];
  if (dateOrder !== undefined && dateOrder !== 'dmy' && dateOrder !== 'mdy') throw new AppError('validation', '--date-order must be dmy or mdy.');
  const ifImported = flags['if-imported'];
  if (ifImported !== undefined && ifImported !== 'skip' && ifImported !== 'replace') throw new AppError('validation', '--if-imported must be skip or replace.');
  const shape = flags.shape;
  if (shape !== undefined && !(importShapes as readonly string[]).includes(shape)) {
    throw new AppError('validation', `--shape must be one of ${importShapes.join(', ')} (got "${shape}").`);
  }
  if (flags['keep-demo'] && flags['remove-demo']) throw new AppError('validation', 'Choose --keep-demo or --remove-demo, not both.');
  const removeDemo = flags['keep-demo'] ? false : flags['remove-demo'] ? true : undefined;
  // issue 15, names: a name typed here refuses invisible characters as the window does, before any work starts.
  const badName = invisibleMessage('outlet name (--outlet)', flags.outlet ?? '') ?? invisibleMessage('mapping name (--save-mapping)', flags['save-mapping'] ?? '');
  if (badName) throw new AppError('validation', badName);
  const started = performance.now();
  return withNewDatabaseRemovedOnFailure(flags, () => withBackend(flags, async (ctx, signal) => {
    await backupFirst(ctx, flags, 'import');
    const result = await audited(ctx, 'import', path.resolve(file), () => importHeadless(ctx, path.resolve(file), {
      ...(removeDemo === undefined ? {} : { removeDemo }),
      acceptAmounts: flags['accept-amounts'] === true,
      signal,
      ...(flags.mapping === undefined ? {} : { mapping: flags.mapping }),
      ...(flags.sheet === undefined ? {} : { sheet: flags.sheet }),
      ...(shape === undefined ? {} : { shape: shape as ImportShape }),
      ...(flags.outlet === undefined ? {} : { outlet: flags.outlet }),
      ...(dateOrder === undefined ? {} : { dateOrder }),
      ...(ifImported === undefined ? {} : { ifImported }),
      strictOutlets: flags['strict-outlets'] === true,
      mappingName: flags['save-mapping'] ?? null,
      overrides: columnOverrides(flags),
      importCompleteRows: flags['import-complete-rows'] === true,
      valueAtCataloguePrices: flags['value-at-catalogue-prices'] === true,
    }), (r) => (r.summary.skipped ? 'Imported before: skipped' : `${r.summary.imported} rows`));
    const seconds = (performance.now() - started) / 1000;
    // With an active model, the import's end started assigning every customer again and measuring drift.
    const assigning = ctx.jobs.running('assign');
    const segments = assigning ? await ctx.jobs.wait<'assign'>(assigning.jobId) : null;
    return {
      command: 'import',
      database: ctx.connection.path,
      ...result.summary,
      read: result.analysis,
      decisions: result.decisions,
      rowNotes: result.rowNotes,
      ...(result.value.length > 0 ? { value: result.value } : {}),
      seconds: round(seconds),
      rowsPerSecond: Math.round(result.summary.rowsRead / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      segments,
      columnMatches: result.columnMatches.map((m) => ({ field: m.field, label: m.label, column: m.header, confidence: m.confidence, reason: m.reason })),
      unusedColumns: result.unusedColumns,
      warnings: result.warnings,
    };
  }));
}

/**
 * A command that was to fill a new database and failed leaves no database
 * behind: a later `import` or `demo` would find an empty file it did not
 * expect, and the user would not know which file holds their data.
 */
async function withNewDatabaseRemovedOnFailure<T>(flags: Flags, fn: () => Promise<T>): Promise<T> {
  const file = resolveDatabasePath({ flag: flags.db });
  const existed = fs.existsSync(file);
  try {
    return await fn();
  } catch (error) {
    if (!existed) for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
    throw error;
  }
}

/** --map FIELD=COLUMN (repeatable) and --category-column COLUMN, in the order given. */
function columnOverrides(flags: Flags): ColumnOverride[] {
  const overrides = (flags.map ?? []).map((spec): ColumnOverride => {
    const at = spec.indexOf('=');
    const field = at < 0 ? '' : spec.slice(0, at).trim();
    const column = at < 0 ? '' : spec.slice(at + 1).trim().replace(/^(["'])(.*)\1$/, '$2');
    if (field === '' || column === '') throw new AppError('validation', `--map takes FIELD=COLUMN, for example --map outlet="store_city" (got "${spec}").`);
    return { field, column };
  });
  const category = flags['category-column']?.trim();
  if (category !== undefined) {
    if (category === '') throw new AppError('validation', '--category-column takes the name or number of a column, for example --category-column "Sub Department".');
    overrides.push({ field: 'category', column: category });
  }
  return overrides;
}

async function segment(flags: Flags): Promise<Record<string, unknown>> {
  const k = flags.k === undefined || flags.k === 'auto' ? null : positiveInt(flags.k, 'k', 0);
  if (k !== null && (k < 2 || k > 12)) throw new AppError('validation', '--k must be auto or a whole number from 2 to 12.');
  if ((flags.from === undefined) !== (flags.to === undefined)) throw new AppError('validation', 'Give both --from and --to, or neither.');
  const labels = flags.labels ?? 'kmeans';
  if (labels !== 'kmeans' && labels !== 'import') throw new AppError('validation', '--labels must be kmeans or import.');
  const started = performance.now();
  return withBackend(flags, async (ctx, signal) => {
    const input = {
      k,
      labelsFrom: labels,
      window: flags.from === undefined || flags.to === undefined ? null : { from: flags.from, to: flags.to },
      ...(flags.seed === undefined ? {} : { seed: positiveInt(flags.seed, 'seed', 0) }),
    } as const;
    const parsed = segmentInputSchema.safeParse(input);
    if (!parsed.success) throw new AppError('validation', '--from and --to must be dates written YYYY-MM-DD.');
    await backupFirst(ctx, flags, 'training');
    const result = await audited(ctx, 'segmentation', `k ${k ?? 'auto'}`, () => ctx.jobs.run('segment', parsed.data, { signal }), (r) => `Model v${r.modelId}`).catch((error: unknown) => {
      // The window's advice names the screen's button; here the period can be chosen too.
      const e = AppError.from(error);
      if (e.kind === 'validation' && e.message.startsWith('Only ')) {
        // With no customer at all, a longer period cannot help.
        const advice = e.message.startsWith('Only 0 ')
          ? ' Import sales with customer ids, then run segment again.'
          : ' Import sales with customer ids, or choose a longer period with --from YYYY-MM-DD --to YYYY-MM-DD.';
        throw new AppError('validation', e.message.replace(/ Import sales with customer ids, then choose Find segments again\.$/, advice));
      }
      throw error;
    });
    const undated = dataWithoutDates(ctx.connection.sqlite);
    return {
      command: 'segment',
      database: ctx.connection.path,
      ...result,
      window: undated ? noDatesWords : result.window,
      versions: listVersions(ctx.connection.sqlite).map((v) => ({ id: v.id, createdAt: v.createdAt, k: v.k, customers: v.customers, active: v.active })),
      seconds: round((performance.now() - started) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  });
}

function segments(flags: Flags): Record<string, unknown> {
  return withExistingDatabase(flags, (connection) => {
    const db = connection.sqlite;
    const model = activeModel(db);
    if (!model) throw new AppError('not_found', 'No segments yet. Find them first: npm run -s cli -- segment');
    return {
      command: 'segments',
      database: connection.path,
      modelId: model.id,
      window: dataWithoutDates(db) ? noDatesWords : model.window,
      customers: model.customers,
      // The model's customers may be gone (say, with the demo data): its stored counts would read as today's.
      ...(!anyCustomer(db) ? { note: staleModelNote.replace(/choose Find segments\.$/, 'run: npm run -s cli -- segment') } : {}),
      segments: listSegments(db).map((s) => ({
        segment: s.segment,
        name: s.name,
        customers: s.customers,
        share: round(s.profile.share),
        traits: s.traits.map((t) => t.text),
        campaign: { ...campaignFor(s.campaign.id, model.measure), because: s.campaign.because, rationale: s.campaign.rationale },
      })),
      // issue 14, money: 'items' when the data has no values (traits and campaigns then speak of items and visits).
      measure: model.measure,
      drift: latestDrift(db),
      versions: listVersions(db).map((v) => ({ id: v.id, createdAt: v.createdAt, k: v.k, customers: v.customers, active: v.active })),
    };
  });
}

async function exportReportCommand(flags: Flags): Promise<Record<string, unknown>> {
  const format = flags.format;
  if (format !== 'pdf' && format !== 'xlsx') throw new AppError('validation', '--format must be pdf or xlsx.');
  if (!flags.out) throw new AppError('validation', 'Say where the report goes: --out PATH');
  if (!flags.segment) throw new AppError('validation', 'Say which segment: --segment ID (as `segments` lists it) or its name.');
  let filters: unknown = {};
  if (flags.filters !== undefined) {
    try {
      filters = JSON.parse(flags.filters);
    } catch {
      throw new AppError('validation', '--filters must be JSON, e.g. \'{"category":"luxury"}\'.');
    }
  }
  const rows = flags.rows === undefined ? { top: 500 } : flags.rows === 'all' ? 'all' : { top: positiveInt(flags.rows, 'rows', 500) };
  const ifExists = flags['if-exists'];
  if (ifExists !== undefined && ifExists !== 'overwrite' && ifExists !== 'new-version') throw new AppError('validation', '--if-exists must be overwrite or new-version.');
  const started = performance.now();
  return withBackend(flags, async (ctx, signal) => {
    const db = ctx.connection.sqlite;
    const model = activeModel(db);
    if (!model) throw new AppError('not_found', 'No segments yet. Find them first: npm run -s cli -- segment');
    const wanted = flags.segment as string;
    const found = listSegments(db).find((s) => String(s.segment) === wanted || s.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new AppError('not_found', `No segment "${wanted}". The segments: ${listSegments(db).map((s) => `${s.segment} ${s.name}`).join('; ')}.`);
    const parsed = reportParamsSchema.safeParse({ modelId: model.id, segment: found.segment, filters, format, rows });
    if (!parsed.success) throw new AppError('validation', `--filters: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const target = path.resolve(flags.out as string);
    // The window's policy for the same report made before (see planExport), with --out as the place already chosen.
    const plan = planExport(db, parsed.data, ifExists === undefined ? 'ask' : ifExists === 'overwrite' ? 'overwrite' : 'newVersion', 'commandLine', target);
    if (plan.status === 'exists') {
      throw new AppError('conflict', `This report was exported to ${target} before. Add --if-exists overwrite or --if-exists new-version.`);
    }
    const out = plan.target ?? target;
    if (out === target && plan.replaces === null && fs.existsSync(target) && ifExists !== 'overwrite') {
      throw new AppError('conflict', `${target} exists. Choose another --out, or --if-exists overwrite.`);
    }
    const result = await audited(ctx, 'export', `${found.name} as ${format.toUpperCase()} to ${out}`, () =>
      ctx.jobs.run('export', { params: parsed.data, target: out, replaces: plan.replaces, createdBy: ctx.auth.auditor()?.username ?? 'command line', createdAt: new Date().toISOString() }, { signal }),
    );
    return { command: 'export', database: ctx.connection.path, segment: found.name, format, ...result, seconds: round((performance.now() - started) / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  });
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function printHuman(result: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(result)) {
    if (key === 'command') continue;
    if (key === 'columnMatches' && Array.isArray(value)) {
      printColumns(value as ColumnLine[]);
      continue;
    }
    // Said even when empty-handed: a column the import leaves out is never dropped without a word.
    if (key === 'unusedColumns' && Array.isArray(value)) {
      console.log(`${'not used'.padEnd(16)} ${value.length === 0 ? 'every column is used' : value.join(', ')}`);
      continue;
    }
    const shown =
      typeof value === 'number' ? formatCount(value) : value !== null && typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
    console.log(`${key.padEnd(16)} ${key === 'seconds' ? String(value) : shown}`);
  }
}

interface ColumnLine {
  label: string;
  column: string;
  confidence: number;
  reason: string;
}

/** "Outlet ← store_city · 90% · outlet named with a qualifier: city", one line per mapped column. */
function printColumns(columns: ColumnLine[]): void {
  console.log('columns matched');
  for (const c of columns) console.log(`  ${c.label} ← ${c.column} · ${Math.round(c.confidence * 100)}% · ${c.reason}`);
}

async function main(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  let db: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        db: { type: 'string' },
        customers: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        mapping: { type: 'string' },
        'save-mapping': { type: 'string' },
        sheet: { type: 'string' },
        outlet: { type: 'string' },
        'strict-outlets': { type: 'boolean' },
        'date-order': { type: 'string' },
        'if-imported': { type: 'string' },
        k: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        labels: { type: 'string' },
        segment: { type: 'string' },
        format: { type: 'string' },
        filters: { type: 'string' },
        rows: { type: 'string' },
        'if-exists': { type: 'string' },
        // issue 14, columns
        map: { type: 'string', multiple: true },
        shape: { type: 'string' },
        'category-column': { type: 'string' },
        // issue 14, guard
        'keep-demo': { type: 'boolean' },
        'remove-demo': { type: 'boolean' },
        'accept-amounts': { type: 'boolean' },
        'import-complete-rows': { type: 'boolean' },
        // issue 14, money
        'value-at-catalogue-prices': { type: 'boolean' },
        'no-backup': { type: 'boolean' },
      },
    });
    json = values.json;
    db = values.db;
    const [command, ...rest] = positionals;
    if (values.help || command === undefined || command === 'help') {
      if (json) console.log(JSON.stringify({ command: 'help', usage: help }));
      else process.stdout.write(help);
      return 0;
    }
    const flags: Flags = values;
    // `import` takes the file; no other command takes a positional argument.
    const [file, ...extra] = command === 'import' ? rest : [undefined, ...rest];
    if (extra.length > 0) throw new AppError('validation', `Unexpected argument "${extra[0]}". See --help.`);
    let result: Record<string, unknown>;
    if (command === 'import') result = await importFile(file, flags);
    else if (command === 'demo') result = await demo(flags);
    else if (command === 'info') result = info(flags);
    else if (command === 'segment') result = await segment(flags);
    else if (command === 'segments') result = segments(flags);
    else if (command === 'export') result = await exportReportCommand(flags);
    else throw new AppError('validation', `Unknown command "${command}". See --help.`);
    if (json) console.log(JSON.stringify({ ok: true, ...result }));
    else printHuman(result);
    return 0;
  } catch (error) {
    const appError =
      error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
        ? new AppError('validation', `${error.message}. See --help.`)
        : (knownError(error) ?? unforeseen(error, db));
    if (json) console.log(JSON.stringify({ ok: false, error: appError.toJSON() }));
    else console.error(`Error: ${appError.message}`);
    return appError.kind === 'cancelled' ? 130 : 1;
  }
}

/** The unforeseen, as the window shows it: a reference, with the stack in the log beside the database rather than on the screen. */
function unforeseen(error: unknown, db: string | undefined): AppError {
  try {
    return publicError(error, createFileLogger(logFolderFor(resolveDatabasePath({ flag: db })), { echo: false }), 'Command line');
  } catch {
    // No log file to be had (no --db, nor OCTAVE_DB, nor a user-data folder): the stack goes to stderr instead.
    console.error(error);
    return AppError.from(error);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
