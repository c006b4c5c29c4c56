import chainOutlets from '../../../../resources/outlets.json';
import gazetteer from '../../../../resources/places-lk.json';
import { outletKey, placeKey } from '../../../shared/outletNames';

/**
 * The places an outlet name can be: Sri Lanka's towns and cities from
 * GeoNames (resources/places-lk.json, made by scripts/places.mjs, bundled
 * into the worker like resources/outlets.json) and the chain's own outlets.
 * A spelling that is one of them is a real town and is never folded into
 * another one, however alike the names look.
 */
export interface Place {
  name: string;
  district: string | null;
  province: string | null;
}

const byKey = new Map<string, Place>();
const byPlaceKey = new Map<string, Place>();
for (const p of [...gazetteer.places, ...chainOutlets.map((o) => ({ name: o.name, district: null, province: o.province }))]) {
  const place: Place = { name: p.name, district: p.district, province: p.province };
  if (!byKey.has(outletKey(p.name))) byKey.set(outletKey(p.name), place);
  const short = placeKey(p.name);
  if (short !== '' && !byPlaceKey.has(short)) byPlaceKey.set(short, place);
}

/** Every known place, once per name. */
export const knownPlaces: readonly Place[] = [...byKey.values()];

/**
 * The known place a spelling names, whatever its case, spacing, punctuation
 * or accents, with or without a word like "City" or "Outlet". `exact`: the
 * spelling is the place's own name written another way (not a shortened one).
 */
export function knownPlace(spelling: string): { place: Place; exact: boolean } | null {
  const exact = byKey.get(outletKey(spelling));
  if (exact) return { place: exact, exact: true };
  const short = placeKey(spelling);
  const place = short === '' ? undefined : byPlaceKey.get(short);
  return place ? { place, exact: false } : null;
}
