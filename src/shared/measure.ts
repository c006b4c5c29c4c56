import { formatCount } from './format';

/**
 * What customers and sales are measured by. Money (LKR) when every line has
 * a value; items and visits when lines have none (a loyalty purchase history
 * without prices). The same data is never shown as LKR 0.
 */
export const measures = ['money', 'items'] as const;
export type Measure = (typeof measures)[number];

/** What the check step and the summary say about a sales file without prices or amounts. */
export const noValueNotice = 'This file has no prices or amounts: its lines are imported as items and visits, without value.';

/** Items as people count them: "12 items", "1 item", "2.5 items" for weighed goods. */
export function formatItems(items: number): string {
  const rounded = Math.abs(items) >= 100 ? Math.round(items) : Math.round(items * 10) / 10;
  return `${formatCount(rounded)} ${rounded === 1 ? 'item' : 'items'}`;
}

/** The summary's lines about value, for a file without prices or amounts (none for a file with them). */
export function valuationWords(summary: { noValue: boolean; unvalued: number; valuedAtCatalogue: number }): string[] {
  if (!summary.noValue) return [];
  if (summary.valuedAtCatalogue === 0) return [noValueNotice];
  // Said once, in one sentence: "no prices" beside "850 lines were valued" would read as a contradiction.
  const valued = `${formatCount(summary.valuedAtCatalogue)} ${summary.valuedAtCatalogue === 1 ? 'line was' : 'lines were'} valued at catalogue prices`;
  if (summary.unvalued === 0) return [`This file has no prices or amounts of its own: all ${formatCount(summary.valuedAtCatalogue)} of its lines were valued at catalogue prices.`];
  return [
    `This file has no prices or amounts of its own: ${valued}; ${formatCount(summary.unvalued)} had no catalogue price and stay without value, ` +
      'so segments are measured by items and visits while they are in the analysis period.',
  ];
}

/** The offer on the confirmation step, when a catalogue with prices could value the lines. */
export function catalogueOfferWords(offer: { pricedProducts: number; rowsPriced: number; rowsWithCode: number }): string {
  return (
    `Value the lines at catalogue prices: your product catalogue has prices for ${formatCount(offer.pricedProducts)} products, ` +
    `which cover ${formatCount(offer.rowsPriced)} of this file's ${formatCount(offer.rowsWithCode)} lines with a product code. Lines without a catalogue price stay without value.`
  );
}

const compact = new Intl.NumberFormat('en-LK', { notation: 'compact', maximumSignificantDigits: 3 });

/** Short form for tiles and chart axes: "12.3K items". */
export function formatItemsCompact(items: number): string {
  return `${compact.format(items)} items`;
}
