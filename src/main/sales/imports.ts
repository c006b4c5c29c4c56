import type { Database } from 'better-sqlite3';
import { subtractImportFromDaily } from './daily';

export interface RemovedCounts {
  removedSalesLines: number;
  removedCustomers: number;
}

/**
 * Removes one import and exactly what it brought: its sales lines, the
 * and the customers it created that no other import's lines refer to.
 * Outlets and products are the chain's catalogue and stay. One transaction.
 */
export function deleteImport(db: Database, importId: number): RemovedCounts {
  return db.transaction(() => {
    subtractImportFromDaily(db, importId);
    const lines = db.prepare('DELETE FROM sales_lines WHERE import_id = ?').run(importId).changes;
    const customers = db
      .prepare(
        `DELETE FROM customers WHERE import_id = ?
         AND NOT EXISTS (SELECT 1 FROM sales_lines s WHERE s.customer_id = customers.id)`,
      )
      .run(importId).changes;
    db.prepare('UPDATE customers SET import_id = NULL WHERE import_id = ?').run(importId);
    db.prepare('DELETE FROM imports WHERE id = ?').run(importId);
    return { removedSalesLines: lines, removedCustomers: customers };
  })();
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
