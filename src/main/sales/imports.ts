import type { Database } from 'better-sqlite3';
import { subtractImportFromDaily } from './daily';

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
 * earlier values are not kept). Outlets are the chain's and stay. One
 * transaction.
 */
export function deleteImport(db: Database, importId: number): RemovedCounts {
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

export interface EarlierImport {
  importId: number;
  sourceName: string;
  finishedAt: string;
}

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
