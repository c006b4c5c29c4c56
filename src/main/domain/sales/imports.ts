import type { Database } from 'better-sqlite3';
import { subtractImportFromDaily } from './daily';
import type { ImportCheck } from '../../../shared/importViews';

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
    const lines = db.prepare('DELETE FROM sales_lines WHERE import_id = ?').run(importId).changes;
    db.prepare('DELETE FROM customer_spend WHERE import_id = ?').run(importId);
    // A removed customer leaves the active segmentation too (its counts are refreshed by the next assignment).
    db.prepare(
      `DELETE FROM customer_segments WHERE customer_id IN (
         SELECT id FROM customers WHERE import_id = ?
         AND NOT EXISTS (SELECT 1 FROM sales_lines s WHERE s.customer_id = customers.id)
         AND NOT EXISTS (SELECT 1 FROM customer_spend p WHERE p.customer_id = customers.id))`,
    ).run(importId);
    const customers = db
      .prepare(
        `DELETE FROM customers WHERE import_id = ?
         AND NOT EXISTS (SELECT 1 FROM sales_lines s WHERE s.customer_id = customers.id)
         AND NOT EXISTS (SELECT 1 FROM customer_spend p WHERE p.customer_id = customers.id)`,
      )
      .run(importId).changes;
    db.prepare('UPDATE customers SET import_id = NULL WHERE import_id = ?').run(importId);
    deleteCreatedProducts(db, importId);
    if (options.keepOutlets) db.prepare('UPDATE outlets SET import_id = NULL WHERE import_id = ?').run(importId);
    else deleteCreatedOutlets(db, importId);
    db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
    return { removedSalesLines: lines, removedCustomers: customers };
  }).immediate();
}

/**
 * The catalogue products an import created, when no sales line names them.
 * sales_lines has no index on product_id: every import would pay for one
 * (Online Retail: 4.8 s → 5.9 s), and without it SQLite scans all lines for
 * each product deleted, to check the foreign key (2,000 products over 540,000
 * lines: 98 s). Deleting a catalogue is rare, so it builds the index, uses it
 * and drops it, inside the deletion's transaction (0.2 s for those lines).
 */
function deleteCreatedProducts(db: Database, importId: number): void {
  if (db.prepare('SELECT 1 FROM products WHERE import_id = ? LIMIT 1').get(importId) === undefined) return;
  db.exec('CREATE INDEX sales_lines_product_while_deleting ON sales_lines (product_id)');
  db.prepare('DELETE FROM products WHERE import_id = ? AND NOT EXISTS (SELECT 1 FROM sales_lines s WHERE s.product_id = products.id)').run(importId);
  db.exec('DROP INDEX sales_lines_product_while_deleting');
  db.prepare('UPDATE products SET import_id = NULL WHERE import_id = ?').run(importId);
}

/**
 * The outlets an import added: removed when no sale, customer or
 * customer-level row refers to them any more; the others are handed to
 * another import that uses them (removed with that one), or to none.
 */
function deleteCreatedOutlets(db: Database, importId: number): void {
  removeUnusedOutlets(db, importId);
  const otherImport = db.prepare(
    `SELECT coalesce(
       (SELECT import_id FROM customer_spend WHERE outlet_id = @outlet AND import_id <> @import LIMIT 1),
       (SELECT import_id FROM customers WHERE home_outlet_id = @outlet AND import_id <> @import LIMIT 1),
       (SELECT import_id FROM sales_lines WHERE outlet_id = @outlet AND import_id <> @import LIMIT 1))`,
  ).pluck();
  const handOver = db.prepare('UPDATE outlets SET import_id = ? WHERE id = ?');
  for (const id of db.prepare('SELECT id FROM outlets WHERE import_id = ?').pluck().all(importId) as number[]) {
    handOver.run(otherImport.get({ outlet: id, import: importId }) ?? null, id);
  }
}

/**
 * Removes the outlets this import added that nothing refers to, and their
 * remembered spellings; returns their names. sales_daily stands in for
 * sales_lines, which has no index on the outlet.
 */
export function removeUnusedOutlets(db: Database, importId: number): string[] {
  const unused = db
    .prepare(
      `SELECT id, name FROM outlets o WHERE import_id = ?
       AND NOT EXISTS (SELECT 1 FROM sales_daily d WHERE d.outlet_id = o.id)
       AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.home_outlet_id = o.id)
       AND NOT EXISTS (SELECT 1 FROM customer_spend p WHERE p.outlet_id = o.id)`,
    )
    .all(importId) as Array<{ id: number; name: string }>;
  for (const o of unused) {
    db.prepare('DELETE FROM outlet_aliases WHERE outlet_id = ?').run(o.id);
    db.prepare('DELETE FROM outlets WHERE id = ?').run(o.id);
  }
  return unused.map((o) => o.name);
}

export type EarlierImport = NonNullable<ImportCheck['previousImport']>;

/** The newest file import with this content hash, if the same file was imported before. */
export function findImportByHash(db: Database, contentHash: string): EarlierImport | null {
  if (!contentHash) return null;
  const row = db
    .prepare(
      `SELECT id AS importId, source_name AS sourceName, finished_at AS finishedAt FROM imports
       WHERE content_hash = ? AND kind = 'file' ORDER BY id DESC LIMIT 1`,
    )
    .get(contentHash) as EarlierImport | undefined;
  return row ?? null;
}
