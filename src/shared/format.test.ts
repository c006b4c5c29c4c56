import { describe, expect, it } from 'vitest';
import { formatCount, formatDay, formatLkr, formatLkrCompact } from './format';

describe('formatting for Sri Lankan users', () => {
  it('shows rupees from cents, rounded to whole rupees with thousands separators', () => {
    expect(formatLkr(356_544_363_000)).toMatch(/^LKR\s3,565,443,630$/);
    expect(formatLkr(-125_050)).toMatch(/^-LKR\s1,251$/);
  });

  it('shortens large amounts for tiles and axes', () => {
    expect(formatLkrCompact(356_544_363_000)).toBe('LKR 3.57B');
    expect(formatLkrCompact(12_500_000_00)).toBe('LKR 12.5M');
  });

  it('writes dates day first, as Sri Lanka does', () => {
    expect(formatDay('2025-11-01')).toBe('1 Nov 2025');
    expect(formatDay('2026-10-31 20:59:06')).toBe('31 Oct 2026');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('groups counts', () => {
    expect(formatCount(1_119_534)).toBe('1,119,534');
  });
});
