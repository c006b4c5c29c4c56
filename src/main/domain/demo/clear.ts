import type { Database } from 'better-sqlite3';
import { setMeta } from '../../platform/meta';
import { q, run } from '../../platform/db/query';
import { deleteImport, demoImportIds, type RemovedCounts } from '../sales/imports';
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
    const demoImports = demoImportIds(db);
    const removed: RemovedCounts = { removedSalesLines: 0, removedCustomers: 0 };
    for (const id of demoImports) {
      const r = deleteImport(db, id);
      removed.removedSalesLines += r.removedSalesLines;
      removed.removedCustomers += r.removedCustomers;
    }
    for (const p of demoProducts) {
      run(
        db,
        q
          .deleteFrom('products')
          .where('code', '=', p.code)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('sales_lines as s').select('s.id').whereRef('s.product_id', '=', 'products.id')))),
      );
    }
    setMeta(db, 'demo_dismissed', '1');
    return removed;
  }).immediate();
}
