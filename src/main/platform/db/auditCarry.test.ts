import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { damageTable } from '../../testing/damage';
import { tempDir } from '../../testing/temp';
import { carryAuditLog } from './auditCarry';
import { openDatabase } from './connection';

const tmp = tempDir();
afterAll(() => tmp.remove());

type Entry = { id: number; at: string; action: string; detail: string; repeats: number };
const entries = (db: Sqlite.Database): Entry[] => db.prepare('SELECT id, at, action, detail, repeats FROM audit_log ORDER BY id').all() as Entry[];

describe('the audit log carried into a backup being restored', () => {
  it('adds what the backup lacks, renumbers an entry whose id the backup used for another, and counts what a damaged file would not give up', () => {
    const current = tmp.file('octave.sqlite');
    openDatabase(current).close();
    const db = new Sqlite(current);
    const insert = db.prepare("INSERT INTO audit_log (at, action, detail) VALUES (?, 'refused', ?)");
    db.transaction(() => {
      for (let i = 1; i <= 3000; i++) insert.run(`2026-12-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:00Z`, `entry ${i} ${'x'.repeat(150)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // The backup: the first 100 entries, then one of its own under id 101 (a restore before this rewound the ids).
    const backup = tmp.file('backup.sqlite');
    fs.copyFileSync(current, backup);
    const b = new Sqlite(backup);
    b.prepare('DELETE FROM audit_log WHERE id > 100').run();
    b.prepare("INSERT INTO audit_log (id, at, action, detail) VALUES (101, '2026-11-30T09:00:00Z', 'signIn', 'only in the backup')").run();
    b.close();
    // Since the backup, a refusal repeated: the current file counts it 4 times.
    const c = new Sqlite(current);
    c.prepare('UPDATE audit_log SET repeats = 4 WHERE id = 5').run();
    c.pragma('wal_checkpoint(TRUNCATE)');
    c.close();
    damageTable(current, 'audit_log');

    const damaged = new Sqlite(current, { readonly: true });
    const result = carryAuditLog(damaged, backup);
    damaged.close();
    expect(result.unknown).toBe(false);
    expect(result.unreadable).toBeGreaterThan(0);
    // Everything after the backup's 100 that could be read: ids 102 to 3000 as they were, and the current 101 renumbered.
    expect(result.carried).toBe(3000 - 100 - result.unreadable);
    const after = entries(new Sqlite(backup, { readonly: true }));
    expect(after.slice(0, 100).every((e) => e.detail.startsWith(`entry ${e.id} `))).toBe(true);
    expect(after[100]).toMatchObject({ id: 101, detail: 'only in the backup' });
    expect(after.find((e) => e.id === 5)?.repeats).toBe(4);
    const renumbered = after.filter((e) => e.detail.startsWith('entry 101 '));
    expect(renumbered).toHaveLength(1);
    expect(renumbered[0]!.id).toBeGreaterThan(3000);
    expect(after.filter((e) => e.id > 101 && e.id <= 3000)).toHaveLength(3000 - 101 - result.unreadable);
  });
});
