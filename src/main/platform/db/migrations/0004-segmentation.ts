import type { Migration } from './types';

/**
 * Segmentation models. Each training run is a version (its data window, k,
 * the scaler, centroids and network weights, quality report, timings, the
 * feature distributions drift is measured against, and how customers moved
 * from the version before). One version is active; its segments (names,
 * profiles, traits, campaigns) and every customer's segment and RFM scores
 * are kept for it. Re-activating an earlier version assigns customers again
 * with its network, so only the active version's assignments are stored.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'segmentation',
  up(db) {
    db.exec(`
      CREATE TABLE model_versions (
        id           INTEGER PRIMARY KEY,
        created_at   TEXT NOT NULL,
        window_from  TEXT NOT NULL,
        window_to    TEXT NOT NULL,
        k            INTEGER NOT NULL CHECK (k BETWEEN 2 AND 20),
        labels_from  TEXT NOT NULL CHECK (labels_from IN ('kmeans', 'import')),
        customers    INTEGER NOT NULL,
        seed         INTEGER NOT NULL,
        model        TEXT NOT NULL,   -- JSON: scaler, centroids, network weights
        quality      TEXT NOT NULL,   -- JSON: silhouette, Davies–Bouldin, Calinski–Harabasz, stability, network scores, k candidates
        timings      TEXT NOT NULL,   -- JSON: seconds per step
        reference    TEXT NOT NULL,   -- JSON: per-feature bins and shares, segment shares (the baseline for drift)
        previous_id  INTEGER REFERENCES model_versions (id),
        transitions  TEXT,            -- JSON: customers from each segment of previous_id to each new one
        active       INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
      );
      CREATE UNIQUE INDEX model_versions_one_active ON model_versions (active) WHERE active = 1;

      CREATE TABLE segments (
        model_id   INTEGER NOT NULL REFERENCES model_versions (id),
        segment    INTEGER NOT NULL,
        name       TEXT NOT NULL,
        named_by   TEXT NOT NULL CHECK (named_by IN ('generated', 'user', 'carried')),
        customers  INTEGER NOT NULL,
        profile    TEXT NOT NULL,   -- JSON
        traits     TEXT NOT NULL,   -- JSON
        campaign   TEXT NOT NULL,   -- JSON
        PRIMARY KEY (model_id, segment)
      ) WITHOUT ROWID;

      CREATE TABLE customer_segments (
        customer_id  INTEGER PRIMARY KEY REFERENCES customers (id),
        model_id     INTEGER NOT NULL REFERENCES model_versions (id),
        segment      INTEGER NOT NULL,
        -- NULL when the data has no dates or visits (a customer-level import without them).
        rfm_r        INTEGER CHECK (rfm_r BETWEEN 1 AND 5),
        rfm_f        INTEGER CHECK (rfm_f BETWEEN 1 AND 5),
        rfm_m        INTEGER CHECK (rfm_m BETWEEN 1 AND 5),
        rfm_segment  TEXT
      );
      CREATE INDEX customer_segments_segment ON customer_segments (segment);

      -- Drift of the active model after each import: feature shift, size change, segment moves.
      CREATE TABLE model_drift (
        id           INTEGER PRIMARY KEY,
        model_id     INTEGER NOT NULL REFERENCES model_versions (id),
        measured_at  TEXT NOT NULL,
        import_id    INTEGER REFERENCES imports (id) ON DELETE SET NULL,
        report       TEXT NOT NULL,   -- JSON
        retrain      INTEGER NOT NULL CHECK (retrain IN (0, 1))
      );
    `);
  },
};
