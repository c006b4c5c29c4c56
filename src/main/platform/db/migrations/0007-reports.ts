import type { Migration } from './types';

/**
 * The History tab: every report saved, with what made it (segment, model,
 * filters, format, which customers) so it can be made again, where it went,
 * who made it and when. `version` counts reports of the same segment,
 * filters and format: overwriting keeps it, a new version adds one.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'reports',
  up(db) {
    db.exec(`
      CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        segment_name TEXT NOT NULL,
        model_id INTEGER NOT NULL,
        segment INTEGER NOT NULL,
        filters TEXT NOT NULL,
        filter_words TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx')),
        rows TEXT NOT NULL,
        customers INTEGER NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        version INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX reports_same ON reports (model_id, segment, format, filters);
    `);
  },
};
