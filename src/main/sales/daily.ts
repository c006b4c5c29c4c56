import type { Database } from 'better-sqlite3';

/**
 * Keeps `sales_daily` (lines and amount per day, outlet and category) in step
 * with `sales_lines`, so dashboard totals never scan millions of lines.
 * Importers add what they wrote; deleting an import subtracts what it had.
 */
export class DailyTotals {
  /** day → (outlet id, category id) → totals; numeric inner keys keep the hot path free of string building. */
  private readonly days = new Map<string, Map<number, { outletId: number; categoryId: number; lines: number; cents: number }>>();

  add(soldAt: string, outletId: number, categoryId: number, amountCents: number): void {
    const day = soldAt.slice(0, 10);
    let cells = this.days.get(day);
    if (!cells) {
      cells = new Map();
      this.days.set(day, cells);
    }
    const key = outletId * 1024 + categoryId;
    const cell = cells.get(key);
    if (cell) {
      cell.lines++;
      cell.cents += amountCents;
    } else {
      cells.set(key, { outletId, categoryId, lines: 1, cents: amountCents });
    }
  }

  /** Adds the collected totals to the table; call inside the import's transaction. */
  write(db: Database): void {
    const upsert = db.prepare(
      `INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, outlet_id, category_id)
       DO UPDATE SET lines = lines + excluded.lines, amount_cents = amount_cents + excluded.amount_cents`,
    );
    for (const [day, cells] of this.days) {
      for (const c of cells.values()) upsert.run(day, c.outletId, c.categoryId, c.lines, c.cents);
    }
  }
}

/** Subtracts an import's lines from the daily totals; call before deleting those lines. */
export function subtractImportFromDaily(db: Database, importId: number): void {
  db.prepare(
    `INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents)
     SELECT substr(sold_at, 1, 10), outlet_id, category_id, -count(*), -sum(amount_cents)
     FROM sales_lines WHERE import_id = ? GROUP BY 1, 2, 3
     ON CONFLICT (day, outlet_id, category_id)
     DO UPDATE SET lines = lines + excluded.lines, amount_cents = amount_cents + excluded.amount_cents`,
  ).run(importId);
  db.prepare('DELETE FROM sales_daily WHERE lines <= 0').run();
}
