import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../../testing/database';
import { all, countRows, first, iterate, q, run } from './query';

describe('kysely queries run synchronously on the SQLite handle', () => {
  const t = databasePerTest();

  it('writes, reads back and counts through the generated types, on the real migrated file', () => {
    const db = t.conn.sqlite;
    const before = countRows(db, 'outlets');
    const info = run(db, q.insertInto('outlets').values({ name: 'Kandy City Centre', city: 'Kandy', province: 'Central' }));
    expect(info.changes).toBe(1);
    const id = Number(info.lastInsertRowid);
    expect(first(db, q.selectFrom('outlets').select(['name', 'city']).where('id', '=', id))).toEqual({ name: 'Kandy City Centre', city: 'Kandy' });
    expect(first(db, q.selectFrom('outlets').select('name').where('id', '=', id + 1000))).toBeUndefined();
    expect(countRows(db, 'outlets')).toBe(before + 1);
    expect(all(db, q.selectFrom('outlets').select('name').where('name', 'like', 'Kandy%').orderBy('name')).map((o) => o.name)).toEqual(['Kandy', 'Kandy City Centre']);
    expect([...iterate(db, q.selectFrom('outlets').select('id').where('id', '=', id))]).toEqual([{ id }]);
  });

  it('answers from the new file after a reopen, not from a statement of the closed one', () => {
    const query = () => countRows(t.conn.sqlite, 'outlets');
    const before = query();
    t.conn.reopen();
    run(t.conn.sqlite, q.insertInto('outlets').values({ name: 'Galle Fort', city: 'Galle', province: 'Southern' }));
    expect(query()).toBe(before + 1);
  });

  it('refuses a value that breaks a rule of the schema, as a hand-written statement would', () => {
    expect(() => run(t.conn.sqlite, q.insertInto('users').values({ username: 'x', display_name: 'X', role: 'guest' as 'administrator', password_hash: 'h', created_at: '2026-01-01' }))).toThrow(/CHECK/);
  });
});
