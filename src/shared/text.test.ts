import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, firstInvisible, invisibleMessage, printable, printableDeep, revealInvisible } from './text';

const refused = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
  // Look-alikes: a name holding one reads the same as one without.
  0x00ad, 0x034f, 0x115f, 0x1160, 0x180e, 0x200b, 0x2028, 0x2029, 0x2060, 0x2061, 0x2064, 0x3164, 0xfeff, 0xffa0, 0xfff9, 0xe0001, 0xe0041, 0xe007f,
].map((c) => String.fromCodePoint(c));
const loneHalves = [0xd800, 0xdbff, 0xdc00, 0xdfff].map((c) => String.fromCharCode(c));

/** Any UTF-16 text, lone surrogates included: what a page or a pasted file can send. */
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
/** What the rule refuses, said as the Unicode properties it is made of (controls, format, separators, default-ignorables), joiners and variation selectors kept. */
const refusedGlobal = /(?![\u200C\u200D\p{Variation_Selector}])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;
/** Sinhala and Tamil letters, signs, the joiners their spelling needs, and an emoji with its variation selector. */
const indicUnit = fc.constantFrom(...'ශරීලංකාකොළඹයාழ்ப்பணம்தமிழ'.split(''), '\u0DCA', '\u0BCD', '\u200C', '\u200D', '\u2764\uFE0F', ' ');
/** Any text a person could mean to type: every code point (Sinhala, Tamil, emoji...) but the refused ones, joiners often. */
const cleanTextArb = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.oneof(indicUnit, fc.constantFrom('a', 'K')), maxLength: 40 }))
  .map((s) => s.replace(refusedGlobal, ''));

const schema = cleanText('segment name');

describe('names a person types', () => {
  it('refuses any text holding a control character or bidi mark, wherever it sits', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...refused), anyText, (before, bad, after) => {
        const result = schema.safeParse(`${before}${bad}${after}`);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toMatch(/^The segment name contains (an invisible control character|an invisible character|a broken character) \(U\+[0-9A-F]{4,6}, [a-z -]+\)\. Type the segment name again without it\.$/i);
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

  it('refuses a look-alike name that holds an invisible character, naming it', () => {
    const outlet = cleanText('outlet name');
    expect(outlet.safeParse('Kan\u200Bdy').error?.issues[0]?.message).toBe(
      'The outlet name contains an invisible character (U+200B, zero width space). Type the outlet name again without it.',
    );
    expect(invisibleMessage('user name', 'Tester\u200BAdmin')).toBe(
      'The user name contains an invisible character (U+200B, zero width space). Type the user name again without it.',
    );
    expect(firstInvisible('\uFEFFKandy')?.words).toBe('U+FEFF, zero width no-break space');
    expect(firstInvisible('Kan\u00ADdy')?.words).toBe('U+00AD, soft hyphen');
    expect(firstInvisible('Kandy\u2028')?.words).toBe('U+2028, line separator');
    expect(firstInvisible('Kandy\u180E')?.words).toBe('U+180E, Mongolian vowel separator');
    expect(firstInvisible('Kan\u034Fdy')?.words).toBe('U+034F, combining grapheme joiner');
    expect(firstInvisible('\u3164')?.words).toBe('U+3164, Hangul filler');
    expect(firstInvisible('Kandy\u{E0041}')?.words).toBe('U+E0041, tag character');
  });

  it('takes real Sinhala and Tamil place names, joiners and all', () => {
    const outlet = cleanText('outlet name');
    // "ශ්‍රී" is ශ, virama, zero width joiner, ර, ී; "ක්‌ෂ" keeps the letters apart with a non-joiner.
    for (const name of ['ශ්\u200Dරී ලංකා', 'කොළඹ', 'யாழ்ப்பாணம்', 'க்\u200Cஷ', 'ශ්‍රී ජයවර්ධනපුර කෝට්ටේ', 'Kandy \u2764\uFE0F']) {
      expect(outlet.safeParse(name)).toEqual({ success: true, data: name.normalize('NFC') });
    }
    expect('ශ්\u200Dරී').toBe('ශ්‍රී');
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
    expect(printable('Kan\u200Bdy\u2028Colombo ශ්‍රී')).toBe('Kandy Colombo ශ්‍රී');
  });
});

describe('typed text kept as evidence (the audit log)', () => {
  it('shows every invisible character as its code, so nothing in it can hide or reorder the line', () => {
    expect(revealInvisible('mallory\u202Edenmi\u202C signed in OK')).toBe('mallory⟨U+202E⟩denmi⟨U+202C⟩ signed in OK');
    expect(revealInvisible('Tester\u200BAdmin\u0000\nx ශ්‍රී')).toBe('Tester⟨U+200B⟩Admin⟨U+0000⟩ x ශ්‍රී');
    fc.assert(
      fc.property(anyText, (text) => {
        expect(firstInvisible(revealInvisible(text))).toBeNull();
      }),
    );
  });
});
