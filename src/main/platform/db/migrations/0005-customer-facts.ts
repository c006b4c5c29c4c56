import type { Migration } from './types';

/**
 * What the dashboard filters read for each segmented customer, kept beside
 * the customer's segment so one pass over one table answers every filter:
 * the last purchase (days since 1970-01-01), spend in the window in total and
 * per category (LKR), visits, and the outlets bought at (ids joined by
 * commas). NULL where the data cannot say (a customer-level import without
 * dates). Age, gender and home outlet stay in `customers`.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'customer-facts',
  up(db) {
    db.exec(`
      ALTER TABLE customer_segments ADD COLUMN last_day INTEGER;
      ALTER TABLE customer_segments ADD COLUMN spend REAL;
      ALTER TABLE customer_segments ADD COLUMN fresh REAL;
      ALTER TABLE customer_segments ADD COLUMN dry REAL;
      ALTER TABLE customer_segments ADD COLUMN luxury REAL;
      ALTER TABLE customer_segments ADD COLUMN visits INTEGER;
      ALTER TABLE customer_segments ADD COLUMN outlets TEXT;
    `);
  },
};
