import type { Database } from 'better-sqlite3';

/**
 * Secondary indexes of sales_lines that a large import drops and builds again
 * once its lines are in. SQLite builds an index from sorted data far faster
 * than it updates one row by row, and at scale one of them is always updated
 * out of order: (customer_id, sold_at) when the export is in date order,
 * as till exports are. The line identity index stays: duplicates are told
 * apart with it.
 */
const deferrable = ['sales_lines_customer', 'sales_lines_import'];

/** Text bytes a sales line takes in a typical export; gzip and XLSX (zipped) files are about a sixth of their text. */
const bytesPerLine = 100;
const zipRatio = 6;

/**
 * Drops the deferrable indexes when the file is likely to bring at least as
 * many lines as the table holds (so one rebuild costs less than the row-by-row
 * updates), inside the import's transaction. Returns what rebuilds them, or
 * null when they were kept. A rollback restores them either way.
 */
export function deferIndexes(db: Database, found: { size: number; kind: string }): (() => void) | null {
  const expected = (found.size * (found.kind === 'text' ? 1 : zipRatio)) / bytesPerLine;
  // raw: index deferral for the import writer reads sqlite_master, which kysely's schema does not type.
  const existing = (db.prepare('SELECT max(id) FROM sales_lines').pluck().get() as number | null) ?? 0;
  if (expected < Math.max(existing, 50_000)) return null;
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sales_lines' AND name IN (${deferrable.map(() => '?').join(', ')})`)
    .all(...deferrable) as Array<{ name: string; sql: string }>;
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}
