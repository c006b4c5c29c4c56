/*
 * A small look at each column's values, taken by the check pass, so an
 * example in a message never names a column that cannot be the field: an
 * outlet is text with few distinct values, an amount is numbers, a date is
 * dates. Only the first rows are looked at; it is a hint, not a verdict.
 */
import { parseDate } from './dates';
import { parseNumber } from './numbers';
import { knownPlace } from './places';

export interface ColumnProfile {
  /** Rows looked at with a value in this column. */
  filled: number;
  numbers: number;
  dates: number;
  /** Values that are a known town or outlet (a column of them is very likely the outlet). */
  places: number;
  /** Distinct values, counted up to a cap. */
  distinct: number;
}

const sampleRows = 1_000;

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}
const distinctCap = 501;

export class ColumnProfiler {
  private rows = 0;
  private readonly profiles: ColumnProfile[] = [];
  private readonly seen: Array<Set<string>> = [];

  observe(fields: readonly string[]): void {
    if (this.rows >= sampleRows) return;
    this.rows++;
    fields.forEach((raw, c) => {
      const value = raw.trim();
      if (value === '') return;
      const p = (this.profiles[c] ??= { filled: 0, numbers: 0, dates: 0, places: 0, distinct: 0 });
      const seen = (this.seen[c] ??= new Set());
      p.filled++;
      // Dates and figures have digits; a quick look spares reading every description as an amount in words
      // (a third of a second on Online Retail's check). Amounts in words are rare enough for a hint.
      const digit = hasDigit(value);
      if (digit && parseDate(value, 'dmy').ok) p.dates++;
      else if (digit && parseNumber(value).ok) p.numbers++;
      else if (knownPlace(value) !== null) p.places++;
      if (seen.size < distinctCap && !seen.has(value.toLowerCase())) {
        seen.add(value.toLowerCase());
        p.distinct++;
      }
    });
  }

  result(width: number): ColumnProfile[] {
    return Array.from({ length: width }, (_, c) => this.profiles[c] ?? { filled: 0, numbers: 0, dates: 0, places: 0, distinct: 0 });
  }
}

/** What a field's values look like. */
type Kind = 'number' | 'date' | 'place' | 'label' | 'key' | 'text';

const kinds: Record<string, Kind> = {
  amount: 'number', unitPrice: 'number', quantity: 'number', fresh: 'number', dry: 'number', luxury: 'number', other: 'number', visits: 'number', age: 'number',
  soldAt: 'date', joinedOn: 'date', firstPurchase: 'date', lastPurchase: 'date', birthDate: 'date',
  outlet: 'place', homeOutlet: 'place',
  category: 'label', gender: 'label', segment: 'label',
  customer: 'key', basket: 'key', productCode: 'key',
};

/** Whether the column's values could be the field's. */
export function valuesFit(field: string, p: ColumnProfile): boolean {
  if (p.filled === 0) return false;
  const mostly = (n: number): boolean => n >= 0.9 * p.filled;
  switch (kinds[field] ?? 'text') {
    case 'number':
      return mostly(p.numbers);
    case 'date':
      return mostly(p.dates);
    case 'place':
    case 'label':
      // Names, not figures, and repeated: a few outlets or categories over many rows.
      return p.numbers + p.dates < 0.5 * p.filled && p.distinct <= 500 && (p.filled < 20 || p.distinct <= 0.5 * p.filled);
    case 'key':
      return p.dates < 0.5 * p.filled;
    default:
      return p.numbers + p.dates < 0.5 * p.filled;
  }
}

/**
 * Whether a column may be suggested without sharing a telling word with the
 * field's names: a column of town names for an outlet ("Town") may, and the
 * only dates of a sales file for its date; a column of numbers may not be
 * offered as the fresh spend just for being numbers ("Total Spend (Rs.)").
 */
export function fitsByValuesAlone(field: string, p: ColumnProfile): boolean {
  if (kinds[field] === 'place') return p.places >= 0.5 * p.filled;
  return field === 'soldAt';
}
