import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BatchInsert } from './batch';

describe('BatchInsert', () => {
  it('writes every row, full batches and the remainder, in order', () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE t (a INTEGER, b TEXT)');
    const batch = new BatchInsert(db, 't', ['a', 'b'], 7);
    for (let i = 0; i < 7 * 3 + 5; i++) batch.add(i, `row ${i}`);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(21);
    batch.flush();
    batch.flush();
    const rows = db.prepare('SELECT a, b FROM t ORDER BY rowid').all() as Array<{ a: number; b: string }>;
    expect(rows).toHaveLength(26);
    expect(rows.map((r) => r.a)).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(rows[25]).toEqual({ a: 25, b: 'row 25' });
  });

  it('refuses a row with the wrong number of values', () => {
    const db = new Sqlite(':memory:');
    db.exec('CREATE TABLE t (a, b)');
    expect(() => new BatchInsert(db, 't', ['a', 'b']).add(1)).toThrow(/expected 2 values/);
  });
});

