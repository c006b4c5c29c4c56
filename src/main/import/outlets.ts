import { editDistance } from './numbers';

/**
 * Matching the spellings of outlet names in exports ("KANDY", "Nuwara-Eliya",
 * "Colmbo", "Galle Fort") to the chain's canonical outlets.
 */
export interface CanonicalOutlet {
  id: number;
  name: string;
}

export interface OutletSuggestion {
  outletId: number;
  name: string;
  /** 1 for the same name written differently; lower for a guess. */
  confidence: number;
  how: 'same name' | 'remembered' | 'part of the name' | 'similar spelling';
}

/** Letters and digits only, lower case, accents dropped: "Nuwara-Eliya " → "nuwaraeliya". */
export function outletKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const generic = new Set(['outlet', 'store', 'branch', 'shop', 'supermarket', 'super', 'market', 'city', 'town', 'the', 'octave', 'sm']);

/** The canonical outlet a spelling most likely means, or null when none is close. */
export function suggestOutlet(spelling: string, outlets: readonly CanonicalOutlet[]): OutletSuggestion | null {
  const key = outletKey(spelling);
  if (key === '') return null;
  for (const o of outlets) if (outletKey(o.name) === key) return { outletId: o.id, name: o.name, confidence: 1, how: 'same name' };
  // "Galle Fort", "Kandy City Centre", "Octave Jaffna": a whole canonical name among the words.
  const parts = words(spelling).filter((w) => !generic.has(w));
  const joined = parts.join('');
  for (const o of outlets) {
    const ok = outletKey(o.name);
    if (joined === ok) return { outletId: o.id, name: o.name, confidence: 0.98, how: 'same name' };
  }
  const contained = outlets.filter((o) => {
    const ow = words(o.name);
    for (let i = 0; i + ow.length <= parts.length; i++) if (ow.every((w, j) => parts[i + j] === w)) return true;
    return false;
  });
  if (contained.length === 1) {
    const o = contained[0] as CanonicalOutlet;
    return { outletId: o.id, name: o.name, confidence: 0.9, how: 'part of the name' };
  }
  let best: OutletSuggestion | null = null;
  for (const o of outlets) {
    const ok = outletKey(o.name);
    const limit = Math.max(1, Math.floor(Math.max(ok.length, key.length) / 4));
    const d = editDistance(key, ok, limit);
    if (d > limit) continue;
    const confidence = Math.round((1 - d / Math.max(ok.length, key.length)) * 100) / 100;
    if (!best || confidence > best.confidence) best = { outletId: o.id, name: o.name, confidence, how: 'similar spelling' };
  }
  return best;
}

/** Merges below this confidence need a person (the CLI adds them as new outlets instead). */
export const autoMergeConfidence = 0.8;

/** A spelling as it should be shown: trimmed, inner spaces collapsed, in title case if it was all capitals. */
export function tidyOutletName(spelling: string): string {
  const s = spelling.trim().replace(/\s+/g, ' ');
  if (s === s.toUpperCase()) return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  return s;
}
