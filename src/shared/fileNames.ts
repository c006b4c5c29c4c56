import { printable } from './text';

/**
 * File names the app makes from names people typed or files carried
 * (segment names, imported file names), safe on Windows and macOS:
 * - no control or bidi characters: "Shoppers\u202Efdp.exe" would show as a
 *   different name and extension than the file has;
 * - none of < > : " / \ | ? * (Windows refuses them; ':' is '/' on a Mac);
 * - no leading dot (hidden on a Mac), no trailing dot or space (Windows drops them);
 * - never a device name Windows reserves (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
 *   with any extension, in any case);
 * - at most `maxFileNameBytes` bytes of UTF-8, cut between characters as the
 *   eye sees them, leaving room under the 255-byte limit for " (v12)" or " (2)".
 */
export const maxFileNameBytes = 200;

const forbidden = /[<>:"/\\|?*]/g;
const reservedName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` within `budget` bytes that ends between two graphemes (a letter and its marks stay together). */
function cutToBytes(text: string, budget: number): string {
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const bytes = utf8Bytes(segment);
    if (used + bytes > budget) break;
    out += segment;
    used += bytes;
  }
  return out;
}

const tidy = (text: string): string =>
  printable(text.normalize('NFC'))
    .replace(forbidden, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');

/**
 * `name` made safe, followed by `suffix` (the app's own words and extension,
 * such as ".pdf" or " - rejected rows.csv", kept whole); `fallback` when
 * nothing of `name` is left.
 */
export function safeFileName(name: string, suffix = '', fallback = 'Octave report'): string {
  const budget = maxFileNameBytes - utf8Bytes(suffix);
  let stem = tidy(cutToBytes(tidy(name), budget)) || fallback;
  // Windows reads the part before the first dot, trailing spaces dropped, as the device name: "CON.pdf" is the console.
  const head = `${stem}${suffix}`.split('.')[0]?.trimEnd() ?? '';
  if (head.length <= stem.length && reservedName.test(head)) stem = tidy(cutToBytes(`${head}_${stem.slice(head.length)}`, budget));
  return `${stem}${suffix}`;
}
