import { isOneLetterSlip, outletKey, placeKey, placeWords } from '../../shared/outletNames';
import { editDistance } from './numbers';
import { knownPlace, knownPlaces, type Place } from './places';

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

export interface OutletSuggestion {
  /** null: a known place with no outlet yet, which would be added as a new outlet called `name`. */
  outletId: number | null;
  name: string;
  /** 1 for the same name written differently; lower for a guess. */
  confidence: number;
  how: 'same name' | 'known place' | 'part of the name' | 'one-letter typo' | 'similar spelling';
  /** Whether it is taken without asking; a similar spelling never is (it may be another town). */
  automatic: boolean;
  /** Where the known place is, when the suggestion is one. */
  place: { district: string | null; province: string | null } | null;
}

interface Target {
  outletId: number | null;
  name: string;
  place: Place | null;
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
  const exact = outlets.find((o) => outletKey(o.name) === key);
  if (exact) return { outletId: exact.id, name: exact.name, confidence: 1, how: 'same name', automatic: true, place: null };

  const known = knownPlace(spelling);
  if (known) {
    const { place } = known;
    const outlet = outlets.find((o) => outletKey(o.name) === outletKey(place.name) || placeKey(o.name) === placeKey(place.name));
    const where = { district: place.district, province: place.province };
    if (outlet) return { outletId: outlet.id, name: outlet.name, confidence: 0.98, how: 'same name', automatic: true, place: where };
    return { outletId: null, name: known.exact ? place.name : tidyOutletName(spelling), confidence: 1, how: 'known place', automatic: true, place: where };
  }

  const targets = guessTargets(outlets);
  const short = placeKey(spelling);
  const sameName = targets.find((t) => short !== '' && placeKey(t.name) === short);
  if (sameName) return suggestion(sameName, 0.98, 'same name', true);

  // "Galle Fort", "Colombo 07": a whole name among the words.
  const parts = placeWords(spelling);
  const contained = targets.filter((t) => {
    const tw = placeWords(t.name);
    if (tw.length === 0) return false;
    for (let i = 0; i + tw.length <= parts.length; i++) if (tw.every((w, j) => parts[i + j] === w)) return true;
    return false;
  });
  if (contained.length === 1) return suggestion(contained[0] as Target, 0.9, 'part of the name', true);

  const slips = targets.filter((t) => outletKey(t.name).length >= 5 && isOneLetterSlip(key, outletKey(t.name)));
  const slip = slips[0];
  if (slip) {
    const confidence = sure(1, key, outletKey(slip.name));
    // Two towns one slip away: which one is meant is for a person to say.
    return slips.length === 1 ? suggestion(slip, confidence, 'one-letter typo', true) : suggestion(slip, confidence, 'similar spelling', false);
  }

  let best: OutletSuggestion | null = null;
  for (const t of targets) {
    const tk = outletKey(t.name);
    const limit = Math.max(1, Math.floor(Math.max(tk.length, key.length) / 4));
    const d = editDistance(key, tk, limit);
    if (d > limit) continue;
    const confidence = sure(d, key, tk);
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

/** What a spelling may be guessed to mean: the chain's and Settings' outlets, and every known place. */
function guessTargets(outlets: readonly CanonicalOutlet[]): Target[] {
  const targets: Target[] = outlets.filter((o) => !o.fromImport).map((o) => ({ outletId: o.id, name: o.name, place: knownPlace(o.name)?.place ?? null }));
  const taken = new Set(targets.map((t) => outletKey(t.name)));
  for (const place of knownPlaces) {
    if (taken.has(outletKey(place.name))) continue;
    // An outlet an import added under a place's name is that place: a guess of the place lands on it either way.
    const outlet = outlets.find((o) => outletKey(o.name) === outletKey(place.name));
    targets.push({ outletId: outlet?.id ?? null, name: outlet?.name ?? place.name, place });
  }
  return targets;
}

/** A spelling as it should be shown: trimmed, inner spaces collapsed, in title case if it was all capitals. */
export function tidyOutletName(spelling: string): string {
  const s = spelling.trim().replace(/\s+/g, ' ');
  if (s === s.toUpperCase()) return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
  return s;
}
