/** Formatting for Sri Lankan users: rupees, dates, counts. Pure: no DOM, no Node. */
const locale = 'en-LK';

const lkr = new Intl.NumberFormat(locale, {
  style: 'currency',
  currency: 'LKR',
  currencyDisplay: 'code',
  maximumFractionDigits: 0,
});
const lkrCompact = new Intl.NumberFormat(locale, {
  notation: 'compact',
  maximumSignificantDigits: 3,
});
const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
// Sri Lanka writes day, month, year ("1 Nov 2025"); en-GB gives that order everywhere.
const day = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Amounts are stored in cents (1/100 rupee) so sums stay exact. */
export function formatLkr(cents: number): string {
  return lkr.format(cents / 100);
}

/** Short form for tiles and chart axes: "LKR 12.5M", "LKR 3.57B". */
export function formatLkrCompact(cents: number): string {
  return `LKR ${lkrCompact.format(cents / 100)}`;
}

export function formatCount(n: number): string {
  return count.format(n);
}

/** `isoDate` is `YYYY-MM-DD` (optionally followed by a time), read as a calendar day. */
export function formatDay(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return day.format(d);
}
