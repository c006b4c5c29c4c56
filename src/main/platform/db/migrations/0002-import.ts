import outletList from '../../../../../resources/outlets.json';
import type { Migration } from './types';

/**
 * What importing real exports needs: the chain's canonical outlets (so a
 * file's spellings have something to be matched to), an identity per sales
 * line (so a line imported twice is recognised), the import report, and the
 * user's remembered decisions: outlet spellings, category rules, column mappings.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'import',
  up(db) {
    db.exec(`
      ALTER TABLE imports ADD COLUMN shape TEXT;
      -- The import's summary as the user saw it (JSON): counts by reason, decisions.
      ALTER TABLE imports ADD COLUMN summary TEXT;
      CREATE INDEX imports_content_hash ON imports (content_hash);

      -- A hash of the line's normalised values (invoice, customer, outlet,
      -- product, description, quantity, amount); with sold_at it identifies
      -- a line across imports. Leading with sold_at keeps index writes near
      -- the end of the b-tree for exports that come in date order.
      ALTER TABLE sales_lines ADD COLUMN line_key INTEGER;
      CREATE UNIQUE INDEX sales_lines_identity ON sales_lines (sold_at, line_key) WHERE line_key IS NOT NULL;

      CREATE TABLE import_errors (
        import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        row_number  INTEGER NOT NULL,
        column_name TEXT,
        value       TEXT,
        reason      TEXT NOT NULL
      );
      CREATE INDEX import_errors_import ON import_errors (import_id, row_number);

      -- A spelling seen in a file (normalised) and what the user decided it is.
      CREATE TABLE outlet_aliases (
        spelling  TEXT PRIMARY KEY,
        outlet_id INTEGER REFERENCES outlets (id) ON DELETE CASCADE,
        rejected  INTEGER NOT NULL DEFAULT 0 CHECK (rejected IN (0, 1)),
        CHECK ((outlet_id IS NULL) = (rejected = 1))
      ) WITHOUT ROWID;

      -- A source category or department (normalised) and the sales category it counts as.
      CREATE TABLE category_rules (
        source      TEXT PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES categories (id)
      ) WITHOUT ROWID;

      CREATE TABLE column_mappings (
        id               INTEGER PRIMARY KEY,
        name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
        shape            TEXT NOT NULL,
        header_signature TEXT NOT NULL,
        mapping          TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX column_mappings_signature ON column_mappings (header_signature);
    `);
    // raw: a migration runs against the schema of its own time, not the generated types of the newest.
    const insert = db.prepare('INSERT INTO outlets (name, city, province) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
    for (const o of outletList) insert.run(o.name, o.city, o.province);
  },
};
