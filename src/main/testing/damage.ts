import crypto from 'node:crypto';
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';

/**
 * Overwrites two leaf pages in the middle of sales_lines with garbage, the
 * way a failing disk would leave them: the page header survives in part, so
 * SQLite opens the file and finds the damage only when it reads there.
 */
export function damageSalesLines(file: string): void {
  damageTable(file, 'sales_lines');
}

/** The same damage in another table's leaf pages. */
export function damageTable(file: string, table: string): void {
  const db = new Sqlite(file);
  // Every page in the file itself: a page still in the -wal would be read from there, over the damage.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[];
  db.close();
  if (pages.length <= 10) throw new Error(`${table} has only ${pages.length} leaf pages: load more data before damaging it`);
  const middle = pages[Math.floor(pages.length / 2)] as number;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, crypto.randomBytes(pageSize * 2).fill(0x5a, 0, 16), 0, pageSize * 2, (middle - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}
