import type { Migration } from './types';

/**
 * A customer-level export's spend cell that cannot be read ("lots",
 * "see notes") is stored as unknown (NULL) rather than costing the
 * customer the whole row, or being taken as 0. SQLite cannot drop a NOT
 * NULL constraint, so the table is made again with the same rows.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'unknown-spend',
  up(db) {
    db.exec(`
      CREATE TABLE customer_spend_new (
        customer_id    INTEGER PRIMARY KEY REFERENCES customers (id),
        import_id      INTEGER NOT NULL REFERENCES imports (id),
        outlet_id      INTEGER NOT NULL REFERENCES outlets (id),
        fresh_cents    INTEGER CHECK (fresh_cents IS NULL OR fresh_cents >= 0),
        dry_cents      INTEGER CHECK (dry_cents IS NULL OR dry_cents >= 0),
        luxury_cents   INTEGER CHECK (luxury_cents IS NULL OR luxury_cents >= 0),
        other_cents    INTEGER CHECK (other_cents IS NULL OR other_cents >= 0),
        visits         INTEGER CHECK (visits IS NULL OR visits >= 1),
        first_purchase TEXT,
        last_purchase  TEXT,
        segment_label  TEXT,
        CHECK (first_purchase IS NULL OR last_purchase IS NULL OR first_purchase <= last_purchase)
      );
      INSERT INTO customer_spend_new SELECT customer_id, import_id, outlet_id, fresh_cents, dry_cents, luxury_cents, other_cents,
        visits, first_purchase, last_purchase, segment_label FROM customer_spend;
      DROP TABLE customer_spend;
      ALTER TABLE customer_spend_new RENAME TO customer_spend;
      CREATE INDEX customer_spend_import ON customer_spend (import_id);
      CREATE INDEX customer_spend_outlet ON customer_spend (outlet_id);
    `);
  },
};
