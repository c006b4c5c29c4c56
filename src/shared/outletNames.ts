/**
 * How outlet names written in files compare, shared by the importer and the
 * check screen so both call a fold by the same name.
 */

/** Letters and digits only, lower case, accents dropped: "Nuwara-Eliya " → "nuwaraeliya". */
export function outletKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The words of a name, lower case, accents dropped. */
export function outletWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Words that say what kind of place a name is, not which: "Kandy City", "Octave Jaffna", "Ella Town". */
const genericWords = new Set(['outlet', 'store', 'branch', 'shop', 'supermarket', 'super', 'market', 'city', 'town', 'the', 'octave', 'sm']);

/** The words that name the place: the generic ones dropped. */
export function placeWords(name: string): string[] {
  return outletWords(name).filter((w) => !genericWords.has(w));
}

/** The key of a name without its generic words: "Kandy City" and "KANDY" → "kandy". */
export function placeKey(name: string): string {
  return placeWords(name).join('');
}

/**
 * One letter left out, one letter too many, or two neighbours swapped:
 * the slips of typing that cannot turn one real town into another as easily
 * as a changed letter does (Welikada and Welimada differ by one changed letter).
 */
export function isOneLetterSlip(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) === 1) {
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    let i = 0;
    while (i < short.length && short[i] === long[i]) i++;
    return short.slice(i) === long.slice(i + 1);
  }
  if (a.length !== b.length) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Why a spelling as written in the file ends as `outlet`, when the difference
 * is only in how it is written; null when it is written exactly so; else
 * `otherwise` (the reason the match was made).
 */
export function foldHow(written: string, outlet: string, otherwise: string): string | null {
  if (written === outlet) return null;
  const spaced = written.trim().replace(/\s+/g, ' ');
  if (spaced === outlet) return 'spacing';
  if (written.toLowerCase() === outlet.toLowerCase()) return 'capitals';
  if (spaced.toLowerCase() === outlet.toLowerCase()) return 'capitals and spacing';
  if (outletKey(written) === outletKey(outlet)) return 'punctuation or accents';
  return otherwise;
}

/**
 * Why a spelling is folded into `outlet`, in the words the check screen, the
 * command line and the import summary use; null when it is not a fold (the
 * outlet's name is the spelling exactly as written).
 */
export function foldReason(written: string, outlet: string, remembered: boolean): string | null {
  return foldHow(written, outlet, remembered ? 'as decided before' : matchHow(written, outlet));
}

function matchHow(written: string, outlet: string): string {
  const short = placeKey(written);
  if (short !== '' && short === placeKey(outlet)) return 'same name';
  if (isOneLetterSlip(outletKey(written), outletKey(outlet))) return 'one-letter typo';
  const words = placeWords(written);
  const name = placeWords(outlet);
  for (let i = 0; name.length > 0 && i + name.length <= words.length; i++) if (name.every((w, j) => words[i + j] === w)) return 'part of the name';
  return 'chosen by hand';
}
