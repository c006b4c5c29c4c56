import fs from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3';
import type { SalvageResult } from '../../../shared/backups';
import { AppError } from '../../../shared/errors';
import { syncFile } from './backups';
import { isDamageError } from './integrity';

type TableCount = SalvageResult['tables'][number];
type Row = Record<string, unknown>;

const pageRows = 500;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Copies every row SQLite can still read from a damaged database into a new
 * file at `targetPath`, with the same tables, indexes and schema version, so
 * the app can open it. A table with row ids is read in row-id order; at a
 * damaged page the reading skips ahead to the first row id it can read again,
 * and the row ids passed over are counted as unreadable (an upper bound: ids
 * the app never used count too).
 */
export function salvageInto(source: Database, targetPath: string): TableCount[] {
  let schema: Array<{ type: string; name: string; sql: string }>;
  try {
    // raw: copies a damaged file of any schema table by table; names and columns known only at run time.
    schema = source.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as typeof schema;
  } catch (error) {
    if (!isDamageError(error)) throw error;
    throw new AppError('damaged', 'Nothing can be read from the data file: even its list of tables is damaged. Restore a backup instead.', { cause: error });
  }
  const partial = `${targetPath}.partial`;
  fs.rmSync(partial, { force: true });
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  const target = new Sqlite(partial);
  try {
    target.pragma('synchronous = OFF');
    target.pragma(`user_version = ${Number(source.pragma('user_version', { simple: true }))}`);
    const tables = schema.filter((s) => s.type === 'table');
    for (const table of tables) target.exec(table.sql);
    const counts = tables.map((table) => copyTable(source, target, table.name, /WITHOUT\s+ROWID/i.test(table.sql)));
    for (const other of schema.filter((s) => s.type !== 'table')) {
      try {
        target.exec(other.sql);
      } catch {
        // An index the saved rows break (or a view of a lost table) is left out: the rows matter, and the app rebuilds nothing from it.
      }
    }
    target.close();
    syncFile(partial);
    fs.renameSync(partial, targetPath);
    return counts;
  } catch (error) {
    if (target.open) target.close();
    fs.rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('io', `What could be read was not saved to ${targetPath}: ${error instanceof Error ? error.message : String(error)}. Choose another place.`, { cause: error });
  }
}

function copyTable(source: Database, target: Database, table: string, withoutRowid: boolean): TableCount {
  const columns = (target.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => c.name);
  // raw: bulk copy of a table whose columns are found at run time.
  const insert = target.prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const write = target.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(columns.map((c) => row[c]));
  });
  return withoutRowid ? copyInOrder(source, table, write) : copyByRowid(source, table, columns, write);
}

/** A table keyed without row ids is read front to back, and stops at the first damaged page. */
function copyInOrder(source: Database, table: string, write: (rows: Row[]) => void): TableCount {
  let rows = 0;
  let batch: Row[] = [];
  let unreadable = 0;
  try {
    for (const row of source.prepare(`SELECT * FROM ${quote(table)}`).iterate() as Iterable<Row>) {
      batch.push(row);
      if (batch.length === pageRows) {
        write(batch);
        rows += batch.length;
        batch = [];
      }
    }
  } catch (error) {
    if (!isDamageError(error)) throw error;
    unreadable = 1; // how many were behind the damage cannot be told without row ids: at least one
  }
  write(batch);
  return { table, rows: rows + batch.length, unreadable };
}

function copyByRowid(source: Database, table: string, columns: string[], write: (rows: Row[]) => void): TableCount {
  const select = columns.map(quote).join(', ');
  // raw: pages of a damaged table read by rowid; table and columns known only at run time.
  const page = source.prepare(`SELECT rowid AS "__rowid", ${select} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${pageRows}`);
  const one = source.prepare(`SELECT rowid AS "__rowid", ${select} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT 1`);
  const firstFrom = source.prepare(`SELECT rowid FROM ${quote(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1`).pluck();
  let after = Number.MIN_SAFE_INTEGER;
  let rows = 0;
  let unreadable = 0;
  const keep = (batch: Row[]): void => {
    write(batch);
    rows += batch.length;
    after = Number(batch[batch.length - 1]?.__rowid ?? after);
  };
  for (;;) {
    const batch = tryRead(() => page.all(after) as Row[]);
    if (batch && batch.length === 0) break;
    if (batch) {
      keep(batch);
      continue;
    }
    // The page holds damage: take its rows one by one up to it, then find where reading can start again.
    for (let row = tryRead(() => one.get(after) as Row | undefined); row; row = tryRead(() => one.get(after) as Row | undefined)) keep([row]);
    const resume = nextReadable(firstFrom, after);
    if (resume === null) {
      const last = tryRead(() => source.prepare(`SELECT max(rowid) FROM ${quote(table)}`).pluck().get() as number | null);
      unreadable += last !== undefined && last !== null && last > after ? last - after : 1;
      break;
    }
    unreadable += Math.max(1, resume - after - 1);
    after = resume - 1;
  }
  return { table, rows, unreadable };
}

/** The smallest row id past `after` that a read can start from, or null when none past the damage can be read. */
function nextReadable(firstFrom: Sqlite.Statement, after: number): number | null {
  let failed = after + 1;
  let step = 1;
  let found: number | null = null;
  let foundAt = 0;
  while (failed + step < Number.MAX_SAFE_INTEGER) {
    const probe = failed + step;
    const answer = tryReadValue(firstFrom, probe);
    if (answer === 'damaged') {
      failed = probe;
      step *= 2;
      continue;
    }
    if (answer === null) return null;
    found = answer;
    foundAt = probe;
    break;
  }
  if (found === null) return null;
  // The first readable probe may have jumped over readable rows: narrow down between the last damaged and the first readable probe.
  let low = failed;
  let high = foundAt;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    const answer = tryReadValue(firstFrom, middle);
    if (answer === 'damaged') low = middle;
    else {
      high = middle;
      if (answer !== null) found = answer;
    }
  }
  return found;
}

function tryReadValue(firstFrom: Sqlite.Statement, probe: number): number | null | 'damaged' {
  try {
    return (firstFrom.get(probe) as number | undefined) ?? null;
  } catch (error) {
    if (isDamageError(error)) return 'damaged';
    throw error;
  }
}

/** The read's answer, or undefined when it hit damage (anything else is not ours to swallow). */
function tryRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (isDamageError(error)) return undefined;
    throw error;
  }
}
