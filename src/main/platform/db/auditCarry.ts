import Sqlite, { type Database } from 'better-sqlite3';

/** How the current file's audit log went into a restored backup. */
export type AuditCarried = { carried: number; unreadable: number; unknown: boolean };

type Row = Record<string, unknown> & { id: number };
const chunk = 500;

/**
 * Copies into the backup about to be restored the audit entries of the
 * current file that the backup lacks, so a restore never rewinds the trail
 * (the sign-ins, refusals and earlier restores since the backup). An entry is
 * the same when the backup has its id with the same time, action and detail;
 * the backup's count of a repeated refusal is brought up to date. An entry
 * whose id the backup uses for another one (a restore before this existed
 * rewound the ids) is added with a new id: it keeps its time. On a damaged
 * file, what can still be read is carried and the rest counted.
 */
export function carryAuditLog(current: Database, backupFile: string): AuditCarried {
  const { rows, unreadable, unknown } = readableAuditRows(current);
  const target = new Sqlite(backupFile);
  try {
    const columns = sharedColumns(current, target);
    if (!columns.includes('id') || rows.length === 0) return { carried: 0, unreadable, unknown };
    // raw: a backup file of any schema version: columns found at run time, not the generated types.
    const users = new Map((target.prepare('SELECT id, username FROM users').all() as Array<{ id: number; username: string }>).map((u) => [u.id, u.username]));
    const existing = target.prepare(`SELECT at, action, detail${columns.includes('repeats') ? ', repeats' : ''} FROM audit_log WHERE id = ?`);
    const others = columns.filter((c) => c !== 'id');
    const insertWithId = target.prepare(`INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    const insertNewId = target.prepare(`INSERT INTO audit_log (${others.join(', ')}) VALUES (${others.map((c) => `@${c}`).join(', ')})`);
    const update = columns.includes('repeats') ? target.prepare(`UPDATE audit_log SET repeats = @repeats${columns.includes('last_at') ? ', last_at = @last_at' : ''} WHERE id = @id AND repeats < @repeats`) : null;
    let carried = 0;
    target.transaction(() => {
      const collided: Row[] = [];
      for (const row of rows) {
        // The account may not be in the backup (made after it): the entry keeps the name, not a dangling id.
        const values = { ...row, user_id: row.user_id !== null && users.get(row.user_id as number) === row.username ? row.user_id : null };
        const there = existing.get(row.id) as { at: string; action: string; detail: string; repeats?: number } | undefined;
        if (there === undefined) {
          insertWithId.run(pick(values, columns));
          carried++;
        } else if (there.at === row.at && there.action === row.action && there.detail === row.detail) {
          update?.run(pick(values, columns));
        } else {
          collided.push(values);
        }
      }
      for (const row of collided) insertNewId.run(pick(row, others));
      carried += collided.length;
    })();
    return { carried, unreadable, unknown };
  } finally {
    target.close();
  }
}

function sharedColumns(a: Database, b: Database): string[] {
  // raw: the columns of two files of possibly different schema versions.
  const of = (db: Database) => db.prepare("SELECT name FROM pragma_table_info('audit_log') ORDER BY cid").pluck().all() as string[];
  const inB = new Set(of(b));
  return of(a).filter((c) => inB.has(c));
}

function pick(row: Record<string, unknown>, columns: string[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

/**
 * Every entry that can be read, by ranges of ids, and one by one in a range a
 * damaged page breaks; `unknown` when not even the highest id can be read.
 */
function readableAuditRows(db: Database): { rows: Row[]; unreadable: number; unknown: boolean } {
  let max: number;
  try {
    // raw: reads a possibly damaged file row range by row range; errors are the point.
    max = (db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0;
  } catch {
    return { rows: [], unreadable: 0, unknown: true };
  }
  const rows: Row[] = [];
  let unreadable = 0;
  const range = db.prepare('SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id');
  const one = db.prepare('SELECT * FROM audit_log WHERE id = ?');
  for (let from = 0; from < max; from += chunk) {
    try {
      rows.push(...(range.all(from, from + chunk) as Row[]));
    } catch {
      for (let id = from + 1; id <= Math.min(from + chunk, max); id++) {
        try {
          const row = one.get(id) as Row | undefined;
          if (row) rows.push(row);
        } catch {
          unreadable++;
        }
      }
    }
  }
  return { rows, unreadable, unknown: false };
}
