import type { Database } from 'better-sqlite3';
import { sql, type ExpressionBuilder } from 'kysely';
import type { ImportList, ImportReport } from '../../../shared/importViews';
import { all, first, iterate, q, run } from '../../platform/db/query';
import type { DB } from '../../platform/db/schema';
import { deleteOutletRow } from '../outlets/service';
import { subtractImportFromDaily } from './daily';
import type { ImportCheck } from '../../../shared/importViews';

/** The imports table and what hangs off it (import_errors): every ordinary query on them lives here. */

export interface RemovedCounts {
  removedSalesLines: number;
  removedCustomers: number;
}

/**
 * Removes one import and exactly what it brought: its sales lines, its
 * customer-level sales rows (those a later import has not replaced), the
 * customers it created that nothing else refers to, and the catalogue
 * products it created that no sales line refers to. What it updated stays as
 * updated: a customer's details, a product's category, name or price (the
 * earlier values are not kept). The outlets it added go too, with their
 * remembered spellings, when nothing else refers to them (so they leave the
 * outlet filter and Settings); the chain's own and those added in Settings
 * stay. One transaction.
 *
 * `keepOutlets`: when the import is being replaced by the same file again,
 * its outlets are kept, unowned, for the new import to take over (the
 * decisions for the new one may name them).
 */
export function deleteImport(db: Database, importId: number, options: { keepOutlets?: boolean } = {}): RemovedCounts {
  return db.transaction(() => {
    subtractImportFromDaily(db, importId);
    const lines = run(db, q.deleteFrom('sales_lines').where('import_id', '=', importId)).changes;
    run(db, q.deleteFrom('customer_spend').where('import_id', '=', importId));
    // A removed customer leaves the active segmentation too (its counts are refreshed by the next assignment).
    run(db, q.deleteFrom('customer_segments').where('customer_id', 'in', q.selectFrom('customers').select('id').where(createdAndUnused(importId))));
    const customers = run(db, q.deleteFrom('customers').where(createdAndUnused(importId))).changes;
    run(db, q.updateTable('customers').set({ import_id: null }).where('import_id', '=', importId));
    deleteCreatedProducts(db, importId);
    if (options.keepOutlets) run(db, q.updateTable('outlets').set({ import_id: null }).where('import_id', '=', importId));
    else deleteCreatedOutlets(db, importId);
    run(db, q.deleteFrom('imports').where('id', '=', importId));
    return { removedSalesLines: lines, removedCustomers: customers };
  }).immediate();
}

/** The customers the import created that no sales line or customer-level row refers to. */
const createdAndUnused =
  (importId: number) =>
  (eb: ExpressionBuilder<DB, 'customers'>) =>
    eb.and([
      eb('customers.import_id', '=', importId),
      eb.not(eb.exists(eb.selectFrom('sales_lines as s').select('s.id').whereRef('s.customer_id', '=', 'customers.id'))),
      eb.not(eb.exists(eb.selectFrom('customer_spend as p').select('p.customer_id').whereRef('p.customer_id', '=', 'customers.id'))),
    ]);

/**
 * The catalogue products an import created, when no sales line names them.
 * sales_lines has no index on product_id: every import would pay for one
 * (Online Retail: 4.8 s → 5.9 s), and without it SQLite scans all lines for
 * each product deleted, to check the foreign key (2,000 products over 540,000
 * lines: 98 s). Deleting a catalogue is rare, so it builds the index, uses it
 * and drops it, inside the deletion's transaction (0.2 s for those lines).
 */
function deleteCreatedProducts(db: Database, importId: number): void {
  if (first(db, q.selectFrom('products').select('id').where('import_id', '=', importId).limit(1)) === undefined) return;
  db.exec('CREATE INDEX sales_lines_product_while_deleting ON sales_lines (product_id)');
  run(
    db,
    q
      .deleteFrom('products')
      .where('import_id', '=', importId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('sales_lines as s').select('s.id').whereRef('s.product_id', '=', 'products.id')))),
  );
  db.exec('DROP INDEX sales_lines_product_while_deleting');
  run(db, q.updateTable('products').set({ import_id: null }).where('import_id', '=', importId));
}

