import Sqlite from 'better-sqlite3';

/** What a test compares to show a database unchanged: row counts, indexes, integrity and foreign keys. */
export function databaseSnapshot(file: string) {
  const db = new Sqlite(file, { readonly: true });
  const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  const result = {
    outlets: n('outlets'),
    products: n('products'),
    customers: n('customers'),
    sales_lines: n('sales_lines'),
    sales_daily: n('sales_daily'),
    imports: n('imports'),
    import_errors: n('import_errors'),
    indexes: db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[],
    integrity: db.pragma('integrity_check', { simple: true }),
    foreignKeys: db.pragma('foreign_key_check'),
  };
  db.close();
  return result;
}
