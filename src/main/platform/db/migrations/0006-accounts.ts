import type { Migration } from './types';

/**
 * Local accounts and the audit log. A password is kept only as its scrypt
 * hash with a salt of its own. Five wrong passwords in a row lock an account
 * until `locked_until` (epoch milliseconds). The audit log keeps the user's
 * name as it was, so an entry still reads right after the user is renamed.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('administrator', 'marketingLead', 'marketingExecutive')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at TEXT NOT NULL,
        last_sign_in_at TEXT
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
        username TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX audit_log_at ON audit_log (at);
    `);
  },
};
