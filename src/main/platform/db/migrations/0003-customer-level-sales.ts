import type { Migration } from './types';

/**
 * Customer-level sales (features a warehouse computed over its own sales
 * lines, one row per customer) and product catalogues. A catalogue's new
 * products remember the import that brought them, as customers do, so
 * deleting that import removes them when nothing refers to them.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'customer-level-sales',
  up(db) {
    db.exec(`
      -- Amounts in cents. other_cents, visits and the dates are NULL when the
      -- export had no such column: unknown, not zero. Dates are 'YYYY-MM-DD'.
      -- A customer imported again has its row replaced, import_id included.
      CREATE TABLE customer_spend (
        customer_id    INTEGER PRIMARY KEY REFERENCES customers (id),
        import_id      INTEGER NOT NULL REFERENCES imports (id),
        outlet_id      INTEGER NOT NULL REFERENCES outlets (id),
        fresh_cents    INTEGER NOT NULL CHECK (fresh_cents >= 0),
        dry_cents      INTEGER NOT NULL CHECK (dry_cents >= 0),
        luxury_cents   INTEGER NOT NULL CHECK (luxury_cents >= 0),
        other_cents    INTEGER CHECK (other_cents IS NULL OR other_cents >= 0),
        visits         INTEGER CHECK (visits IS NULL OR visits >= 1),
        first_purchase TEXT,
        last_purchase  TEXT,
        segment_label  TEXT,
        CHECK (first_purchase IS NULL OR last_purchase IS NULL OR first_purchase <= last_purchase)
      );
      CREATE INDEX customer_spend_import ON customer_spend (import_id);
      CREATE INDEX customer_spend_outlet ON customer_spend (outlet_id);

      -- The catalogue import that created the product; NULL for products
      -- created by sales lines or the demo, and once that import is deleted.
      ALTER TABLE products ADD COLUMN import_id INTEGER REFERENCES imports (id);
      CREATE INDEX products_import ON products (import_id);
    `);
  },
};
