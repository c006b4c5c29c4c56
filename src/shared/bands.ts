import type { Band } from './segmentDetail';

/** How the detail view and the reports name a band of a measure (spend, visits a month, age). */

/** "Under 5K", "5K–10K", "250K and over", "Unknown", with `unit` formatting the ends; `lastInclusive` names whole-number bands by their last value ("30–44"). */
export function bandLabel(band: Band, unit: (v: number) => string, lastInclusive = false): string {
  if (band.min === null && band.max === null) return 'Unknown';
  if (band.min === null) return `Under ${unit(band.max as number)}`;
  if (band.max === null) return `${unit(band.min)} and over`;
  return `${unit(band.min)}–${lastInclusive ? band.max - 1 : unit(band.max)}`;
}

/** Band edges on an axis: "5K", "250K" (the spend edges are whole thousands). */
export function thousands(v: number): string {
  return v >= 1000 ? `${v / 1000}K` : String(v);
}

/** Drops a trailing "Unknown" band nobody falls in. */
export function knownBands(bands: Band[]): Band[] {
  const last = bands[bands.length - 1];
  return last && last.min === null && last.max === null && last.allCustomers === 0 ? bands.slice(0, -1) : bands;
}
