import type { Database } from 'better-sqlite3';
import { BatchInsert } from '../../platform/db/batch';
import { checkpointAfterLargeWrite } from '../../platform/db/checkpoint';
import { DailyTotals } from '../sales/daily';
import { throwIfCancelled, type JobContext } from '../../platform/jobs/types';
import { demoProducts } from './catalogue';
import { DemoGenerator, demoOutlets, type DemoOptions } from './generator';

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
    const categoryIds = new Map(
      (db.prepare('SELECT id, code FROM categories').all() as Array<{ id: number; code: string }>).map((r) => [r.code, r.id]),
    );
    const productCategory = demoProducts.map((p) => categoryIds.get(p.category) as number);
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (kind, source_name, started_at, finished_at)
           VALUES ('demo', 'Demo data: Octave Supermarkets, ' || ? || ' customers', ?, ?)`,
        )
        .run(total.toLocaleString('en-LK'), startedAt, startedAt).lastInsertRowid,
    );
    // Inside this immediate transaction no one else writes, so customer ids can be given out here.
    let nextCustomerId = ((db.prepare('SELECT max(id) FROM customers').pluck().get() as number | null) ?? 0) + 1;
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
    const range = db
      .prepare('SELECT min(sold_at) AS first, max(sold_at) AS last FROM sales_lines WHERE import_id = ?')
      .get(importId) as { first: string; last: string };
    db.prepare(
      `UPDATE imports SET rows_read = ?, rows_imported = ?, first_sale = ?, last_sale = ?, finished_at = ? WHERE id = ?`,
    ).run(lineCount, lineCount, range.first, range.last, new Date().toISOString(), importId);
    throwIfCancelled(job.signal);
    return { importId, customers: total, salesLines: lineCount, firstSale: range.first, lastSale: range.last };
  });
  const result = run.immediate();
  db.pragma('optimize');
  checkpointAfterLargeWrite(db);
  return result;
}

function upsertOutlets(db: Database): number[] {
  const insert = db.prepare('INSERT INTO outlets (name, city, province) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const find = db.prepare('SELECT id FROM outlets WHERE name = ?');
  return demoOutlets.map((o) => {
    insert.run(o.name, o.city, o.province);
    return (find.get(o.name) as { id: number }).id;
  });
}

function upsertProducts(db: Database): number[] {
  const categoryId = db.prepare('SELECT id FROM categories WHERE code = ?');
  const insert = db.prepare(
    'INSERT INTO products (code, name, category_id, unit_price_cents) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING',
  );
  const find = db.prepare('SELECT id FROM products WHERE code = ?');
  return demoProducts.map((p) => {
    const category = categoryId.get(p.category) as { id: number };
    insert.run(p.code, p.name, category.id, p.price * 100);
    return (find.get(p.code) as { id: number }).id;
  });
}
