import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * Tables too big to read whole before every backup (a million customers).
 * Their rows are only ever added by an import or a training and removed with
 * their import or model, and every such change also changes `imports` or
 * `model_versions`, which are read whole; so their last row (one look at the
 * end of the table, never a count of a million rows) is enough to tell them
 * apart. A table not named here is read whole: a new table is never
 * missed, only slower.
 */
const largeTables = new Set(['sales_lines', 'customers', 'customer_segments', 'customer_spend', 'import_errors', 'products', 'model_drift', 'sales_daily']);

/** What the trail and the sign-in bookkeeping write: they change on every sign-in, while the data stays the same. */
const notData = new Set(['audit_log']);
const notDataColumns: Record<string, readonly string[]> = { users: ['last_sign_in_at', 'failed_attempts', 'locked_until'] };

/**
 * A short digest of everything a backup holds but the audit log: two files
 * with the same fingerprint hold the same data, so a second backup of it
 * would only push an older, different one out. Equal fingerprints must mean
 * equal data (a backup is skipped on it); unequal ones may be a false alarm
 * (one backup too many), so anything unsure counts as a change.
 */
export function dataFingerprint(db: Database): string {
  const hash = crypto.createHash('sha256');
  // raw: walks every table by name (sqlite_master), whatever the schema; table names known only at run time.
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string; sql: string }>;
  for (const { name, sql } of tables) {
    if (notData.has(name)) continue;
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const withoutRowid = /WITHOUT\s+ROWID/i.test(sql);
    hash.update(`\0${name}\0`);
    if (largeTables.has(name) && !withoutRowid) {
      // The last row whole, not only its rowid: a table emptied and filled again (the assignments) reuses the rowids.
      hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${quoted} ORDER BY rowid DESC LIMIT 1`).raw().get() ?? null, bigints));
      continue;
    }
    if (largeTables.has(name)) {
      // The daily sums (no rowid) are worked out from the sales lines with each import or deletion: their number is enough.
      hash.update(JSON.stringify(db.prepare(`SELECT count(*) FROM ${quoted}`).pluck().get()));
      continue;
    }
    const skip = notDataColumns[name] ?? [];
    // raw: every table's columns and rows hashed in order, names known only at run time.
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(name) as string[]).filter((c) => !skip.includes(c));
    const list = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
    const order = withoutRowid ? '' : ' ORDER BY rowid';
    const rows = db.prepare(`SELECT ${list} FROM ${quoted}${order}`).raw();
    for (const row of rows.iterate()) hash.update(JSON.stringify(row, bigints));
  }
  // How many customers each segment holds, read from its index: customers assigned again, to other segments, with the same last row.
  if (tables.some((t) => t.name === 'customer_segments')) {
    hash.update(JSON.stringify(db.prepare('SELECT segment, count(*) FROM customer_segments INDEXED BY customer_segments_segment GROUP BY segment ORDER BY segment').raw().all()));
  }
  return hash.digest('hex');
}

const bigints = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);
