import type { Database } from 'better-sqlite3';
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Role } from '../../../shared/auth';
import { all, first, q, run } from '../../platform/db/query';
import type { Users } from '../../platform/db/schema';

/** The users table: every query on accounts lives here. */
export type UserRow = Selectable<Users>;

export function anyUser(db: Database): boolean {
  return first(db, q.selectFrom('users').select('id').limit(1)) !== undefined;
}

export function userById(db: Database, id: number): UserRow | undefined {
  return first(db, q.selectFrom('users').selectAll().where('id', '=', id));
}

export function userByName(db: Database, username: string): UserRow | undefined {
  return first(db, q.selectFrom('users').selectAll().where('username', '=', username));
}

/** Everyone, in the order the Users screen lists them: by name whatever its case. */
export function allUsers(db: Database): UserRow[] {
  return all(db, q.selectFrom('users').selectAll().orderBy(sql`display_name COLLATE NOCASE`).orderBy('id'));
}

export function activeAdministrators(db: Database): number {
  const row = first(
    db,
    q
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'administrator')
      .where('active', '=', 1),
  );
  return row?.n ?? 0;
}

export function insertUser(db: Database, user: { username: string; displayName: string; role: Role; passwordHash: string; createdAt: string }): number {
  const info = run(
    db,
    q.insertInto('users').values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
    }),
  );
  return Number(info.lastInsertRowid);
}

/** Changes the given columns of one account (none given: nothing to do); how many rows changed. */
export function updateUserRow(db: Database, id: number, change: Updateable<Users>): number {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Updateable<Users>;
  if (Object.keys(set).length === 0) return 0;
  return run(db, q.updateTable('users').set(set).where('id', '=', id)).changes;
}

/** A new hash only if the stored one is still `expected`: a password changed meanwhile is kept. */
export function replacePasswordHash(db: Database, id: number, expected: string, hash: string): number {
  return run(db, q.updateTable('users').set({ password_hash: hash }).where('id', '=', id).where('password_hash', '=', expected)).changes;
}
