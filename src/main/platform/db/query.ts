import type { Database, RunResult, Statement } from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { DB } from './schema';

/**
 * Kysely as a typed query builder only: it compiles a query against the generated schema, and
 * `all`/`first`/`run` below execute it synchronously on the better-sqlite3 handle, so the main
 * process stays as synchronous as it was with hand-written prepare() calls (kysely's own
 * executor is async). The dummy driver means this instance can never run anything itself.
 */
export const q = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

// Compiling is cheap; preparing is the cost a hand-written statement saved by living in a
// variable. One cache per handle (a restore reopens the file as a new handle).
const statements = new WeakMap<Database, Map<string, Statement>>();

function prepared(db: Database, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text)));
  return statement;
}

/** Every row the query answers. */
export function all<Q extends Compilable<unknown>>(db: Database, query: Q): InferResult<Q> {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).all(...parameters) as InferResult<Q>;
}

/** The first row the query answers, or undefined when there is none. */
export function first<Q extends Compilable<unknown>>(db: Database, query: Q): InferResult<Q>[number] | undefined {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).get(...parameters) as InferResult<Q>[number] | undefined;
}

/** Runs an insert, update or delete; its change count and last row id. */
export function run(db: Database, query: Compilable<unknown>): RunResult {
  const { sql, parameters } = query.compile();
  return prepared(db, sql).run(...parameters);
}

/**
 * The query's rows one at a time, for answers too long to hold at once. Prepared afresh, not
 * cached: a statement being iterated is busy until the loop ends.
 */
export function iterate<Q extends Compilable<unknown>>(db: Database, query: Q): IterableIterator<InferResult<Q>[number]> {
  const { sql, parameters } = query.compile();
  return db.prepare(sql).iterate(...parameters) as IterableIterator<InferResult<Q>[number]>;
}

/** How many rows a table holds. */
export function countRows(db: Database, table: keyof DB): number {
  return first(db, q.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
}
