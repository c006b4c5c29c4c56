import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp';
import { openDatabase } from './connection';
import { dataFingerprint } from './fingerprint';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('the fingerprint of the data a backup holds', () => {
  it('changes with any change to the data, and not with the audit log or a sign-in', () => {
    const connection = openDatabase(tmp.file('octave.sqlite'));
    const db = connection.sqlite;
    try {
      const empty = dataFingerprint(db);
      expect(dataFingerprint(db)).toBe(empty);
      db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('ana', 'Ana', 'administrator', 'x', '2026-12-01T10:00:00Z')").run();
      const withUser = dataFingerprint(db);
      expect(withUser).not.toBe(empty);
      // A sign-in, a wrong password and the trail they leave are not data a restore should bring back or a backup keep twice.
      db.prepare("UPDATE users SET last_sign_in_at = '2026-12-01T11:00:00Z', failed_attempts = 2").run();
      db.prepare("INSERT INTO audit_log (at, action, detail) VALUES ('2026-12-01T11:00:00Z', 'signIn', 'ana')").run();
      expect(dataFingerprint(db)).toBe(withUser);
      // A setting changed in place, with no row added, is a change.
      db.prepare("INSERT INTO meta (key, value) VALUES ('currency', 'LKR') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
      const lkr = dataFingerprint(db);
      db.prepare("UPDATE meta SET value = 'USD' WHERE key = 'currency'").run();
      expect(dataFingerprint(db)).not.toBe(lkr);
      db.prepare("UPDATE meta SET value = 'LKR' WHERE key = 'currency'").run();
      expect(dataFingerprint(db)).toBe(lkr);
      db.prepare("UPDATE users SET display_name = 'Ana Perera'").run();
      expect(dataFingerprint(db)).not.toBe(lkr);
    } finally {
      connection.close();
    }
  });
});
