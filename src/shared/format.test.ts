import { describe, expect, it } from 'vitest';
import { formatAmount, formatBytes, formatDayTime, formatDuration, formatMoney, formatMoneyCompact, formatShare } from './format';

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

describe('money in the chain’s currency', () => {
  // Intl puts a no-break space between the code and the figure, so "LKR" never ends a line alone.
  const plain = (text: string) => text.replace(/\u00a0/g, ' ');

  it('writes cents as whole units after the currency’s code, LKR by default as before', () => {
    expect(plain(formatMoney(1_234_560, 'LKR'))).toBe('LKR 12,346');
    expect(plain(formatMoney(1_234_560, 'USD'))).toBe('USD 12,346');
    expect(plain(formatMoney(1_234_560, 'JPY'))).toBe('JPY 12,346');
    expect(plain(formatMoney(-50_000, 'GBP'))).toBe('-GBP 500');
  });

  it('rounds amounts in units to the cent first, as the stored sums are', () => {
    expect(formatAmount(86_450.5, 'LKR')).toBe(formatMoney(8_645_050, 'LKR'));
    expect(plain(formatAmount(86_450.5, 'EUR'))).toBe('EUR 86,451');
  });

  it('shortens large sums for tiles and axes with the same code', () => {
    expect(plain(formatMoneyCompact(1_250_000_000, 'LKR'))).toBe('LKR 12.5M');
    expect(plain(formatMoneyCompact(357_000_000_000, 'USD'))).toBe('USD 3.57B');
    expect(plain(formatMoneyCompact(95_000, 'AUD'))).toBe('AUD 950');
  });

  it('never lets one currency’s figures leak into another’s', () => {
    const lkr = formatMoney(100, 'LKR');
    expect(formatMoney(100, 'USD')).not.toBe(lkr);
    expect(formatMoney(100, 'LKR')).toBe(lkr);
  });
});

describe('shares and moments as the reports print them', () => {
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
