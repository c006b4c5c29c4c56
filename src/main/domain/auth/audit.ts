import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../../../shared/auth';
import { revealInvisible } from '../../../shared/text';
import { all, first, q, run } from '../../platform/db/query';

/**
 * Writes one line of the audit log: who did what, when. The words may hold
 * what anyone typed (a user name tried at sign-in): invisible characters are
 * written as "⟨U+202E⟩", so an override cannot make the line read otherwise.
 */
export function writeAudit(db: Database, at: number, user: { id: number | null; username: string } | null, action: string, detail: string): void {
  run(
    db,
    q.insertInto('audit_log').values({
      at: new Date(at).toISOString(),
      user_id: user?.id ?? null,
      username: user ? revealInvisible(user.username) : null,
      action,
      detail: revealInvisible(detail),
    }),
  );
}

/** Refusals within this long of the same one before are counted on its entry, not written anew. */
export const refusalRepeatMs = 60_000;

/**
 * Writes refused calls to the audit log, the same refusal (same user, same
 * words) coming again within a minute of the last one only counting up the
 * entry's `repeats` and moving its `last_at`: a window or script that keeps
 * asking adds one entry, not one per call. Which entry to count on is kept
 * in memory; after a restart the next refusal starts a new entry.
 */
export class RefusalLog {
  private readonly recent = new Map<string, { id: number; lastAt: number; db: Database }>();

  /** `database` is asked each time: a restore replaces the open file, and an entry of the old file is not one to count on. */
  constructor(private readonly database: () => Database) {}

  write(at: number, user: { id: number; username: string } | null, detail: string): void {
    const db = this.database();
    const key = `${user?.id ?? ''}\u0000${detail}`;
    const seen = this.recent.get(key);
    if (seen && seen.db === db && at - seen.lastAt < refusalRepeatMs) {
      const changed = run(
        db,
        q
          .updateTable('audit_log')
          .set((eb) => ({ repeats: eb('repeats', '+', 1), last_at: new Date(at).toISOString() }))
          .where('id', '=', seen.id),
      ).changes;
      if (changed === 1) {
        seen.lastAt = at;
        return;
      }
    }
    const info = run(
      db,
      q.insertInto('audit_log').values({
        at: new Date(at).toISOString(),
        user_id: user?.id ?? null,
        username: user ? revealInvisible(user.username) : null,
        action: 'refused',
        detail: revealInvisible(detail),
      }),
    );
    this.recent.set(key, { id: Number(info.lastInsertRowid), lastAt: at, db });
    if (this.recent.size > 200) for (const [k, v] of this.recent) if (at - v.lastAt >= refusalRepeatMs) this.recent.delete(k);
  }
}

/** The newest entries first, a page at a time; `action` narrows to one kind of entry. */
export function listAudit(db: Database, options: { offset: number; limit: number; action?: string | undefined }): { total: number; entries: AuditEntry[] } {
  const { action } = options;
  const from = action ? q.selectFrom('audit_log').where('action', '=', action) : q.selectFrom('audit_log');
  const total = first(db, from.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const entries: AuditEntry[] = all(
    db,
    from
      .select(['id', 'at', 'username', 'action', 'detail', 'repeats', 'last_at as lastAt'])
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset),
  );
  return { total, entries };
}
