import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { formatDay } from '../../../shared/format';
import { checkpointAfterLargeWrite } from '../../platform/db/checkpoint';
import { clearDemoData } from '../demo/clear';
import { throwIfCancelled, type JobContext } from '../../platform/jobs/types';
import { deleteImport, demoLoaded, finishImport, removeUnusedOutlets, findImportByHash, startFileImport } from '../sales/imports';
import { insertOutlet, outletExists, outletIdByName, outletIdsOfImport, rememberSpelling, setOutletImport } from '../outlets/service';
import { writeCategoryRule } from '../categories/rules';
import { saveMappingRow } from './mappings';
import { defaultCategory } from '../categories/names';
import { headerSignature, missingFields, shapeFields, type Shape } from './columns';
import { CustomerSpendWriter } from './customerSpendWriter';
import { CustomerWriter } from './customerWriter';
import type { ImportDecisions, OutletDecision } from './decisions';
import { ProductWriter } from './productWriter';
import type { RowWriter } from './rowWriter';
import { SalesLineWriter } from './salesLineWriter';
import { outletFolds } from './folds';
import { deferIndexes } from './indexes';
import { knownPlace } from './places';
import { amountKind, earlierMedian, judgeWrittenImport } from './amounts';
import type { ImportSummary } from './summary';
import { amountColumns, cutMessage, RowSieve } from './rowSieve';
import { displayName, emptyFileError, readRecords, sniffFile } from './source';

export type { ImportSummary };


const writers: Record<Shape, new (...args: ConstructorParameters<typeof RowWriter>) => RowWriter> = {
  salesLines: SalesLineWriter,
  customers: CustomerWriter,
  customerSpend: CustomerSpendWriter,
  products: ProductWriter,
};

/**
 * The second pass: reads the file again and writes what it holds in one
 * transaction. Every row ends in exactly one bucket: imported, duplicate
 * within the file, already imported earlier, or rejected with a reason.
 * A cancel, an error or a killed process leaves the database as it was.
 */
