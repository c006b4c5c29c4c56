import { z } from 'zod';

/**
 * Checks that stop an import before it costs anything: a file that cannot
 * make customers, and amounts on another scale than the chain's money. The
 * words are shared so the window and the command line say the same thing.
 */

/** Said wherever a data window would be shown for data that has no dates. */
export const noDatesWords = 'no dates in this data';

export const noCustomerIdsMessage =
  'This file has no customer ids: its sales count toward outlet and category totals, but no segments can be found from it.';

/** The chain's currency: an ISO 4217 code such as LKR. */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'A currency is written as its three-letter code, such as LKR.');
export const defaultCurrency = 'LKR';

/** "rupees" for LKR, else the code ("Are they in GBP?"). */
export function currencyWord(code: string): string {
  return code === 'LKR' ? 'rupees' : code;
}

export const amountScaleSchema = z.object({
  /** A sales line's amount, or a customer's total in a customer-level file. */
  kind: z.enum(['line', 'customer']),
  /** The file's median positive amount, in the currency's units (rupees); null when no amount could be read. */
  median: z.number().nullable(),
  /** What it was compared with: the database's own earlier data, or typical amounts when there is none. */
  reference: z
    .object({ from: z.enum(['earlier', 'typical']), median: z.number(), low: z.number().nullable(), high: z.number().nullable() })
    .nullable(),
  /** file median ÷ reference median. */
  ratio: z.number().nullable(),
  /** The question to ask before importing; null when the amounts look like the chain's. */
  question: z.string().nullable(),
});
export type AmountScale = z.infer<typeof amountScaleSchema>;

/** How a ratio reads: "about 20× smaller", "about 15× larger". */
export function scaleWords(ratio: number): string {
  const times = ratio < 1 ? 1 / ratio : ratio;
  const shown = times >= 10 ? Math.round(times / (times >= 100 ? 10 : 1)) * (times >= 100 ? 10 : 1) : Math.round(times * 10) / 10;
  return `about ${shown.toLocaleString('en-GB')}× ${ratio < 1 ? 'smaller' : 'larger'}`;
}

/** The check step's question, e.g. "Amounts look about 20× smaller than your earlier data. Are they in rupees?" */
export function amountsQuestion(ratio: number, from: 'earlier' | 'typical', kind: 'line' | 'customer', currency: string): string {
  const than = from === 'earlier' ? 'your earlier data' : `typical Sri Lankan supermarket ${kind === 'line' ? 'sales lines' : 'customer totals'}`;
  return `Amounts look ${scaleWords(ratio)} than ${than}. Are they in ${currencyWord(currency)}?`;
}
