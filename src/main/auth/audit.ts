import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../../shared/auth';

/** Writes one line of the audit log: who did what, when. */
export function writeAudit(db: Database, at: number, user: { id: number; username: string } | null, action: string, detail: string): void {
  db.prepare('INSERT INTO audit_log (at, user_id, username, action, detail) VALUES (?, ?, ?, ?, ?)').run(
    new Date(at).toISOString(),
    user?.id ?? null,
    user?.username ?? null,
    action,
    detail,
  );
}

/** The newest entries first, a page at a time; `action` narrows to one kind of entry. */
export function listAudit(db: Database, options: { offset: number; limit: number; action?: string | undefined }): { total: number; entries: AuditEntry[] } {
  const where = options.action ? 'WHERE action = @action' : '';
  const params = { action: options.action ?? null, limit: options.limit, offset: options.offset };
  const total = db.prepare(`SELECT count(*) FROM audit_log ${where}`).pluck().get(params) as number;
  const entries = db
    .prepare(`SELECT id, at, username, action, detail FROM audit_log ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all(params) as AuditEntry[];
  return { total, entries };
}
