import type { Parsed } from './numbers';
import { daysInMonth, msPerDay } from '../../../shared/days';

/**
 * Dates as exports write them: ISO (with or without time), day-first or
 * month-first with / - or . (decided from the whole column, asked when the
 * column cannot tell), month names, and Excel serial numbers. The result is
 * local time as 'YYYY-MM-DD HH:MM:SS'.
 */
export type DateOrder = 'dmy' | 'mdy';

const isoFull = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;
const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(.+))?$/;
const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[T ]+(.+))?$/;
const named = /^(\d{1,2})[-\s/]*([a-z]{3,9})\.?[-\s/,]*(\d{4}|\d{2})(?:[T ]+(.+))?$/i;
const namedFirst = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[T ]+(.+))?$/i;
const serial = /^\d{5}(?:\.\d+)?$/;
const time = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number {
  const key = name.slice(0, 3).toLowerCase();
  return months.indexOf(key) + 1;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function build(year: number, month: number, day: number, timeText: string | undefined, minYear = 1990): Parsed<string> {
  if (month < 1 || month > 12) return { ok: false, reason: 'has no such month' };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'has no such day' };
  if (year < minYear || year > 2100) return { ok: false, reason: `is outside the years ${minYear} to 2100` };
  let hh = 0;
  let mm = 0;
  let ss = 0;
  if (timeText !== undefined && timeText.trim() !== '') {
    const t = time.exec(timeText.trim());
    if (!t) return { ok: false, reason: 'has a time that could not be read' };
    hh = Number(t[1]);
    mm = Number(t[2]);
    ss = t[3] === undefined ? 0 : Number(t[3]);
    const ampm = t[4]?.toLowerCase().replaceAll('.', '');
    if (ampm) {
      if (hh < 1 || hh > 12) return { ok: false, reason: 'has a time that could not be read' };
      if (ampm === 'pm' && hh !== 12) hh += 12;
      if (ampm === 'am' && hh === 12) hh = 0;
    }
    if (hh > 23 || mm > 59 || ss > 59) return { ok: false, reason: 'has a time that could not be read' };
  }
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)} ${pad(hh)}:${pad(mm)}:${pad(ss)}` };
}

/** Excel's 1900 date system: serial 25569 is 1970-01-01; the fraction is the time of day. */
export function fromExcelSerial(value: number): Parsed<string> {
  if (value < 32874 || value > 73051) return { ok: false, reason: 'is outside the years 1990 to 2100' };
  const ms = Math.round((value - 25569) * msPerDay / 1000) * 1000;
  const d = new Date(ms);
  return {
    ok: true,
    value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

/** Reads one date; `order` settles 03/04/2026. With no order, an ambiguous date is an error. */
export function parseDate(input: string, order: DateOrder | null, minYear = 1990): Parsed<string> {
  const s = input.trim();
  if (s === '') return { ok: false, reason: 'is empty' };
  const f = isoFull.exec(s);
  if (f) return build(Number(f[1]), Number(f[2]), Number(f[3]), `${f[4]}:${f[5]}:${f[6]}`, minYear);
  let m = ymd.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], minYear);
  m = numeric.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3] as string);
    const resolved: DateOrder | null = a > 12 ? 'dmy' : b > 12 ? 'mdy' : a === b ? 'dmy' : order;
    if (resolved === null) return { ok: false, reason: 'could be day/month or month/day' };
    return resolved === 'dmy' ? build(year, b, a, m[4], minYear) : build(year, a, b, m[4], minYear);
  }
  m = named.exec(s);
  if (m && monthNumber(m[2] as string) > 0) return build(fullYear(m[3] as string), monthNumber(m[2] as string), Number(m[1]), m[4], minYear);
  m = namedFirst.exec(s);
  if (m && monthNumber(m[1] as string) > 0) return build(Number(m[3]), monthNumber(m[1] as string), Number(m[2]), m[4], minYear);
  if (serial.test(s)) return fromExcelSerial(Number(s));
  return { ok: false, reason: 'is not a date' };
}

/**
 * Watches a whole date column to decide between day-first and month-first:
 * one 13/01 settles it for day-first, one 01/13 for month-first.
 */
export class DateOrderEvidence {
  dayFirst = 0;
  monthFirst = 0;
  /** Values like 03/04/2026 that either order reads. */
  ambiguous = 0;
  example: string | null = null;

  observe(input: string): void {
    const m = numeric.exec(input.trim());
    if (!m) return;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) this.dayFirst++;
    else if (b > 12 && a <= 12) this.monthFirst++;
    else if (a !== b && a <= 12 && b <= 12) {
      this.ambiguous++;
      this.example ??= input.trim();
    }
  }

  /** The order the column shows, or null when it cannot tell (only ambiguous values). */
  decided(): DateOrder | null {
    if (this.dayFirst === 0 && this.monthFirst === 0) return null;
    return this.dayFirst >= this.monthFirst ? 'dmy' : 'mdy';
  }

  /** True when the user must be asked (or a default applied). */
  needsDecision(): boolean {
    return this.ambiguous > 0 && this.decided() === null;
  }
}
