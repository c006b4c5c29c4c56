import type { Database } from 'better-sqlite3';
import { BatchInsert } from '../../platform/db/batch';
import { checkpointAfterLargeWrite } from '../../platform/db/checkpoint';
import { DailyTotals } from '../sales/daily';
import { throwIfCancelled, type JobContext } from '../../platform/jobs/types';
import { demoProducts } from './catalogue';
import { DemoGenerator, demoOutlets, type DemoOptions } from './generator';
import { first, q, run as write } from '../../platform/db/query';
import { categoryIds } from '../categories/rules';
import { outletIdByName } from '../outlets/service';
import { finishImport, importSaleRange, startDemoImport } from '../sales/imports';

export interface DemoLoadResult {
  importId: number;
  customers: number;
  salesLines: number;
  firstSale: string;
  lastSale: string;
}

const batchCustomers = 500;

/**
 * Writes the demo chain into the database in one transaction: outlets,
 * products, customers and a year of sales. Stopping it (signal) or a crash
 * rolls everything back, so the database is as it was before.
 */
export function loadDemoData(db: Database, options: DemoOptions, job: JobContext): DemoLoadResult {
  const generator = new DemoGenerator(options);
  const total = generator.options.customers;
  const startedAt = new Date().toISOString();
  job.onProgress({ step: 'Preparing the demo chain', current: 0, total });

  const run = db.transaction((): DemoLoadResult => {
    // Rows go in batches, sales lines before the batch holding their customer: check references at commit.
    db.pragma('defer_foreign_keys = ON');
    const outletIds = upsertOutlets(db);
    const productIds = upsertProducts(db);
    const ids = categoryIds(db);
    const productCategory = demoProducts.map((p) => ids.get(p.category) as number);
    const importId = startDemoImport(db, total, startedAt);
    // Inside this immediate transaction no one else writes, so customer ids can be given out here.
    let nextCustomerId = (first(db, q.selectFrom('customers').select((eb) => eb.fn.max('id').as('id')))?.id ?? 0) + 1;
    const customers = new BatchInsert(db, 'customers', ['id', 'code', 'age', 'gender', 'home_outlet_id', 'joined_on', 'import_id']);
    const salesLines = new BatchInsert(db, 'sales_lines', [
      'import_id', 'sold_at', 'basket', 'customer_id', 'outlet_id', 'product_id', 'category_id', 'quantity', 'amount_cents',
    ]);
    const daily = new DailyTotals();
    let lineCount = 0;
    for (let i = 0; i < total; i++) {
      const { customer, lines } = generator.customer(i);
      const customerId = nextCustomerId++;
      customers.add(customerId, customer.code, customer.age, customer.gender, outletIds[customer.homeOutlet], customer.joinedOn, importId);
      for (const line of lines) {
        const outletId = outletIds[line.outlet] as number;
        const categoryId = productCategory[line.product] as number;
        salesLines.add(
          importId,
          line.soldAt,
          line.basket,
          customerId,
          outletId,
          productIds[line.product],
          categoryId,
          line.quantity,
          line.amountCents,
        );
        daily.add(line.soldAt, outletId, categoryId, line.amountCents, line.quantity);
      }
      lineCount += lines.length;
      if ((i + 1) % batchCustomers === 0 || i + 1 === total) {
        job.onProgress({ step: 'Writing customers and sales', current: i + 1, total });
        throwIfCancelled(job.signal);
      }
    }
    customers.flush();
    salesLines.flush();
    job.onProgress({ step: 'Summarising sales', current: total, total });
    daily.write(db);
    // The generator writes at least one line per customer, so the range is never empty.
    const range = importSaleRange(db, importId) as { first: string; last: string };
    finishImport(db, importId, { rowsRead: lineCount, rowsImported: lineCount, firstSale: range.first, lastSale: range.last, finishedAt: new Date().toISOString() });
    throwIfCancelled(job.signal);
    return { importId, customers: total, salesLines: lineCount, firstSale: range.first, lastSale: range.last };
  });
  const result = run.immediate();
  db.pragma('optimize');
  checkpointAfterLargeWrite(db);
  return result;
}

function upsertOutlets(db: Database): number[] {
  return demoOutlets.map((o) => {
    write(db, q.insertInto('outlets').values({ name: o.name, city: o.city, province: o.province }).onConflict((oc) => oc.column('name').doNothing()));
    return outletIdByName(db, o.name) as number;
  });
}

function upsertProducts(db: Database): number[] {
  const ids = categoryIds(db);
  return demoProducts.map((p) => {
    write(
      db,
      q
        .insertInto('products')
        .values({ code: p.code, name: p.name, category_id: ids.get(p.category) as number, unit_price_cents: p.price * 100 })
        .onConflict((oc) => oc.column('code').doNothing()),
    );
    return (first(db, q.selectFrom('products').select('id').where('code', '=', p.code)) as { id: number }).id;
  });
}
