import { isOneLetterSlip, outletKey, placeKey, placeWords } from '../../../shared/outletNames';
import { editDistance } from './numbers';
import { printable } from '../../../shared/text';
import { knownPlace, knownPlaces, type Place } from './places';
import type { z } from 'zod';
import type { outletSuggestionSchema } from '../../../shared/importViews';

export { outletKey };

/**
 * Matching the spellings of outlet names in exports ("KANDY", "Nuwara-Eliya",
 * "Colmbo", "Galle Fort") to outlets and known places.
 */
export interface CanonicalOutlet {
  id: number;
  name: string;
  /** Added by an import rather than by the chain or in Settings: never a target of a guess. */
  fromImport?: boolean;
}

export type OutletSuggestion = z.infer<typeof outletSuggestionSchema>;

interface Target {
  outletId: number | null;
  name: string;
  place: Place | null;
  key: string;
  short: string;
  words: string[];
}

/** The outlets by key, and what may be guessed at; built once per list (a file may have 500 spellings). */
interface OutletIndex {
  byKey: Map<string, CanonicalOutlet>;
  byPlaceKey: Map<string, CanonicalOutlet>;
  targets: Target[];
}

const indexes = new WeakMap<readonly CanonicalOutlet[], OutletIndex>();

function indexOf(outlets: readonly CanonicalOutlet[]): OutletIndex {
  let index = indexes.get(outlets);
  if (index) return index;
  const byKey = new Map<string, CanonicalOutlet>();
  const byPlaceKey = new Map<string, CanonicalOutlet>();
  for (const o of outlets) {
    if (!byKey.has(outletKey(o.name))) byKey.set(outletKey(o.name), o);
    if (!byPlaceKey.has(placeKey(o.name))) byPlaceKey.set(placeKey(o.name), o);
  }
  // What a spelling may be guessed to mean: the chain's and Settings' outlets, and every known place.
  const target = (outletId: number | null, name: string, place: Place | null): Target => ({
    outletId,
    name,
    place,
    key: outletKey(name),
    short: placeKey(name),
    words: placeWords(name),
  });
  const targets = outlets.filter((o) => !o.fromImport).map((o) => target(o.id, o.name, knownPlace(o.name)?.place ?? null));
  const taken = new Set(targets.map((t) => t.key));
  for (const place of knownPlaces) {
    if (taken.has(outletKey(place.name))) continue;
    // An outlet an import added under a place's name is that place: a guess of the place lands on it either way.
    const outlet = byKey.get(outletKey(place.name));
    targets.push(target(outlet?.id ?? null, outlet?.name ?? place.name, place));
  }
  index = { byKey, byPlaceKey, targets };
  indexes.set(outlets, index);
  return index;
}

/**
 * The outlet a spelling most likely means, or null when none is close.
 * The same name in another writing matches any outlet. A spelling that is a
 * known place is that place and nothing else. Only other spellings are
 * guessed at, and only against the known places and the outlets the chain
 * set up, never outlets an earlier import added: so a file gets the same
 * answer whatever was imported before it.
 */
export function suggestOutlet(spelling: string, outlets: readonly CanonicalOutlet[]): OutletSuggestion | null {
  const key = outletKey(spelling);
  if (key === '') return null;
  const { byKey, byPlaceKey, targets } = indexOf(outlets);
  const exact = byKey.get(key);
  if (exact) return { outletId: exact.id, name: exact.name, confidence: 1, how: 'same name', automatic: true, place: null };

  const known = knownPlace(spelling);
  if (known) {
    const { place } = known;
    const outlet = byKey.get(outletKey(place.name)) ?? byPlaceKey.get(placeKey(place.name));
    const where = { district: place.district, province: place.province };
    if (outlet) return { outletId: outlet.id, name: outlet.name, confidence: 0.98, how: 'same name', automatic: true, place: where };
    return { outletId: null, name: known.exact ? place.name : tidyOutletName(spelling), confidence: 1, how: 'known place', automatic: true, place: where };
  }

  const short = placeKey(spelling);
  const sameName = short === '' ? undefined : targets.find((t) => t.short === short);
  if (sameName) return suggestion(sameName, 0.98, 'same name', true);

  // "Galle Fort", "Colombo 07": a whole name among the words.
  const parts = placeWords(spelling);
  const contained = targets.filter((t) => {
    if (t.words.length === 0) return false;
    for (let i = 0; i + t.words.length <= parts.length; i++) if (t.words.every((w, j) => parts[i + j] === w)) return true;
    return false;
  });
  if (contained.length === 1) return suggestion(contained[0] as Target, 0.9, 'part of the name', true);

  const slips = targets.filter((t) => t.key.length >= 5 && isOneLetterSlip(key, t.key));
  const slip = slips[0];
  if (slip) {
    const confidence = sure(1, key, slip.key);
    // Two towns one slip away: which one is meant is for a person to say.
    return suggestion(slip, confidence, slips.length === 1 ? 'one-letter typo' : 'similar spelling', slips.length === 1);
  }

  let best: OutletSuggestion | null = null;
  for (const t of targets) {
    const limit = Math.max(1, Math.floor(Math.max(t.key.length, key.length) / 4));
    const d = editDistance(key, t.key, limit);
    if (d > limit) continue;
    const confidence = sure(d, key, t.key);
    if (!best || confidence > best.confidence) best = suggestion(t, confidence, 'similar spelling', false);
  }
  return best;
}

function sure(distance: number, a: string, b: string): number {
  return Math.round((1 - distance / Math.max(a.length, b.length)) * 100) / 100;
}

function suggestion(t: Target, confidence: number, how: OutletSuggestion['how'], automatic: boolean): OutletSuggestion {
  const place = t.place ? { district: t.place.district, province: t.place.province } : null;
  return { outletId: t.outletId, name: t.name, confidence, how, automatic, place };
}

/** A spelling as it should be shown: trimmed, inner spaces collapsed, in title case if it was all capitals. */
export function tidyOutletName(spelling: string): string {
  // A file's stray control or bidi character would make an outlet name no one can type or print.
  const s = printable(spelling).trim().replace(/\s+/g, ' ');
  if (s === s.toUpperCase()) return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  return s;
}
