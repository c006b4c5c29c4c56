import type { Database } from 'better-sqlite3';
import { first, q } from '../../platform/db/query';

/**
 * Keeps `sales_daily` (lines, amount, items and lines without a value per
 * day, outlet and category) in step with `sales_lines`, so dashboard totals
 * never scan millions of lines. Importers add what they wrote; deleting an
 * import subtracts what it had.
 */
export class DailyTotals {
  /** day → (outlet id, category id) → totals; numeric inner keys keep the hot path free of string building. */
  private readonly days = new Map<string, Map<number, { outletId: number; categoryId: number; lines: number; cents: number; items: number; unvalued: number }>>();

  /** `amountCents` null: a line without a value (it counts as items, never as LKR 0). */
  add(soldAt: string, outletId: number, categoryId: number, amountCents: number | null, quantity: number): void {
    const day = soldAt.slice(0, 10);
    let cells = this.days.get(day);
    if (!cells) {
      cells = new Map();
      this.days.set(day, cells);
    }
    const key = outletId * 1024 + categoryId;
    const cell = cells.get(key);
    const unvalued = amountCents === null ? 1 : 0;
    if (cell) {
      cell.lines++;
      cell.cents += amountCents ?? 0;
      cell.items += quantity;
      cell.unvalued += unvalued;
    } else {
      cells.set(key, { outletId, categoryId, lines: 1, cents: amountCents ?? 0, items: quantity, unvalued });
    }
  }

  /** Adds the collected totals to the table; call inside the import's transaction. */
  write(db: Database): void {
    // raw: an import writer: one upsert prepared once, run per day, outlet and category.
    const upsert = db.prepare(
      `INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents, items, unvalued) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, outlet_id, category_id)
       DO UPDATE SET lines = lines + excluded.lines, amount_cents = amount_cents + excluded.amount_cents,
                     items = items + excluded.items, unvalued = unvalued + excluded.unvalued`,
    );
    for (const [day, cells] of this.days) {
      for (const c of cells.values()) upsert.run(day, c.outletId, c.categoryId, c.lines, c.cents, c.items, c.unvalued);
    }
  }
}

/** Subtracts an import's lines from the daily totals; call before deleting those lines. */
export function subtractImportFromDaily(db: Database, importId: number): void {
  // raw: a set-based pass over up to millions of the import's lines, grouped in SQL.
  db.prepare(
    `INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents, items, unvalued)
     SELECT substr(sold_at, 1, 10), outlet_id, category_id, -count(*), -total(amount_cents), -total(quantity), -(count(*) - count(amount_cents))
     FROM sales_lines WHERE import_id = ? GROUP BY 1, 2, 3
     ON CONFLICT (day, outlet_id, category_id)
     DO UPDATE SET lines = lines + excluded.lines, amount_cents = amount_cents + excluded.amount_cents,
                   items = items + excluded.items, unvalued = unvalued + excluded.unvalued`,
  ).run(importId);
  // raw: part of the same subtraction, on the table the import writers keep.
  db.prepare('DELETE FROM sales_daily WHERE lines <= 0').run();
}

/** The newest day with a sale, 'YYYY-MM-DD'; null before the first import. */
export function lastSaleDay(db: Database): string | null {
  return first(db, q.selectFrom('sales_daily').select((eb) => eb.fn.max('day').as('day')))?.day ?? null;
}

/** The first and last sale's time as stored on the lines (the daily totals keep only days). */
export function saleRange(db: Database): { first: string | null; last: string | null } {
  return (
    first(db, q.selectFrom('sales_lines').select((eb) => [eb.fn.min('sold_at').as('first'), eb.fn.max('sold_at').as('last')])) ?? { first: null, last: null }
  );
}