export async function runImport(db: Database, decisions: ImportDecisions, job: JobContext): Promise<ImportSummary> {
  const missing = missingFields(decisions.shape, decisions.mapping, decisions.defaultOutlet !== null);
  if (missing.length > 0) {
    throw new AppError('validation', `Choose the column that holds the ${missing.join(', and the ')} before importing.`);
  }
  const previous = findImportByHash(db, decisions.contentHash);
  const summary = emptySummary(decisions);
  if (previous && decisions.ifImported === 'ask') {
    throw new AppError(
      'conflict',
      `This file was already imported on ${formatDay(previous.finishedAt)} ("${previous.sourceName}"). Choose to skip it, or to replace that earlier import.`,
    );
  }
  if (previous && decisions.ifImported === 'skip') return { ...summary, skipped: true, importId: previous.importId };

  const startedAt = new Date().toISOString();
  // This worker's own connection: a 64 MB page cache (default 2 MB) keeps the hot index pages in memory while writing.
  db.pragma('cache_size = -65536');
  db.exec('BEGIN IMMEDIATE');
  try {
    // No deferred foreign keys: parents (outlets, products, customers) go in before the lines that
    // name them. With violations outstanding, SQLite would scan sales_lines on every parent insert.
    // The same file again: its outlets are taken over by the new import (the decisions may name them).
    const takenOver = previous ? outletIdsOfImport(db, previous.importId) : [];
    if (previous) {
      deleteImport(db, previous.importId, { keepOutlets: true });
      summary.replacedImportId = previous.importId;
    }
    // Removing the demo is the user's explicit choice (the confirmation step's "Remove the demo data").
    if (demoLoaded(db)) {
      if (decisions.removeDemo === true) {
        clearDemoData(db);
        summary.demoRemoved = true;
      } else {
        summary.demoKept = true;
      }
    }
    const created: number[] = [];
    const outletIds = resolveOutlets(db, decisions, summary, created);
    summary.outletFolds = outletFolds(db, decisions, outletIds);
    const kind = decisions.amountsConfirmed === true ? null : amountKind(decisions.shape);
    const earlier = kind === null ? null : earlierMedian(db, kind);
    if (decisions.remember) rememberDecisions(db, decisions, outletIds);
    const importId = startFileImport(db, { sourceName: displayName(decisions.file), contentHash: decisions.contentHash || null, shape: decisions.shape, startedAt });
    summary.importId = importId;
    for (const id of [...created, ...takenOver]) setOutletImport(db, id, importId);
    const writer = new writers[decisions.shape](db, importId, decisions, outletIds, summary);
    const rebuildIndexes = decisions.shape === 'salesLines' ? deferIndexes(db, await sniffFile(decisions.file)) : null;
    let header: string[] | null = null;
    let sieve: RowSieve | null = null;
    const read = await readRecords(
      decisions.file,
      { encoding: decisions.encoding ?? 'auto', delimiter: decisions.delimiter ?? 'auto', sheet: decisions.sheet ?? undefined },
      {
        record(fields, row) {
          if (header === null) {
            header = fields;
            writer.begin(fields);
            sieve = new RowSieve(
              { width: fields.length, amounts: amountColumns(decisions.shape, decisions.mapping) },
              {
                data(f, r) {
                  summary.rowsRead++;
                  writer.row(f, r);
                },
                totals(f, r) {
                  summary.rowsRead++;
                  writer.totalsRow(f, r);
                },
              },
            );
            return;
          }
          (sieve as RowSieve | null)?.push(fields, row);
        },
        blank(row) {
          (sieve as RowSieve | null)?.blankLine(row);
        },
        progress(bytes, size) {
          job.onProgress({ step: 'Importing rows', current: bytes, total: Math.max(size, 1), rows: summary.rowsRead });
          throwIfCancelled(job.signal);
        },
      },
    );
    if (decisions.contentHash && read.contentHash !== decisions.contentHash) {
      throw new AppError('conflict', `${displayName(decisions.file)} changed since it was checked. Check it again before importing.`);
    }
    const sieved = sieve as RowSieve | null;
    const end = sieved?.finish(read.ending) ?? { cut: null, fields: null };
    if (end.cut && end.fields) {
      if (!decisions.importCompleteRows) throw new AppError('validation', cutMessage(end.cut));
      summary.rowsRead++;
      summary.cutRow = end.cut;
      writer.cutRow(end.fields, end.cut);
    }
    if (header === null || sieved === null || summary.rowsRead === 0) throw emptyFileError(decisions.file);
    summary.skippedLines = { blank: sieved.blank, footer: sieved.footer, preamble: read.preamble };
    summary.totalsRows = sieved.totalsRows;
    job.onProgress({ step: 'Finishing the import', current: 1, total: 1, rows: summary.rowsRead });
    // The last steps sort whole tables (index builds, home outlets); SQLite's sorter takes memory in
    // proportion to the page cache, so a smaller cache keeps the peak under 500 MB at 25 M lines.
    db.pragma('cache_size = -16384');
    writer.endOfRows();
    rebuildIndexes?.();
    writer.finish();
    dropUnusedNewOutlets(db, importId, summary);
    summary.rejectedByReason.sort((a, b) => b.rows - a.rows);
    if (summary.imported === 0 && summary.rejected > 0) throw new AppError('validation', writer.nothingImported());
    if (kind !== null) refuseOddAmounts(db, importId, kind, earlier);
    if (decisions.mappingName) saveMapping(db, decisions, header, decisions.mappingName);
    finishImport(db, importId, {
      rowsRead: summary.rowsRead,
      rowsImported: summary.imported,
      firstSale: summary.firstSale,
      lastSale: summary.lastSale,
      finishedAt: new Date().toISOString(),
      summary: JSON.stringify(summary),
    });
    throwIfCancelled(job.signal);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  db.pragma('optimize');
  checkpointAfterLargeWrite(db);
  return summary;
}

/** The check step asks about amounts on another scale; an import that was not told they are right rolls back. */
function refuseOddAmounts(db: Database, importId: number, kind: 'line' | 'customer', earlier: number | null): void {
  const verdict = judgeWrittenImport(db, importId, kind, earlier);
  if (verdict.question !== null) {
    throw new AppError('validation', `${verdict.question} Nothing was imported. Confirm the amounts on the check step (command line: --accept-amounts) to import them as they are.`);
  }
}

function emptySummary(decisions: ImportDecisions): ImportSummary {
  return {
    importId: null,
    file: displayName(decisions.file),
    shape: decisions.shape,
    skipped: false,
    replacedImportId: null,
    demoRemoved: false,
    rowsRead: 0,
    imported: 0,
    duplicatesInFile: 0,
    alreadyImported: 0,
    rejected: 0,
    rejectedByReason: [],
    returns: 0,
    cancellations: 0,
    anonymous: 0,
    customersNew: 0,
    customersUpdated: 0,
    productsNew: 0,
    productsUpdated: 0,
    firstSale: null,
    lastSale: null,
    outletsAdded: [],
    categoriesOther: [],
    errorsStored: 0,
    outletFolds: [],
    demoKept: false,
    skippedLines: { blank: { rows: 0, first: [] }, footer: { rows: 0, first: [] }, preamble: { rows: 0, first: [] } },
    totalsRows: { rows: 0, first: [] },
    cutRow: null,
    emptyCells: [],
    unreadableCells: [],
    // issue 14, money
    noValue: false,
    unvalued: 0,
    valuedAtCatalogue: 0,
  };
}

/**
 * outlet key → outlet id, or null for a rejected spelling; new outlets are
 * created here (their ids pushed to `created`), a known town's with its
 * district and province.
 */
function resolveOutlets(db: Database, decisions: ImportDecisions, summary: ImportSummary, created: number[]): Map<string, number | null> {
  const createdByName = new Map<string, number>();
  const idOf = (d: OutletDecision): number | null => {
    if (d.kind === 'reject') return null;
    if (d.kind === 'outlet') {
      if (!outletExists(db, d.outletId)) {
        throw new AppError('not_found', 'An outlet chosen for this import no longer exists. Check the outlets again.');
      }
      return d.outletId;
    }
    const name = d.name.trim().replace(/\s+/g, ' ');
    const existing = outletIdByName(db, name) ?? createdByName.get(name.toLowerCase());
    if (existing !== undefined) return existing;
    const place = knownPlace(name)?.place;
    const id = insertOutlet(db, { name, city: place?.name ?? name, province: place?.province ?? '', district: place?.district ?? null });
    createdByName.set(name.toLowerCase(), id);
    created.push(id);
    summary.outletsAdded.push(name);
    return id;
  };
  const ids = new Map<string, number | null>();
  for (const [key, decision] of Object.entries(decisions.outlets)) ids.set(key, idOf(decision));
  if (decisions.defaultOutlet) ids.set('', idOf(decisions.defaultOutlet));
  return ids;
}

/** A new outlet whose every row was rejected is not kept (nor is the remembered spelling for it). */
function dropUnusedNewOutlets(db: Database, importId: number, summary: ImportSummary): void {
  const dropped = new Set(removeUnusedOutlets(db, importId));
  summary.outletsAdded = summary.outletsAdded.filter((name) => !dropped.has(name));
  summary.outletFolds = summary.outletFolds.filter((f) => !dropped.has(f.outlet));
}

function rememberDecisions(db: Database, decisions: ImportDecisions, outletIds: Map<string, number | null>): void {
  for (const [key, id] of outletIds) if (key !== '') rememberSpelling(db, key, id);
  for (const [key, code] of Object.entries(decisions.categories)) {
    if (key !== '' && (defaultCategory(key) ?? 'other') !== code) writeCategoryRule(db, key, code);
  }
}

function saveMapping(db: Database, decisions: ImportDecisions, header: string[], name: string): void {
  const known: Record<string, number | null> = {};
  for (const f of shapeFields[decisions.shape]) known[f.key] = decisions.mapping[f.key] ?? null;
  saveMappingRow(db, {
    name,
    shape: decisions.shape,
    headerSignature: headerSignature(header.map((h, i) => h.trim() || `Column ${i + 1}`)),
    mapping: JSON.stringify(known),
    updatedAt: new Date().toISOString(),
  });
}

