import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, firstInvisible, invisibleMessage, printable, printableDeep } from './text';

const refused = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
].map((c) => String.fromCharCode(c));
const loneHalves = [0xd800, 0xdbff, 0xdc00, 0xdfff].map((c) => String.fromCharCode(c));

/** Any UTF-16 text, lone surrogates included: what a page or a pasted file can send. */
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
/** Any text a person could mean to type: every code point (Sinhala, Tamil, emoji...) but the refused ones. */
// eslint-disable-next-line no-control-regex -- the refused characters, taken out
const cleanTextArb = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ''));

const schema = cleanText('segment name');

describe('names a person types', () => {
  it('refuses any text holding a control character or bidi mark, wherever it sits', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...refused), anyText, (before, bad, after) => {
        const result = schema.safeParse(`${before}${bad}${after}`);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toMatch(/^The segment name contains (an invisible control character|a broken character) \(U\+[0-9A-F]{4}, [a-z -]+\)\. Type the segment name again without it\.$/i);
      }),
    );
  });

  it('refuses half of a surrogate pair', () => {
    fc.assert(
      fc.property(cleanTextArb, fc.constantFrom(...loneHalves), cleanTextArb, (before, half, after) => {
        // Kept apart from the text around it, so it cannot pair with a neighbour.
        const result = schema.safeParse(`${before}x${half}x${after}`);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toMatch(/contains a broken character \(U\+D[89A-F][0-9A-F]{2}, half of a character pair\)/);
      }),
    );
  });

  it('takes any other text, only normalised (NFC) and trimmed', () => {
    fc.assert(
      fc.property(cleanTextArb, (text) => {
        expect(schema.safeParse(text)).toEqual({ success: true, data: text.normalize('NFC').trim() });
      }),
    );
  });

  it('names the character in words', () => {
    expect(invisibleMessage('segment name', 'Shoppers\u202Efdp.exe')).toBe(
      'The segment name contains an invisible control character (U+202E, right-to-left override). Type the segment name again without it.',
    );
    expect(firstInvisible('Kandy\u0000')?.words).toBe('U+0000, null character');
    expect(firstInvisible('a\tb')?.words).toBe('U+0009, tab');
    // Sinhala and Tamil need the joiners; they are not refused.
    expect(schema.parse('ශ්‍රී ලංකා தமிழ்')).toBe('ශ්‍රී ලංකා தமிழ்');
  });
});

describe('names already stored, drawn in a report', () => {
  it('lose every invisible character, a line break or tab becoming a space', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(firstInvisible(printable(text))).toBeNull();
      }),
    );
    expect(printable('Kandy\u0000 weekend\u202E\tfamilies')).toBe('Kandy weekend families');
    expect(printableDeep({ a: ['x\u0000', 3, null], b: { c: 'y\u2066' } })).toEqual({ a: ['x', 3, null], b: { c: 'y' } });
  });
});
