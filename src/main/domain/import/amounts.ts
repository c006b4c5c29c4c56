import type { Database } from 'better-sqlite3';
import { fileImportIds } from '../sales/imports';
import { type AmountScale, amountsQuestion } from '../../../shared/importGuard';
import { Random } from '../../../shared/random';
import { chainCurrency } from '../settings/currency';
import type { Shape } from './columns';

/**
 * Is an import's money on the same scale as the chain's? Pounds read as
 * rupees (a line of 3.50 instead of 1,200) or cents read as rupees would
 * make every spend figure wrong by orders of magnitude, silently. The file's
 * median is compared with the user's own earlier data, or, before there is
 * any, with bands of what a Sri Lankan supermarket's amounts look like.
 */

/** More than this many times apart from the earlier data, the check step asks. */
const tolerance = 10;

/**
 * Typical LKR amounts (medians, not single values). A line: the cheapest
 * things a supermarket sells (a bun, a sachet of shampoo, a packet of salt)
 * cost LKR 50–100 at 2024 prices, so a median line under 50 means most lines
 * cost less than a bun; over 20,000 means most lines cost more than a bottle
 * of imported spirits (cents taken as rupees, or a whole bill per line). A
 * customer's total in a customer-level export (usually a year): under 1,000
 * is less than one small basket a year; over 2,000,000 is about
 * LKR 170,000 a month, several times what a household spends on food and
 * groceries (HIES 2019: about LKR 30,000 a month). The reference value in
 * the message is the band's geometric middle.
 */
export const typicalBands = {
  line: { low: 50, high: 20_000 },
  customer: { low: 1_000, high: 2_000_000 },
} as const;

/** Which amount a shape's rows carry; null for shapes without money per sale or customer. */
export function amountKind(shape: Shape): 'line' | 'customer' | null {
  return shape === 'salesLines' ? 'line' : shape === 'customerSpend' ? 'customer' : null;
}

/** A fixed-size, seeded sample of a file's positive amounts, to take a median of without keeping millions. */
export class AmountSample {
  private readonly values: number[] = [];
  private seen = 0;
  private readonly random = new Random(14);

  constructor(private readonly size = 4_001) {}

  /** Algorithm R: `read(row)` (which parses the row) is only called for rows the sample keeps; no closure per row. */
  offer<T>(read: (row: T) => number | null, row: T): void {
    this.seen++;
    let slot = this.values.length;
    if (slot >= this.size) {
      slot = Math.floor(this.random.next() * this.seen);
      if (slot >= this.size) return;
    }
    const value = read(row);
    if (value === null || !(value > 0) || !Number.isFinite(value)) return;
    if (slot >= this.values.length) this.values.push(value);
    else this.values[slot] = value;
  }

  median(): number | null {
    return median(this.values);
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const probesPerSample = 2_001;

/**
 * Positive line amounts (rupees) sampled from these imports, in proportion
 * to their size. An import's lines have consecutive ids (written in one
 * transaction), so evenly spaced id probes through the import's id range
 * sample it in a few milliseconds, even at millions of lines.
 */
function sampledLineAmounts(db: Database, importIds: number[]): number[] {
  // raw: sampling probes prepared once and run hundreds of times through the id range.
  const range = db.prepare('SELECT min(id) AS low, max(id) AS high, count(*) AS n FROM sales_lines WHERE import_id = ?');
  const probe = db.prepare('SELECT amount_cents FROM sales_lines WHERE id >= ? AND import_id = ? AND amount_cents > 0 LIMIT 1').pluck();
  const ranges = importIds
    .map((id) => ({ id, ...(range.get(id) as { low: number | null; high: number | null; n: number }) }))
    .filter((r) => r.n > 0 && r.low !== null && r.high !== null);
  const total = ranges.reduce((s, r) => s + r.n, 0);
  const out: number[] = [];
  for (const r of ranges) {
    const probes = Math.max(1, Math.round((probesPerSample * r.n) / total));
    const step = ((r.high as number) - (r.low as number)) / probes;
    for (let i = 0; i < probes; i++) {
      const cents = probe.get(Math.floor((r.low as number) + i * step), r.id) as number | undefined;
      if (cents !== undefined) out.push(cents / 100);
    }
  }
  return out;
}

/** Customers' totals (rupees) of customer-level imports, every n-th row through the import index. */
function sampledCustomerTotals(db: Database, importIds: number[]): number[] {
  // raw: sampling probes prepared once and run hundreds of times.
  const total = db.prepare('SELECT fresh_cents + dry_cents + luxury_cents + coalesce(other_cents, 0) FROM customer_spend WHERE customer_id = ?').pluck();
  const ids = db.prepare('SELECT customer_id FROM customer_spend WHERE import_id = ?').pluck();
  const out: number[] = [];
  for (const importId of importIds) {
    const n = db.prepare('SELECT count(*) FROM customer_spend WHERE import_id = ?').pluck().get(importId) as number;
    const every = Math.max(1, Math.floor(n / probesPerSample));
    let i = 0;
    for (const id of ids.iterate(importId) as Iterable<number>) {
      if (i++ % every !== 0) continue;
      const cents = total.get(id) as number;
      if (cents > 0) out.push(cents / 100);
    }
  }
  return out;
}

/**
 * The median of the user's own data of this kind, leaving out `exceptImport`.
 * The demo data is left out on purpose: its prices are this app's guess at a
 * Sri Lankan chain's, not the chain's own, so with only the demo loaded the
 * file is compared with the stated typical bands instead (same effect, and
 * the message says honestly what it was compared with).
 */
export function earlierMedian(db: Database, kind: 'line' | 'customer', exceptImport: number | null = null): number | null {
  const imports = fileImportIds(db, exceptImport);
  return median(kind === 'line' ? sampledLineAmounts(db, imports) : sampledCustomerTotals(db, imports));
}

/** The verdict on a file's median against the earlier data (or the typical bands, for rupees only). */
export function judgeAmounts(kind: 'line' | 'customer', fileMedian: number | null, earlier: number | null, currency: string): AmountScale {
  const none: AmountScale = { kind, median: fileMedian, reference: null, ratio: null, question: null };
  if (fileMedian === null) return none;
  if (earlier !== null) {
    const ratio = fileMedian / earlier;
    const reference = { from: 'earlier' as const, median: earlier, low: null, high: null };
    const off = ratio > tolerance || ratio < 1 / tolerance;
    return { kind, median: fileMedian, reference, ratio, question: off ? amountsQuestion(ratio, 'earlier', kind, currency) : null };
  }
  // The bands are rupees; for another currency there is nothing to compare with until its first import.
  if (currency !== 'LKR') return none;
  const band = typicalBands[kind];
  const middle = Math.sqrt(band.low * band.high);
  const ratio = fileMedian / middle;
  const off = fileMedian < band.low || fileMedian > band.high;
  return { kind, median: fileMedian, reference: { from: 'typical', median: middle, low: band.low, high: band.high }, ratio, question: off ? amountsQuestion(ratio, 'typical', kind, currency) : null };
}

/** The same verdict for what an import has just written (inside its transaction): the import refuses unconfirmed amounts. */
export function judgeWrittenImport(db: Database, importId: number, kind: 'line' | 'customer', earlier: number | null): AmountScale {
  const written = median(kind === 'line' ? sampledLineAmounts(db, [importId]) : sampledCustomerTotals(db, [importId]));
  return judgeAmounts(kind, written, earlier, chainCurrency(db));
}