/**
 * The outlets an import added: removed when no sale, customer or
 * customer-level row refers to them any more; the others are handed to
 * another import that uses them (removed with that one), or to none.
 */
function deleteCreatedOutlets(db: Database, importId: number): void {
  removeUnusedOutlets(db, importId);
  const owned = all(db, q.selectFrom('outlets').select('id').where('import_id', '=', importId));
  for (const { id } of owned) {
    const other = first(
      db,
      q.selectNoFrom((eb) =>
        eb.fn
          .coalesce(
            eb.selectFrom('customer_spend').select('import_id').where('outlet_id', '=', id).where('import_id', '<>', importId).limit(1).$asScalar(),
            eb.selectFrom('customers').select('import_id').where('home_outlet_id', '=', id).where('import_id', '<>', importId).limit(1).$asScalar(),
            eb.selectFrom('sales_lines').select('import_id').where('outlet_id', '=', id).where('import_id', '<>', importId).limit(1).$asScalar(),
          )
          .as('importId'),
      ),
    );
    run(db, q.updateTable('outlets').set({ import_id: other?.importId ?? null }).where('id', '=', id));
  }
}

/**
 * Removes the outlets this import added that nothing refers to, and their
 * remembered spellings; returns their names. sales_daily stands in for
 * sales_lines, which has no index on the outlet.
 */
export function removeUnusedOutlets(db: Database, importId: number): string[] {
  const unused = all(
    db,
    q
      .selectFrom('outlets as o')
      .select(['o.id', 'o.name'])
      .where('o.import_id', '=', importId)
      .where((eb) =>
        eb.and([
          eb.not(eb.exists(eb.selectFrom('sales_daily as d').select('d.day').whereRef('d.outlet_id', '=', 'o.id'))),
          eb.not(eb.exists(eb.selectFrom('customers as c').select('c.id').whereRef('c.home_outlet_id', '=', 'o.id'))),
          eb.not(eb.exists(eb.selectFrom('customer_spend as p').select('p.customer_id').whereRef('p.outlet_id', '=', 'o.id'))),
        ]),
      ),
  );
  for (const o of unused) deleteOutletRow(db, o.id);
  return unused.map((o) => o.name);
}

export type EarlierImport = NonNullable<ImportCheck['previousImport']>;

/** The newest file import with this content hash, if the same file was imported before. */
export function findImportByHash(db: Database, contentHash: string): EarlierImport | null {
  if (!contentHash) return null;
  const row = first(
    db,
    q
      .selectFrom('imports')
      .select(['id as importId', 'source_name as sourceName', 'finished_at as finishedAt'])
      .where('content_hash', '=', contentHash)
      .where('kind', '=', 'file')
      .orderBy('id', 'desc')
      .limit(1),
  );
  return row ?? null;
}

/** Whether the demo data is in the database (it must go before real data comes in). */
export function demoLoaded(db: Database): boolean {
  return first(db, q.selectFrom('imports').select('id').where('kind', '=', 'demo').limit(1)) !== undefined;
}

export function demoImportIds(db: Database): number[] {
  return all(db, q.selectFrom('imports').select('id').where('kind', '=', 'demo')).map((r) => r.id);
}

export function anyImport(db: Database): boolean {
  return first(db, q.selectFrom('imports').select('id').limit(1)) !== undefined;
}

export function importExists(db: Database, importId: number): boolean {
  return first(db, q.selectFrom('imports').select('id').where('id', '=', importId)) !== undefined;
}

/** A number the import's summary JSON holds (0 in summaries written before it was counted). */
const summaryCount = (key: string) => sql<number>`coalesce(json_extract(summary, ${`$.${key}`}), 0)`;

