import { describe, expect, it } from 'vitest';
import { formatDay } from './format';
import { addDays, addMonths, dayDate, dayNumber, daysInMonth, isoDay, monthStart, msPerDay, todayUtc } from './days';

describe('day numbers', () => {
  it('count from 1 January 1970, day 0, in both directions', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isoDay(0)).toBe('1970-01-01');
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(isoDay(-1)).toBe('1969-12-31');
    expect(dayNumber('2026-10-31')).toBe(20_757);
  });

  it('go round a year end and a leap day without a gap or a doubled day', () => {
    expect(dayNumber('2026-01-01') - dayNumber('2025-12-31')).toBe(1);
    expect(isoDay(dayNumber('2025-12-31') + 1)).toBe('2026-01-01');
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(isoDay(dayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(dayNumber('2025-03-01') - dayNumber('2025-02-28')).toBe(1);
    // 1900 is not a leap year, 2000 is.
    expect(dayNumber('1900-03-01') - dayNumber('1900-02-28')).toBe(1);
    expect(dayNumber('2000-03-01') - dayNumber('2000-02-28')).toBe(2);
    expect(dayNumber('2025-01-01') - dayNumber('2024-01-01')).toBe(366);
  });

  it('give back every day of four years as it was written', () => {
    const from = dayNumber('2023-01-01');
    for (let d = from; d < from + 4 * 366; d++) expect(dayNumber(isoDay(d))).toBe(d);
  });

  it('ignore the time of a stored sale, and say NaN for text that is not a day', () => {
    expect(dayNumber('2026-03-05 18:45:00')).toBe(dayNumber('2026-03-05'));
    expect(dayNumber('not a day')).toBeNaN();
    expect(dayNumber('')).toBeNaN();
    expect(dayNumber('2026')).toBeNaN();
    expect(dayNumber('2026-03')).toBeNaN();
    expect(dayNumber('2026-02-29')).toBeNaN();
    expect(dayNumber('2026-13-01')).toBeNaN();
    expect(dayNumber('2026-04-31')).toBeNaN();
    expect(dayNumber('2026-00-10')).toBeNaN();
    expect(dayNumber('2024-02-29')).toBe(dayNumber('2024-02-28') + 1);
  });

  it('are whole days at midnight UTC, whatever the time zone', () => {
    expect(dayDate('2026-03-05').toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(dayDate('2024-02-29').getTime()).toBe(dayNumber('2024-02-29') * msPerDay);
    expect(todayUtc()).toBe(isoDay(Math.floor(Date.now() / msPerDay)));
  });
});

describe('moving days', () => {
  it('adds days across months, year ends and the leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2026-10-31', 0)).toBe('2026-10-31');
  });

  it('adds months keeping the day, clamped to the end of a shorter month', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-10-31', -12)).toBe('2025-10-31');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-11-01', 25)).toBe('2027-12-01');
  });

  it('knows each month first day and length', () => {
    expect(monthStart('2026-10-31')).toBe('2026-10-01');
    expect(monthStart('2026-10-31 09:00:00')).toBe('2026-10-01');
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(daysInMonth(2026, 4)).toBe(30);
  });
});

describe('days as the window shows them', () => {
  it('are the calendar day, day first, whatever the time after it', () => {
    expect(formatDay('2026-03-05')).toBe('5 Mar 2026');
    expect(formatDay('2026-03-05 23:59:59')).toBe('5 Mar 2026');
    expect(formatDay('2024-02-29')).toBe('29 Feb 2024');
    expect(formatDay('1970-01-01')).toBe('1 Jan 1970');
  });

  it('leave text that is no day as it was written, rather than show another day', () => {
    expect(formatDay('2026-02-30')).toBe('2026-02-30');
    expect(formatDay('unknown')).toBe('unknown');
  });
});
