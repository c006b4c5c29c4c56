import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format';

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
