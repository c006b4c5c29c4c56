import type { Migration } from './types';

/**
 * Sales lines without a value: a loyalty purchase history says who bought
 * what and when, but not for how much. Such a line's amount is unknown, and
 * NULL is how SQL says unknown: sums skip it, count(amount_cents) counts
 * only valued lines, and nothing can mistake it for a free sale. (A flag
 * beside a stored 0 would leave every query that forgets the flag silently
 * wrong.) SQLite cannot drop a NOT NULL constraint in place, so sales_lines
 * is rebuilt, inside the migrations' one transaction: a crash leaves the old
 * table. Its indexes are built after the copy, which is faster than
 * updating them row by row.
 *
 * Also, so that every view can speak in items when the money is missing:
 * - sales_daily counts items (the sum of quantities, returns negative) and
 *   the lines without a value, per day, outlet and category;
 * - a model version records what its customers are measured by ('money',
 *   or 'items' when lines in its window have no value);
 * - each segmented customer's items in the window, in total and per
 *   category, for the filters and the customer table.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'unvalued-lines',
  up(db) {
    db.exec(`
      CREATE TABLE sales_lines_valued_or_not (
        id           INTEGER PRIMARY KEY,
        import_id    INTEGER NOT NULL REFERENCES imports (id),
        sold_at      TEXT NOT NULL,
        basket       TEXT,
        customer_id  INTEGER REFERENCES customers (id),
        outlet_id    INTEGER NOT NULL REFERENCES outlets (id),
        product_id   INTEGER REFERENCES products (id),
        category_id  INTEGER NOT NULL REFERENCES categories (id),
        quantity     REAL NOT NULL,
        -- NULL: the export had no price or amount for this line (unknown, not zero).
        amount_cents INTEGER,
        line_key     INTEGER
      );
      INSERT INTO sales_lines_valued_or_not (id, import_id, sold_at, basket, customer_id, outlet_id, product_id, category_id, quantity, amount_cents, line_key)
        SELECT id, import_id, sold_at, basket, customer_id, outlet_id, product_id, category_id, quantity, amount_cents, line_key FROM sales_lines ORDER BY id;
      DROP TABLE sales_lines;
      ALTER TABLE sales_lines_valued_or_not RENAME TO sales_lines;
      CREATE INDEX sales_lines_customer ON sales_lines (customer_id, sold_at);
      CREATE INDEX sales_lines_import ON sales_lines (import_id);
      CREATE UNIQUE INDEX sales_lines_identity ON sales_lines (sold_at, line_key) WHERE line_key IS NOT NULL;

      ALTER TABLE sales_daily ADD COLUMN items REAL NOT NULL DEFAULT 0;
      ALTER TABLE sales_daily ADD COLUMN unvalued INTEGER NOT NULL DEFAULT 0;
      UPDATE sales_daily SET items = t.items
        FROM (SELECT substr(sold_at, 1, 10) AS day, outlet_id, category_id, total(quantity) AS items
              FROM sales_lines GROUP BY 1, 2, 3) AS t
        WHERE sales_daily.day = t.day AND sales_daily.outlet_id = t.outlet_id AND sales_daily.category_id = t.category_id;

      ALTER TABLE model_versions ADD COLUMN measure TEXT NOT NULL DEFAULT 'money' CHECK (measure IN ('money', 'items'));

      ALTER TABLE customer_segments ADD COLUMN items REAL;
      ALTER TABLE customer_segments ADD COLUMN fresh_items REAL;
      ALTER TABLE customer_segments ADD COLUMN dry_items REAL;
      ALTER TABLE customer_segments ADD COLUMN luxury_items REAL;
    `);
  },
};
