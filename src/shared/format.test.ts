import { describe, expect, it } from 'vitest';
import { formatBytes, formatDayTime, formatDuration, formatLkr, formatRupees, formatShare } from './format';

describe('durations and sizes as people read them', () => {
  it.each([
    [0, '0 s'],
    [4_400, '4 s'],
    [125_000, '2 min 05 s'],
    [3_780_000, '1 h 03 min'],
  ])('%d ms is "%s"', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each([
    [912, '912 bytes'],
    [4_934, '4.9 KB'],
    [7_546_123, '7.5 MB'],
    [2_720_000_000, '2.7 GB'],
    [312_000_000, '312 MB'],
  ])('%d bytes is "%s"', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('rupees, shares and moments as the reports print them', () => {
  it('rounds rupee amounts to whole rupees', () => {
    expect(formatRupees(86_450.5)).toBe(formatLkr(8_645_050));
    expect(formatRupees(86_450.5)).toMatch(/^LKR\s86,451$/);
  });

  it.each([
    [0, '0%'],
    [0.0072, '0.7%'],
    [0.123, '12%'],
    [1, '100%'],
  ])('a share of %d is "%s"', (share, text) => expect(formatShare(share)).toBe(text));

  it('prints an instant on this computer’s clock, day first', () => {
    const local = new Date(2026, 10, 23, 17, 45);
    expect(formatDayTime(local.toISOString())).toBe('23 Nov 2026, 17:45');
  });
});
