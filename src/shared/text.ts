import { z } from 'zod';

/**
 * Characters no one means to type into a name: C0 and C1 controls (NUL,
 * tab, new line, DEL...), the bidi embeddings, overrides, isolates and
 * marks that make a name read differently from what it holds
 * ("Shoppers\u202Efdp.exe" shows as "Shoppersexe.pdf"), and halves of a
 * surrogate pair, which no file or font can write.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole point
const invisiblePattern = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const invisibleGlobal = new RegExp(invisiblePattern.source, 'g');

const charNames: Record<number, string> = {
  0x00: 'null character',
  0x09: 'tab',
  0x0a: 'new line',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'delete',
  0x061c: 'Arabic letter mark',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

const codePoint = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first invisible character in `value`, as "U+202E, right-to-left override"; null when there is none. */
export function firstInvisible(value: string): { code: number; words: string } | null {
  const match = invisiblePattern.exec(value);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return { code, words: `${codePoint(code)}, half of a character pair` };
  return { code, words: `${codePoint(code)}, ${charNames[code] ?? 'control character'}` };
}

/** What the user reads when a name holds such a character ("The segment name contains ..."). */
export function invisibleMessage(label: string, value: string): string | null {
  const found = firstInvisible(value);
  if (!found) return null;
  const what = found.code >= 0xd800 && found.code <= 0xdfff ? 'a broken character' : 'an invisible control character';
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
 * export), and a line break or tab a space.
 */
export function printable(value: string): string {
  return value.replace(invisibleGlobal, (ch) => (ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : ''));
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
