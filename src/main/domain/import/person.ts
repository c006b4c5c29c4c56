import { parseDate, type DateOrder } from './dates';
import { parseNumber } from './numbers';
import { dayDate } from '../../../shared/days';

const genders: Record<string, 'F' | 'M' | 'X'> = {
  f: 'F', female: 'F', woman: 'F', w: 'F', girl: 'F', lady: 'F', mrs: 'F', ms: 'F', miss: 'F',
  m: 'M', male: 'M', man: 'M', boy: 'M', mr: 'M',
  x: 'X', o: 'X', other: 'X', nonbinary: 'X', 'non-binary': 'X', diverse: 'X',
};

/** A cell about the person: its value (null when empty), or why it could not be read, and in which column. */
export type PersonCell<T> = { ok: true; value: T | null } | { ok: false; column: number; text: string; reason: string };

/**
 * A customer's age in whole years, from the age column, else from the birth
 * date (as of `today`). Both shapes that carry people (customer lists and
 * customer-level sales) read it here, so the same cell means the same age.
 */
export function readAge(
  age: { column: number | null; text: string },
  birthDate: { column: number | null; text: string },
  order: DateOrder | null,
  today: Date,
): PersonCell<number> {
  if (age.text !== '') {
    const a = parseNumber(age.text);
    if (!a.ok) return { ok: false, column: age.column as number, text: age.text, reason: a.reason };
    if (a.value < 10 || a.value > 120) return { ok: false, column: age.column as number, text: age.text, reason: 'is not between 10 and 120' };
    return { ok: true, value: Math.floor(a.value) };
  }
  if (birthDate.text === '') return { ok: true, value: null };
  const b = parseDate(birthDate.text, order, 1900);
  if (!b.ok) return { ok: false, column: birthDate.column as number, text: birthDate.text, reason: b.reason };
  const born = dayDate(b.value);
  let years = today.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed = today.getUTCMonth() > born.getUTCMonth() || (today.getUTCMonth() === born.getUTCMonth() && today.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) years--;
  if (years < 10 || years > 120) return { ok: false, column: birthDate.column as number, text: birthDate.text, reason: 'gives an age outside 10 to 120' };
  return { ok: true, value: years };
}

/** F, M or X from the many ways exports write a gender ("Female", "mrs.", "M"). */
export function readGender(column: number | null, text: string): PersonCell<'F' | 'M' | 'X'> {
  if (text === '') return { ok: true, value: null };
  const g = genders[text.toLowerCase().replace(/[.\s]/g, '')];
  if (!g) return { ok: false, column: column as number, text, reason: 'is not female, male or other' };
  return { ok: true, value: g };
}
