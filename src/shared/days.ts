/**
 * Calendar days as the app keeps them: `YYYY-MM-DD` text in the database and
 * over IPC, and day numbers (days since 1970-01-01, which is day 0) where the
 * code counts days or stores them in typed arrays. Both are UTC calendar
 * days: a day number never moves with the computer's time zone, so Colombo
 * (UTC+5:30) and a build server agree on which day a sale was. Shared, since
 * the window shows the same days (format.ts).
 */

export const msPerDay = 86_400_000;

/** The day number of a `YYYY-MM-DD` day; anything after the day (a time) is ignored. NaN when the text is not a day of the calendar. */
export function dayNumber(day: string): number {
  // Date.UTC would read '' as a day of 1899 and 2026-02-30 as 2 March: a day that does not exist is no day.
  if (day.length < 10 || day[4] !== '-' || day[7] !== '-') return Number.NaN;
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (!(m >= 1 && m <= 12 && d >= 1 && (d <= 28 || d <= daysInMonth(y, m)))) return Number.NaN;
  return Date.UTC(y, m - 1, d) / msPerDay;
}

/** The `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** Midnight UTC of a `YYYY-MM-DD` day: the day itself for programs without time zones (Excel). */
export function dayDate(day: string): Date {
  return new Date(dayNumber(day) * msPerDay);
}

/** Today's calendar day in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return isoDay(dayNumber(day) + days);
}

/** The same day of the month `months` away, clamped to the month's last day (31 March − 1 month = 28/29 February). */
export function addMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return isoDay(Date.UTC(year, month, Math.min(d, daysInMonth(year, month + 1))) / msPerDay);
}

/** The first day of the day's month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Days in a month, `month` counted from 1 (January) to 12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
