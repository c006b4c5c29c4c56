import type { Database } from 'better-sqlite3';
import { currencySchema, defaultCurrency } from '../../../shared/importGuard';
import { getMeta, setMeta } from '../../platform/meta';

/** The chain's currency, kept with the database's other business settings (the meta table); LKR until changed. */
export function chainCurrency(db: Database): string {
  const stored = currencySchema.safeParse(getMeta(db, 'currency'));
  return stored.success ? stored.data : defaultCurrency;
}

export function setChainCurrency(db: Database, code: string): { currency: string } {
  const currency = currencySchema.parse(code);
  setMeta(db, 'currency', currency);
  return { currency };
}
