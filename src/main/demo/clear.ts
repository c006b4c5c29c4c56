import type { Database } from 'better-sqlite3';
import { setMeta } from '../meta';
import { deleteImport, type RemovedCounts } from '../sales/imports';
import { demoProducts } from './catalogue';

/**
 * Removes the demo set (its sales, customers and demo products) and every
 * segmentation model (each was trained on demo customers, as the two never
 * mix), and remembers that the user does not want it back at the next start.
 */
export function clearDemoData(db: Database): RemovedCounts {
  return db.transaction(() => {
    db.exec('DELETE FROM customer_segments; DELETE FROM segments; DELETE FROM model_drift; DELETE FROM model_versions');
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
