import { z } from 'zod';

/**
 * Characters no one means to type into a name, by Unicode property rather
 * than a hand list, so a look-alike found next year is already covered:
 * controls (Cc: NUL, tab, new line, DEL...), format characters (Cf: the bidi
 * overrides that make "Shoppers\u202Efdp.exe" show as "Shoppersexe.pdf",
 * and the zero width space, soft hyphen, byte order mark and tag characters
 * that make "Kan\u200Bdy" a second "Kandy" that looks the same), line and
 * paragraph separators (Zl, Zp), the other default-ignorable characters
 * (combining grapheme joiner, Hangul fillers...), and halves of a surrogate
 * pair (Cs), which no file or font can write.
 *
 * Kept: the zero width non-joiner and joiner (U+200C, U+200D), which
 * Sinhala and Tamil spelling needs ("ශ්‍රී" holds a joiner), and variation
 * selectors, which pick an emoji's or ideograph's look.
 */
const invisibleSource = String.raw`(?![\u200C\u200D\p{Variation_Selector}])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]`;
const invisiblePattern = new RegExp(invisibleSource, 'u');
const invisibleGlobal = new RegExp(invisibleSource, 'gu');
/** The ones a reader means as a gap between words, made a space when drawn. */
const breaks = new Set(['\t', '\n', '\r', '\u2028', '\u2029']);
/** Controls and bidi characters: "an invisible control character"; the rest of the pattern: "an invisible character". */
const controlPattern = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const charNames: Record<number, string> = {
  0x00: 'null character',
  0x09: 'tab',
  0x0a: 'new line',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0xad: 'soft hyphen',
  0x034f: 'combining grapheme joiner',
  0x061c: 'Arabic letter mark',
  0x115f: 'Hangul filler',
  0x1160: 'Hangul filler',
  0x180e: 'Mongolian vowel separator',
  0x200b: 'zero width space',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0x3164: 'Hangul filler',
  0xfeff: 'zero width no-break space',
  0xffa0: 'Hangul filler',
};

const codePoint = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const isHalf = (code: number): boolean => code >= 0xd800 && code <= 0xdfff;

function named(ch: string): { code: number; words: string } {
  const code = ch.codePointAt(0)!;
  if (isHalf(code)) return { code, words: `${codePoint(code)}, half of a character pair` };
  const fallback = code >= 0xe0000 && code <= 0xe007f ? 'tag character' : controlPattern.test(ch) ? 'control character' : 'invisible formatting character';
  return { code, words: `${codePoint(code)}, ${charNames[code] ?? fallback}` };
}

/** The first invisible character in `value`, as "U+202E, right-to-left override"; null when there is none. */
export function firstInvisible(value: string): { code: number; words: string } | null {
  const match = invisiblePattern.exec(value);
  return match ? named(match[0]) : null;
}

/** What the user reads when a name holds such a character ("The segment name contains ..."). */
export function invisibleMessage(label: string, value: string): string | null {
  const found = firstInvisible(value);
  if (!found) return null;
  const what = isHalf(found.code) ? 'a broken character' : controlPattern.test(String.fromCodePoint(found.code)) ? 'an invisible control character' : 'an invisible character';
  return `The ${label} contains ${what} (${found.words}). Type the ${label} again without it.`;
}

/** Marks an issue whose message is a whole sentence for the user: the door passes it on as it is. */
export const plainIssue = { plain: true } as const;

/**
 * A one-line name a person types: refuses invisible characters with a
 * sentence naming the field and the character, then normalises (NFC, as a
 * Mac and a Windows keyboard can send the same letter differently) and trims.
 * Chain `.min()`/`.max()` after it.
 */
export function cleanText(label: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const message = invisibleMessage(label, value);
      if (message) ctx.addIssue({ code: 'custom', message, params: plainIssue });
    })
    .normalize('NFC')
    .trim();
}

/** The sentence to show instead of "Invalid request ...", when a refused field has one. */
export function plainMessage(issues: readonly { params?: unknown; message: string }[]): string | null {
  const issue = issues.find((i) => (i.params as { plain?: unknown } | undefined)?.plain === true);
  return issue ? issue.message : null;
}

/**
 * A name already stored (old data, outlet names from imported files) made
 * drawable: invisible characters become nothing (a stray NUL broke the PDF
 * export; a zero width space splits a search), and a line break or tab a space.
 */
export function printable(value: string): string {
  return value.replace(invisibleGlobal, (ch) => (breaks.has(ch) ? ' ' : ''));
}

/**
 * Text from a person's typing kept as evidence (a user name tried at sign-in,
 * in the audit log): every invisible character shown as "⟨U+202E⟩", so the
 * log reads what was sent, and an override in it cannot reorder the line
 * around it. A tab or line break becomes a space.
 */
export function revealInvisible(value: string): string {
  return value.replace(invisibleGlobal, (ch) => (breaks.has(ch) ? ' ' : `⟨${codePoint(ch.codePointAt(0)!)}⟩`));
}

/** `value` with `printable` applied to every string in it (plain objects and arrays; numbers and the rest as they are). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableDeep(v)])) as T;
  }
  return value;
}
