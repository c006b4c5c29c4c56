import type { Database } from 'better-sqlite3';
import { setMeta } from '../../platform/meta';
import { deleteImport, type RemovedCounts } from '../sales/imports';
import { demoProducts } from './catalogue';

/**
 * Removes the demo set (its sales, customers and demo products) and
 * remembers that the user does not want it back at the next start. Trained
 * models stay, with their segments listed: a model is the user's work (names
 * given, campaigns planned) and can assign the user's own customers; the
 * demo customers' assignments go with the customers. When no customer is
 * left, the Segmentation screen says the data no longer supports the model.
 */
export function clearDemoData(db: Database): RemovedCounts {
  return db.transaction(() => {
    const demoImports = db.prepare("SELECT id FROM imports WHERE kind = 'demo'").pluck().all() as number[];
    const removed: RemovedCounts = { removedSalesLines: 0, removedCustomers: 0 };
    for (const id of demoImports) {
      const r = deleteImport(db, id);
      removed.removedSalesLines += r.removedSalesLines;
      removed.removedCustomers += r.removedCustomers;
    }
    const deleteProduct = db.prepare(
      'DELETE FROM products WHERE code = ? AND NOT EXISTS (SELECT 1 FROM sales_lines s WHERE s.product_id = products.id)',
    );
    for (const p of demoProducts) deleteProduct.run(p.code);
    setMeta(db, 'demo_dismissed', '1');
    return removed;
  }).immediate();
}
