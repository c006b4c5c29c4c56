import type { Migration } from './types';

/**
 * Which import added an outlet (NULL: the chain's own, or added in Settings),
 * so deleting that import removes the outlets only it brought, and guesses at
 * a misspelt name never land on an outlet an earlier file happened to add.
 * Outlets added by imports before this version cannot be told apart from ones
 * added in Settings and are kept as the chain's. And the district of an outlet
 * added for a known town (from the gazetteer).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'outlet-origin',
  up(db) {
    db.exec(`
      ALTER TABLE outlets ADD COLUMN import_id INTEGER REFERENCES imports (id);
      ALTER TABLE outlets ADD COLUMN district TEXT;
      CREATE INDEX outlets_import ON outlets (import_id) WHERE import_id IS NOT NULL;
    `);
  },
};
