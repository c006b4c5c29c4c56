import type { Database } from 'better-sqlite3';

/** SQLite's words for a damaged file, also when they arrive as text from another thread. */
const damageCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB', 'SQLITE_NOTADB']);
const damageWords = /database disk image is malformed|file is not a database|database corruption|Your data file is damaged/i;

/** Also the app's own damage error (kind `damaged`), as it arrives from a helper thread or a job. */
export function isDamageError(error: unknown): boolean {
  if ((error as { kind?: unknown } | null)?.kind === 'damaged') return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && damageCodes.has(code)) return true;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return damageWords.test(message);
}

/**
 * What SQLite's own check finds wrong with the file; empty when it is sound.
 * `quick` is `PRAGMA quick_check` (pages and records, no index-to-table
 * comparison: fast enough for every start); otherwise `integrity_check`.
 * A check that cannot even run (the schema page is garbage) is a finding too.
 */
export function integrityProblems(db: Database, quick: boolean): string[] {
  try {
    const rows = db.pragma(quick ? 'quick_check(20)' : 'integrity_check(20)', { simple: false }) as Array<Record<string, string>>;
    const lines = rows.map((row) => String(Object.values(row)[0]));
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
  } catch (error) {
    if (isDamageError(error)) return [error instanceof Error ? error.message : String(error)];
    throw error;
  }
}
