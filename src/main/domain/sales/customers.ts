import type { Database } from 'better-sqlite3';
import { first, q } from '../../platform/db/query';

/** Questions about the customers table as a whole (the import writers add to it; see customerWriter). */

export function anyCustomer(db: Database): boolean {
  return first(db, q.selectFrom('customers').select('id').limit(1)) !== undefined;
}

export function customerCount(db: Database): number {
  return first(db, q.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
}
