/**
 * Reading the numbers people type into exports: thousand separators, a
 * decimal comma, currency marks (Rs., LKR, රු), parentheses or a trailing
 * minus for negatives, and amounts written in English words, misspelt or not.
 * A value that cannot be read is an error with a reason, never a silent zero.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

// "rupees" as people type it: rupee, rupes, rupess, rupies, ruppees, rupiz, rupis...
const rupeeWord = 'r+u+p+[aeiy]*[sz]*';
const currency = new RegExp(`^(?:rs\\.?|lkr|slr|රු\\.?|${rupeeWord})\\s*|\\s*(?:rs\\.?|lkr|slr|රු\\.?|${rupeeWord}|\\/=|\\/-)$`, 'giu');
const rupeeSpelling = new RegExp(`^${rupeeWord}$`);
const plain = /^[-+]?\d+(?:\.\d+)?$/;

export function parseNumber(input: string): Parsed<number> {
  let s = input.trim();
  if (s === '') return { ok: false, reason: 'is empty' };
  // The common case first: a plain decimal number.
  if (plain.test(s)) return { ok: true, value: Number(s) };
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(currency, '').replace(currency, '').trim();
  if (s.endsWith('-') && /\d/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  s = s.replace(currency, '').trim();
  if (/^[\d\s.,'\u00a0\u202f]+$/.test(s) && /\d/.test(s)) {
    const n = digitsToNumber(s);
    if (n === null) return { ok: false, reason: 'is not a number this app can read' };
    return { ok: true, value: negative ? -n : n };
  }
  if (/^[a-z\s,\-&.]+$/i.test(s)) {
    const words = parseWords(s);
    if (!words.ok) return words;
    return { ok: true, value: negative ? -words.value : words.value };
  }
  return { ok: false, reason: 'is not a number' };
}

/** "1,234.50", "1.234,50", "1 234,5", "12,5" → numbers; "1,2,3" → null. */
function digitsToNumber(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f']/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal mark.
    normal = lastDot > lastComma ? s.replaceAll(',', '') : s.replaceAll('.', '').replace(',', '.');
  } else if (lastComma >= 0) {
    // Only commas: groups of three are thousands (1,250 or 1,25,000 in lakh style); else a decimal comma.
    if (/^\d{1,3}(,\d{2,3})*,\d{3}$/.test(s)) normal = s.replaceAll(',', '');
    else if (/^\d+,\d+$/.test(s)) normal = s.replace(',', '.');
    else return null;
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    // Several dots: thousands (1.250.000).
    if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return null;
    normal = s.replaceAll('.', '');
  } else {
    normal = s;
  }
  if (!/^\d*\.?\d+$|^\d+\.$/.test(normal)) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

const small: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const scales: Record<string, number> = { hundred: 100, thousand: 1_000, lakh: 100_000, lakhs: 100_000, million: 1_000_000, crore: 10_000_000 };
const filler = new Set(['and', 'rupees', 'rupee', 'rs', 'lkr', 'only', 'a']);
const cents = new Set(['cents', 'cent']);
/** Misspellings too far from the word for one edit, or too short to guess at. */
const aliases: Record<string, string> = {
  fourty: 'forty', ninty: 'ninety', fivty: 'fifty', fiveteen: 'fifteen', twelv: 'twelve', tweny: 'twenty', twenti: 'twenty',
  thousands: 'thousand', thousnds: 'thousand', thosand: 'thousand', tousand: 'thousand', hundreds: 'hundred', hundread: 'hundred', hundered: 'hundred', hunderd: 'hundred',
  lak: 'lakh', lac: 'lakh', lacs: 'lakh', laks: 'lakh', lacks: 'lakh', lakhs: 'lakh', crores: 'crore', millions: 'million',
  rs: 'rupees', lkr: 'rupees', slr: 'rupees', rupee: 'rupees', ruppes: 'rupees', cent: 'cents',
};
const vocabulary = [...Object.keys(small), ...Object.keys(scales), ...filler, ...cents, ...Object.keys(aliases)];

/** The word of `vocabulary` a typed word means: exact, or one edit away for words of three letters or more. */
function correct(word: string): string | null {
  if (rupeeSpelling.test(word)) return 'rupees';
  if (word in aliases) return aliases[word] as string;
  if (vocabulary.includes(word)) return word;
  if (word.length < 3) return null;
  let found: string | null = null;
  for (const v of vocabulary) {
    if (Math.abs(v.length - word.length) <= 1 && editDistance(v, word, 1) <= 1) {
      const meaning = aliases[v] ?? v;
      // Two candidates that mean different things (rupee and rupees do not): do not guess.
      if (found && found !== meaning) return null;
      found = meaning;
    }
  }
  return found;
}

/** "Two thousand five hundred rupees", "Rupees one lakh twenty thousand only", "ten rupees and fifty cents". */
export function parseWords(text: string): Parsed<number> {
  const words = text.toLowerCase().replace(/[-,&.]/g, ' ').split(/\s+/).filter(Boolean);
  let total = 0;
  let group = 0;
  let rupees = 0;
  let seenNumber = false;
  let centsPart: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = correct(words[i] as string);
    if (word === null) {
      const anyNumberWord = words.some((w) => { const c = correct(w); return c !== null && !filler.has(c); });
      return { ok: false, reason: anyNumberWord ? 'is written in words that could not be read' : 'is not a number' };
    }
    if (cents.has(word)) {
      if (!seenNumber) return { ok: false, reason: 'is written in words that could not be read' };
      centsPart = total + group;
      if (centsPart >= 100) return { ok: false, reason: 'has more than 99 cents' };
      total = 0;
      group = 0;
      continue;
    }
    if (filler.has(word)) {
      if (word === 'rupees') {
        rupees += total + group;
        total = 0;
        group = 0;
      }
      continue;
    }
    seenNumber = true;
    const value = small[word];
    if (value !== undefined) {
      group += value;
      continue;
    }
    const scale = scales[word] as number;
    if (scale === 100) group = (group === 0 ? 1 : group) * 100;
    else {
      total += (group === 0 ? 1 : group) * scale;
      group = 0;
    }
  }
  if (!seenNumber) return { ok: false, reason: 'has no amount in it' };
  const whole = rupees + total + group;
  return { ok: true, value: whole + (centsPart ?? 0) / 100 };
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Rupees to whole cents, rounding half away from zero; null if it does not fit. */
export function toCents(rupees: number): number | null {
  const cents = Math.sign(rupees) * Math.round(Math.abs(rupees) * 100 + 1e-7);
  return Number.isSafeInteger(cents) && Math.abs(cents) < 1e13 ? cents : null;
}
