import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { tempDir } from '../../testing/temp';
import { openDatabase } from './connection';
import { migrate, schemaVersion } from './migrate';
import { migrations } from './migrations';
import type { Migration } from './migrations/types';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function tables(db: Sqlite.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('open a new file at the newest version with WAL and foreign keys on', () => {
    const conn = openDatabase(tmp.file('new.sqlite'));
    expect(schemaVersion(conn.sqlite)).toBe(migrations.length);
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(conn.sqlite)).toEqual(
      expect.arrayContaining(['categories', 'customers', 'imports', 'meta', 'outlets', 'products', 'sales_daily', 'sales_lines']),
    );
    conn.close();
  });

  // Each migration: migrate to N, insert rows, migrate on, compare.
  it.each(migrations.map((m) => [m.version, m.name] as const))('migration %i (%s) keeps the rows written before it', (version) => {
    const db = new Sqlite(tmp.file('m.sqlite'));
    migrate(db, { target: version });
    expect(schemaVersion(db)).toBe(version);
    // Matale is not one of the canonical outlets a later migration adds.
    const outlet = db.prepare("INSERT INTO outlets (name, city, province) VALUES ('Matale', 'Matale', 'Central')").run().lastInsertRowid;
    db.prepare("INSERT INTO customers (code, age, gender, home_outlet_id) VALUES ('C1', 41, 'F', ?)").run(outlet);
    const before = db.prepare('SELECT * FROM customers').all();
    migrate(db);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare('SELECT * FROM customers').all()).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('refuse a database written by a newer version, and leave it untouched', () => {
    const file = tmp.file('future.sqlite');
    const db = new Sqlite(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).kind).toBe('unsupported');
    expect((caught as AppError).message).toMatch(/newer version of Octave Segments/);
    const again = new Sqlite(file);
    expect(schemaVersion(again)).toBe(migrations.length + 5);
    expect(tables(again)).toEqual([]);
    again.close();
  });

  it('apply all pending migrations or none: a failing one rolls back the earlier ones', () => {
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (db) => db.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'fails', up: (db) => db.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)') },
    ];
    const db = new Sqlite(tmp.file('broken.sqlite'));
    expect(() => migrate(db, { migrations: broken })).toThrow(/nowhere/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('say plainly when the file is not a database', () => {
    const file = tmp.file('notes.sqlite');
    fs.writeFileSync(file, 'this is a shopping list, not a database '.repeat(200));
    expect(() => openDatabase(file)).toThrow(/not an Octave Segments database/);
  });
});
