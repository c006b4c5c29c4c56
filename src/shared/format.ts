/** Formatting for Sri Lankan users: money in the chain's currency, dates, counts. Pure: no DOM, no Node. */
import { dayDate } from './days';

const locale = 'en-LK';

interface MoneyFormats {
  whole: Intl.NumberFormat;
  compact: Intl.NumberFormat;
}
// One pair of formatters a currency: building an Intl.NumberFormat costs far more than using one, and tables format thousands of cells.
const moneyFormats = new Map<string, MoneyFormats>();

/**
 * `currency` is the chain's ISO 4217 code as Settings stores it (LKR, USD...).
 * The code, not a symbol, is written before the figure: "$" would not say
 * which dollar, and "Rs" is shared by several rupees.
 */
function formatsFor(currency: string): MoneyFormats {
  let formats = moneyFormats.get(currency);
  if (!formats) {
    const money = { style: 'currency', currency, currencyDisplay: 'code' } as const;
    formats = {
      whole: new Intl.NumberFormat(locale, { ...money, maximumFractionDigits: 0 }),
      compact: new Intl.NumberFormat(locale, { ...money, notation: 'compact', maximumSignificantDigits: 3 }),
    };
    moneyFormats.set(currency, formats);
  }
  return formats;
}

/** Amounts are stored in cents (1/100 of the currency's unit) so sums stay exact: "LKR 12,346", "USD 12,346". */
export function formatMoney(cents: number, currency: string): string {
  return formatsFor(currency).whole.format(cents / 100);
}

/** Amounts already in whole units (the segment detail's and the reports' spend), rounded to the cent first as stored sums are. */
export function formatAmount(amount: number, currency: string): string {
  return formatMoney(Math.round(amount * 100), currency);
}

/** Short form for tiles and chart axes: "LKR 12.5M", "USD 3.57B". */
export function formatMoneyCompact(cents: number, currency: string): string {
  return formatsFor(currency).compact.format(cents / 100);
}

const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
// Sri Lanka writes day, month, year ("1 Nov 2025"); en-GB gives that order everywhere.
const day = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export function formatCount(n: number): string {
  return count.format(n);
}

/** `isoDate` is `YYYY-MM-DD` (optionally followed by a time), read as a calendar day. */
export function formatDay(isoDate: string): string {
  const d = dayDate(isoDate);
  if (Number.isNaN(d.getTime())) return isoDate;
  return day.format(d);
}

const dayTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant (ISO date-time) on this computer's clock: "23 Nov 2026, 17:45". */
export function formatDayTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayTime.format(d);
}

const dayTimeSeconds = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** The same to the second, where minutes would not tell two apart: "23 Nov 2026, 17:45:05". */
export function formatDayTimeSeconds(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dayTimeSeconds.format(d);
}

/** A share as a percentage, with a decimal under 10% so small shares do not read as 0%: "7.5%", "42%". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
}

/** "4 s", "2 min 05 s", "1 h 03 min": how long something took or will take. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** File sizes as people read them: "912 KB", "2.7 GB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
