import type { Migration } from './types';

/**
 * The first schema: the chain (outlets, categories, products), its customers,
 * sales lines as they come from a till or loyalty export, the imports that
 * brought them in, and a daily pre-aggregate that keeps dashboard totals
 * instant at 20 million lines.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE outlets (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
        city     TEXT NOT NULL,
        province TEXT NOT NULL
      );

      CREATE TABLE categories (
        id   INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (code IN ('fresh', 'dry', 'luxury', 'other')),
        name TEXT NOT NULL
      );
      INSERT INTO categories (id, code, name) VALUES
        (1, 'fresh', 'Fresh'), (2, 'dry', 'Dry'), (3, 'luxury', 'Luxury'), (4, 'other', 'Other');

      -- Only finished imports are ever committed: an import is one transaction.
      CREATE TABLE imports (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('demo', 'file')),
        source_name   TEXT NOT NULL,
        content_hash  TEXT,
        rows_read     INTEGER NOT NULL DEFAULT 0,
        rows_imported INTEGER NOT NULL DEFAULT 0,
        first_sale    TEXT,
        last_sale     TEXT,
        started_at    TEXT NOT NULL,
        finished_at   TEXT NOT NULL
      );

      CREATE TABLE products (
        id               INTEGER PRIMARY KEY,
        code             TEXT NOT NULL UNIQUE,
        name             TEXT NOT NULL,
        category_id      INTEGER NOT NULL REFERENCES categories (id),
        unit_price_cents INTEGER
      );

      CREATE TABLE customers (
        id             INTEGER PRIMARY KEY,
        code           TEXT NOT NULL UNIQUE,
        age            INTEGER CHECK (age IS NULL OR age BETWEEN 10 AND 120),
        gender         TEXT CHECK (gender IS NULL OR gender IN ('F', 'M', 'X')),
        home_outlet_id INTEGER REFERENCES outlets (id),
        joined_on      TEXT,
        import_id      INTEGER REFERENCES imports (id)
      );
      CREATE INDEX customers_home_outlet ON customers (home_outlet_id);
      CREATE INDEX customers_import ON customers (import_id);

      -- Amounts in cents (exact sums); negative amounts are returns.
      -- sold_at is the outlet's local time, 'YYYY-MM-DD HH:MM:SS'.
      CREATE TABLE sales_lines (
        id           INTEGER PRIMARY KEY,
        import_id    INTEGER NOT NULL REFERENCES imports (id),
        sold_at      TEXT NOT NULL,
        basket       TEXT,
        customer_id  INTEGER REFERENCES customers (id),
        outlet_id    INTEGER NOT NULL REFERENCES outlets (id),
        product_id   INTEGER REFERENCES products (id),
        category_id  INTEGER NOT NULL REFERENCES categories (id),
        quantity     REAL NOT NULL,
        amount_cents INTEGER NOT NULL
      );
      CREATE INDEX sales_lines_customer ON sales_lines (customer_id, sold_at);
      CREATE INDEX sales_lines_import ON sales_lines (import_id);

      CREATE TABLE sales_daily (
        day          TEXT NOT NULL,
        outlet_id    INTEGER NOT NULL REFERENCES outlets (id),
        category_id  INTEGER NOT NULL REFERENCES categories (id),
        lines        INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL,
        PRIMARY KEY (day, outlet_id, category_id)
      ) WITHOUT ROWID;
    `);
  },
};
