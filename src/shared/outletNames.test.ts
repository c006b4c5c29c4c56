import { describe, expect, it } from 'vitest';
import { foldReason, isOneLetterSlip } from './outletNames';

describe('outlet names', () => {
  it.each([
    ['colmbo', 'colombo', true],
    ['trincomale', 'trincomalee', true],
    ['kandyy', 'kandy', true],
    ['galel', 'galle', true],
    ['welikada', 'welimada', false],
    ['balangoda', 'ambalangoda', false],
    ['ambalantota', 'ambalangoda', false],
    ['kandy', 'kandy', false],
  ])('%s and %s are one slip of typing apart: %s', (a, b, slip) => {
    expect(isOneLetterSlip(a, b)).toBe(slip);
    expect(isOneLetterSlip(b, a)).toBe(slip);
  });

  it.each([
    ['Kandy', 'Kandy', false, null],
    ['KANDY', 'Kandy', false, 'capitals'],
    ['batticaloa', 'Batticaloa', false, 'capitals'],
    ['Nuwara  Eliya', 'Nuwara Eliya', false, 'spacing'],
    [' kandy', 'Kandy', false, 'capitals and spacing'],
    ['Nuwara-Eliya', 'Nuwara Eliya', false, 'punctuation or accents'],
    ['Kandy City', 'Kandy', false, 'same name'],
    ['Colmbo', 'Colombo', false, 'one-letter typo'],
    ['Galle Fort', 'Galle', false, 'part of the name'],
    ['Welikada', 'Welimada', false, 'chosen by hand'],
    ['Welikada', 'Welimada', true, 'as decided before'],
  ] as const)('"%s" → %s (remembered: %s) is a fold by %s', (written, outlet, remembered, how) => {
    expect(foldReason(written, outlet, remembered)).toBe(how);
  });
});