/** Every import, newest first, as Import Data lists them. */
export function importList(db: Database): ImportList['imports'] {
  const rows = all(
    db,
    q
      .selectFrom('imports')
      .select([
        'id as importId',
        'kind',
        'source_name as sourceName',
        'shape',
        'finished_at as finishedAt',
        'rows_read as rowsRead',
        'rows_imported as rowsImported',
        summaryCount('rejected').as('rejected'),
        'first_sale as firstSale',
        'last_sale as lastSale',
        summaryCount('noValue').as('noValue'),
      ])
      .orderBy('id', 'desc'),
  );
  return rows.map((i) => ({ ...i, shape: i.shape as ImportList['imports'][number]['shape'], noValue: i.noValue === 1 }));
}

/** The import's file name and how many rows of it were rejected; undefined when it is gone. */
export function importHeadRow(db: Database, importId: number): { sourceName: string; rejected: number } | undefined {
  return first(db, q.selectFrom('imports').select(['source_name as sourceName', summaryCount('rejected').as('rejected')]).where('id', '=', importId));
}

/** How many rejected rows the import's report keeps. */
export function importErrorCount(db: Database, importId: number): number {
  return first(db, q.selectFrom('import_errors').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', importId))?.n ?? 0;
}

const importErrors = (importId: number) =>
  q.selectFrom('import_errors').select(['row_number as row', 'column_name as column', 'value', 'reason']).where('import_id', '=', importId).orderBy('row_number');

/** One page of the import's rejected rows, in file order. */
export function importErrorPage(db: Database, importId: number, offset: number, limit: number): ImportReport['rows'] {
  return all(db, importErrors(importId).limit(limit).offset(offset));
}

/** All of the import's rejected rows, in file order, one at a time (for the CSV download). */
export function eachImportError(db: Database, importId: number): IterableIterator<ImportReport['rows'][number]> {
  return iterate(db, importErrors(importId));
}

/** The row of a file import being written (its counts filled in by `finishImport`); its id. */
export function startFileImport(db: Database, i: { sourceName: string; contentHash: string | null; shape: string; startedAt: string }): number {
  return Number(
    run(
      db,
      q.insertInto('imports').values({ kind: 'file', source_name: i.sourceName, content_hash: i.contentHash, shape: i.shape, started_at: i.startedAt, finished_at: i.startedAt }),
    ).lastInsertRowid,
  );
}

export function finishImport(
  db: Database,
  importId: number,
  done: { rowsRead: number; rowsImported: number; firstSale: string | null; lastSale: string | null; finishedAt: string; summary?: string },
): void {
  run(
    db,
    q
      .updateTable('imports')
      .set({
        rows_read: done.rowsRead,
        rows_imported: done.rowsImported,
        first_sale: done.firstSale,
        last_sale: done.lastSale,
        finished_at: done.finishedAt,
        summary: done.summary,
      })
      .where('id', '=', importId),
  );
}

/** The user's own file imports (not the demo), but `except`. */
export function fileImportIds(db: Database, except: number | null): number[] {
  return all(db, q.selectFrom('imports').select('id').where('kind', '=', 'file').where('id', 'is not', except)).map((r) => r.id);
}

/** Whether a product catalogue was ever imported. */
export function anyCatalogueImport(db: Database): boolean {
  return first(db, q.selectFrom('imports').select('id').where('shape', '=', 'products').limit(1)) !== undefined;
}

/** The demo set's import row (filled in by `finishImport`); its id. */
export function startDemoImport(db: Database, customers: number, startedAt: string): number {
  return Number(
    run(
      db,
      q.insertInto('imports').values({ kind: 'demo', source_name: `Demo data: Octave Supermarkets, ${customers.toLocaleString('en-LK')} customers`, started_at: startedAt, finished_at: startedAt }),
    ).lastInsertRowid,
  );
}

/** The first and last sale of one import's lines. */
export function importSaleRange(db: Database, importId: number): { first: string | null; last: string | null } {
  return (
    first(db, q.selectFrom('sales_lines').select((eb) => [eb.fn.min('sold_at').as('first'), eb.fn.max('sold_at').as('last')]).where('import_id', '=', importId)) ?? {
      first: null,
      last: null,
    }
  );
}
