import type { Migration } from './types';

/**
 * Who made each report, as an account rather than a display name (names
 * repeat and change): a user may delete only their own reports, an
 * administrator any. Reports saved before this have no known maker (a name
 * alone cannot say which account it was), so they stay NULL and only an
 * administrator may delete them. The command line's reports are NULL too.
 *
 * And refusals in the audit log: the same refusal repeated within a minute
 * is one entry with a count and the time of the last, so a window or script
 * that keeps asking cannot grow the log without bound.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'report-makers',
  up(db) {
    db.exec(`
      ALTER TABLE reports ADD COLUMN created_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
      ALTER TABLE audit_log ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1);
      ALTER TABLE audit_log ADD COLUMN last_at TEXT;
    `);
  },
};
