import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseBefore, migrateThrough, migrateToLatest } from '../../../testing/migrations';
import { tempDir } from '../../../testing/temp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const reports = (db: Database) =>
  db.prepare('SELECT id, title, segment_name, model_id, segment, filters, filter_words, format, rows, customers, path, size, version, created_by, created_at FROM reports ORDER BY id').all();
const audit = (db: Database) => db.prepare('SELECT id, at, user_id, username, action, detail FROM audit_log ORDER BY id').all();

it('the report-makers migration leaves the maker of earlier reports unknown, and counts each earlier audit entry once', () => {
  const db = databaseBefore(tmp.file('reports.sqlite'), 'report-makers');
  const user = db
    .prepare("INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('nimal', 'Nimal Perera', 'marketingLead', 'scrypt$x$y', '2026-01-05T08:00:00Z')")
    .run().lastInsertRowid;
  const report = db.prepare(
    `INSERT INTO reports (title, segment_name, model_id, segment, filters, filter_words, format, rows, customers, path, size, version, created_by, created_at)
     VALUES (?, ?, 3, ?, ?, ?, ?, 'top500', ?, ?, ?, ?, 'Nimal Perera', ?)`,
  );
  report.run('Weekend families', 'Weekend families', 1, '{}', '[]', 'pdf', 412, '/home/nimal/Reports/weekend-families.pdf', 18211, 1, '2026-02-01T10:00:00Z');
  report.run('Weekend families', 'Weekend families', 1, '{}', '[]', 'pdf', 430, '/home/nimal/Reports/weekend-families (2).pdf', 18540, 2, '2026-02-08T10:00:00Z');
  report.run('Fresh first', 'Fresh first', 0, '{"outlets":[4]}', '["Outlet: Kandy"]', 'xlsx', 1200, '/home/nimal/Reports/fresh-first.xlsx', 90211, 1, '2026-02-09T11:30:00Z');
  const entry = db.prepare('INSERT INTO audit_log (at, user_id, username, action, detail) VALUES (?, ?, ?, ?, ?)');
  entry.run('2026-02-01T09:59:00Z', user, 'nimal', 'signIn', '');
  entry.run('2026-02-01T10:00:00Z', user, 'nimal', 'exportReport', 'Weekend families (PDF)');
  entry.run('2026-02-02T07:30:00Z', null, 'unknown', 'signInFailed', 'wrong password');
  const madeBefore = reports(db);
  const logBefore = audit(db);

  migrateThrough(db, 'report-makers');

  expect(reports(db)).toEqual(madeBefore);
  // A display name cannot say which account made a report: none is guessed, so only an administrator may delete these.
  expect(db.prepare('SELECT created_by_user_id FROM reports').pluck().all()).toEqual([null, null, null]);
  expect(audit(db)).toEqual(logBefore);
  expect(db.prepare('SELECT repeats, last_at FROM audit_log').all()).toEqual([
    { repeats: 1, last_at: null },
    { repeats: 1, last_at: null },
    { repeats: 1, last_at: null },
  ]);
  expect(() => db.prepare('UPDATE audit_log SET repeats = 0').run()).toThrow(/CHECK/);
  // A report's maker, once known, goes back to unknown when the account is removed; the report stays.
  db.prepare('UPDATE reports SET created_by_user_id = ? WHERE id = 3').run(user);
  db.prepare('DELETE FROM users WHERE id = ?').run(user);
  expect(db.prepare('SELECT created_by_user_id FROM reports WHERE id = 3').pluck().get()).toBeNull();
  expect(db.pragma('foreign_key_check')).toEqual([]);

  migrateToLatest(db);
  expect(reports(db)).toEqual(madeBefore);
  db.close();
});
