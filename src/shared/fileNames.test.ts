import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxFileNameBytes, safeFileName } from './fileNames';
import { firstInvisible } from './text';

const bytes = (s: string): number => new TextEncoder().encode(s).length;
const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const suffixes = ['', '.pdf', '.xlsx', ' - rejected rows.csv'];

/** Names as they come: any UTF-16 (lone surrogates too), weighted towards the characters file systems trip on. */
const tricky = fc.constantFrom('.', ' ', '<', '>', ':', '"', '/', '\\', '|', '?', '*', '\u0000', '\t', '\u202E', '\u2066', '\uD800', '\uDFFF', 'é', 'e\u0301', 'ශ්‍රී', '👩‍👩‍👧', 'CON', 'nul', 'Com1', 'LPT9', 'aux.');
const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.string({ unit: 'binary', maxLength: 3 }), tricky);
const anyName = fc.oneof(fc.string({ unit, maxLength: 30 }), fc.string({ unit, minLength: 60, maxLength: 200 }));

describe('file names made from names', () => {
  it('are never empty, reserved, hidden or too long, hold no forbidden character, and are stable', () => {
    fc.assert(
      fc.property(anyName, fc.constantFrom(...suffixes), (name, suffix) => {
        const out = safeFileName(name, suffix);
        expect(out.length).toBeGreaterThan(suffix.length);
        expect(out.endsWith(suffix)).toBe(true);
        expect(bytes(out)).toBeLessThanOrEqual(maxFileNameBytes);
        // With a version suffix added later, still well under the 255-byte limit.
        expect(bytes(out.replace(/(\.\w+)?$/, ' (v99)$1'))).toBeLessThan(255);
        expect(out).not.toMatch(/[<>:"/\\|?*]/);
        expect(firstInvisible(out)).toBeNull();
        expect(out).not.toMatch(/^[. ]|[. ]$/);
        expect(out.split('.')[0]?.trimEnd()).not.toMatch(reserved);
        expect(out).toBe(out.normalize('NFC'));
        expect(safeFileName(out)).toBe(out);
        expect(safeFileName(safeFileName(name))).toBe(safeFileName(name));
      }),
      { numRuns: 500 },
    );
  });

  it('keep what a name says, without the spoofing character', () => {
    expect(safeFileName('Shoppers\u202Efdp.exe - 1 Dec 2026', '.pdf')).toBe('Shoppersfdp.exe - 1 Dec 2026.pdf');
    expect(safeFileName('Fresh: "best" <Kandy>/Galle?', '.xlsx')).toBe('Fresh best Kandy Galle.xlsx');
    expect(safeFileName('CON', '.pdf')).toBe('CON_.pdf');
    expect(safeFileName('lpt1.backup', '')).toBe('lpt1_.backup');
    expect(safeFileName('nul ', ' - rejected rows.csv')).toBe('nul - rejected rows.csv');
    expect(safeFileName('...hidden. . ', '.pdf')).toBe('hidden.pdf');
    expect(safeFileName('\u0000\u202E ..', '.pdf')).toBe('Octave report.pdf');
    expect(safeFileName('\u0000', ' - rejected rows.csv', 'import')).toBe('import - rejected rows.csv');
  });

  it('are cut between characters, never inside one', () => {
    const sinhala = 'ශ්‍රී ලංකා '.repeat(40);
    const emoji = '👩‍👩‍👧'.repeat(40);
    for (const name of [sinhala, emoji, `${'a'.repeat(199)}é`]) {
      const out = safeFileName(name, '.pdf');
      expect(bytes(out)).toBeLessThanOrEqual(maxFileNameBytes);
      expect(out.endsWith('.pdf')).toBe(true);
      expect(name.startsWith(out.slice(0, -4))).toBe(true);
      expect(firstInvisible(out)).toBeNull();
    }
    // The family stays whole: the cut falls between two of them.
    expect((safeFileName(emoji, '.pdf').slice(0, -4).length % '👩‍👩‍👧'.length)).toBe(0);
  });
});
