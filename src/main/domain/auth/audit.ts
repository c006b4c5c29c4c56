import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../../../shared/auth';
import { revealInvisible } from '../../../shared/text';

/**
 * Writes one line of the audit log: who did what, when. The words may hold
 * what anyone typed (a user name tried at sign-in): invisible characters are
 * written as "⟨U+202E⟩", so an override cannot make the line read otherwise.
 */
export function writeAudit(db: Database, at: number, user: { id: number | null; username: string } | null, action: string, detail: string): void {
  db.prepare('INSERT INTO audit_log (at, user_id, username, action, detail) VALUES (?, ?, ?, ?, ?)').run(
    new Date(at).toISOString(),
    user?.id ?? null,
    user ? revealInvisible(user.username) : null,
    action,
    revealInvisible(detail),
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
      const changed = db.prepare('UPDATE audit_log SET repeats = repeats + 1, last_at = ? WHERE id = ?').run(new Date(at).toISOString(), seen.id).changes;
      if (changed === 1) {
        seen.lastAt = at;
        return;
      }
    }
    const info = db
      .prepare("INSERT INTO audit_log (at, user_id, username, action, detail) VALUES (?, ?, ?, 'refused', ?)")
      .run(new Date(at).toISOString(), user?.id ?? null, user ? revealInvisible(user.username) : null, revealInvisible(detail));
    this.recent.set(key, { id: Number(info.lastInsertRowid), lastAt: at, db });
    if (this.recent.size > 200) for (const [k, v] of this.recent) if (at - v.lastAt >= refusalRepeatMs) this.recent.delete(k);
  }
}

/** The newest entries first, a page at a time; `action` narrows to one kind of entry. */
export function listAudit(db: Database, options: { offset: number; limit: number; action?: string | undefined }): { total: number; entries: AuditEntry[] } {
  const where = options.action ? 'WHERE action = @action' : '';
  const params = { action: options.action ?? null, limit: options.limit, offset: options.offset };
  const total = db.prepare(`SELECT count(*) FROM audit_log ${where}`).pluck().get(params) as number;
  const entries = db
    .prepare(`SELECT id, at, username, action, detail, repeats, last_at AS lastAt FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all(params) as AuditEntry[];
  return { total, entries };
}
