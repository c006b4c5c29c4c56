/*
 * Columns chosen by name (the command line's `--map FIELD=COLUMN` and
 * `--category-column`), how each mapped column came to be chosen, and what
 * to add when a field has no column or two columns fit it equally.
 */
import { AppError } from '../../../shared/errors';
import type { AmbiguousField, ColumnMatch, MatchResult } from './columnMatch';
import { likelyColumn } from './columnMatch';
import { headerKey, matchShapeColumns, missingGroups, outletField, shapeFields, shapeLabels, shapes, type ColumnMapping, type Shape } from './columns';
import { fitsByValuesAlone, valuesFit, type ColumnProfile } from './columnProfile';

/** One `--map`: a field (key or label, any case) and a column (header, any case, or 1-based number). */
export interface ColumnOverride {
  field: string;
  column: string;
}

const quoted = (s: string): string => `"${s}"`;

function findField(shape: Shape, wanted: string): string | null {
  const key = headerKey(wanted);
  const field = shapeFields[shape].find((f) => f.key.toLowerCase() === wanted.trim().toLowerCase() || headerKey(f.label) === key || headerKey(f.key) === key);
  return field?.key ?? null;
}

function findColumn(headers: readonly string[], wanted: string): number | null {
  const trimmed = wanted.trim().toLowerCase();
  const exact = headers.findIndex((h) => h.trim().toLowerCase() === trimmed);
  if (exact >= 0) return exact;
  const squashed = headers.findIndex((h) => headerKey(h) === headerKey(wanted) && headerKey(wanted) !== '');
  if (squashed >= 0) return squashed;
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n >= 1 && n <= headers.length) return n - 1;
  }
  return null;
}

/** "Customer-level sales", from "Customer-level sales (one row per customer, …)". */
export function shortLabel(shape: Shape): string {
  return shapeLabels[shape].replace(/\s*\(.*\)$/, '');
}

/**
 * The shape to read a file as when --map names fields: the detected one if
 * it has them all, else the one other shape that has them all (a person
 * naming a fresh-spend column has said what the file is). With none or
 * several, the detected shape, and applyOverrides says which --shape to add.
 */
export function shapeForOverrides(detected: Shape, overrides: readonly ColumnOverride[] | undefined): Shape {
  if (!overrides || overrides.length === 0) return detected;
  const fits = (shape: Shape): boolean => overrides.every((o) => findField(shape, o.field) !== null);
  if (fits(detected)) return detected;
  const others = shapes.filter((s) => s !== detected && fits(s));
  return others.length === 1 ? (others[0] as Shape) : detected;
}

/** The mapping with the overrides applied; a field or column that does not exist is an error listing those that do. */
export function applyOverrides(
  shape: Shape,
  headers: readonly string[],
  fileName: string,
  mapping: ColumnMapping,
  overrides: readonly ColumnOverride[],
): { mapping: ColumnMapping; fields: string[] } {
  const result: ColumnMapping = { ...mapping };
  const given = new Map<number, string>();
  for (const o of overrides) {
    const field = findField(shape, o.field);
    if (field === null) {
      const fields = shapeFields[shape].map((f) => `${f.key} (${f.label})`).join(', ');
      const elsewhere = shapes.filter((s) => s !== shape && findField(s, o.field) !== null);
      const hint =
        elsewhere.length === 0
          ? ''
          : ` ${findField(elsewhere[0] as Shape, o.field)} is a field of ${elsewhere.map(shortLabel).join(' and of ')}; add ${elsewhere.map((s) => `--shape ${s}`).join(' or ')}.`;
      throw new AppError('validation', `--map ${o.field}=…: a file of ${shapeLabels[shape].toLowerCase()} has no field "${o.field}".${hint} Its fields are: ${fields}.`);
    }
    const column = findColumn(headers, o.column);
    if (column === null) {
      const columns = headers.map((h, i) => `${i + 1} ${h}`).join(', ');
      throw new AppError('validation', `--map ${field}=${quoted(o.column)}: ${fileName} has no such column. Its columns are: ${columns}.`);
    }
    const earlier = given.get(column);
    if (earlier !== undefined && earlier !== field) {
      throw new AppError('validation', `--map gives the column ${quoted(headers[column] ?? '')} to both ${earlier} and ${field}. A column can be only one field.`);
    }
    given.set(column, field);
    for (const [key, c] of Object.entries(result)) if (c === column) result[key] = null;
    result[field] = column;
  }
  return { mapping: result, fields: [...given.values()] };
}

export interface ColumnChoice {
  mapping: ColumnMapping;
  mappingFrom: { kind: 'saved'; name: string } | { kind: 'automatic' } | { kind: 'chosen' };
  columnMatches: ColumnMatch[];
  ambiguousColumns: AmbiguousField[];
}

/**
 * The mapping to use: the person's (from the screen), else a saved one for
 * these headers, else the automatic one; then any --map on top. Each mapped
 * field says how it was chosen.
 */
export function chooseColumns(
  shape: Shape,
  headers: readonly string[],
  fileName: string,
  given: { chosen?: ColumnMapping | undefined; saved: { name: string; mapping: ColumnMapping } | null; overrides?: readonly ColumnOverride[] | undefined },
): ColumnChoice {
  const auto = matchShapeColumns(shape, headers);
  let mapping = given.chosen ?? given.saved?.mapping ?? auto.mapping;
  const mappingFrom: ColumnChoice['mappingFrom'] = given.chosen ? { kind: 'chosen' } : given.saved ? { kind: 'saved', name: given.saved.name } : { kind: 'automatic' };
  let overridden: string[] = [];
  if (given.overrides && given.overrides.length > 0) {
    // The mapping keeps saying where it came from; each overridden field says "chosen with --map".
    ({ mapping, fields: overridden } = applyOverrides(shape, headers, fileName, mapping, given.overrides));
  }
  const savedName = given.chosen ? null : (given.saved?.name ?? null);
  const chosenBy = (field: string): string =>
    overridden.includes(field) ? 'chosen with --map' : savedName !== null ? `from your saved mapping “${savedName}”` : 'chosen by you';
  const columnMatches = describeMatches(shape, headers, mapping, auto, chosenBy, overridden);
  // Once a person has chosen (now or in a saved mapping), two equally likely columns are no longer a question.
  const automatic = !given.chosen && !given.saved;
  const ambiguousColumns = auto.ambiguous.filter((a) => automatic && mapping[a.field] === auto.mapping[a.field] && !overridden.includes(a.field));
  return { mapping, mappingFrom, columnMatches, ambiguousColumns };
}

/**
 * How each mapped field got its column: the automatic match when the column
 * is the one it found, else the person's choice.
 */
export function describeMatches(
  shape: Shape,
  headers: readonly string[],
  mapping: ColumnMapping,
  auto: MatchResult,
  chosenBy: (field: string) => string,
  /** Fields named with --map: they say so even when the column is the one found. */
  forced: readonly string[] = [],
): ColumnMatch[] {
  const automatic = new Map(auto.matches.map((m) => [m.field, m]));
  const out: ColumnMatch[] = [];
  for (const f of shapeFields[shape]) {
    const column = mapping[f.key];
    if (typeof column !== 'number') continue;
    const found = automatic.get(f.key);
    out.push(found && found.column === column && !forced.includes(f.key) ? found : { field: f.key, column, header: headers[column] ?? '', confidence: 1, reason: chosenBy(f.key) });
  }
  return out;
}

/**
 * "Add --map outlet=COLUMN, for example --map outlet="town_of_store"." for
 * what the mapping lacks, or null when nothing is missing. The example is
 * only a column that plausibly is the field (see likelyColumn); with none,
 * the columns are listed and no example is made up.
 */
export function missingColumnsMessage(
  shape: Shape,
  headers: readonly string[],
  fileName: string,
  mapping: ColumnMapping,
  look: { profiles?: readonly ColumnProfile[] | undefined; outletGiven?: boolean } = {},
): string | null {
  const fields = new Map(shapeFields[shape].map((f) => [f.key, f]));
  const groups = missingGroups(shape, mapping, look.outletGiven === true);
  if (groups.length === 0) return null;
  const labels = groups.map((anyOf) => anyOf.map((k) => fields.get(k)?.label).join(' or '));
  const adds = groups.map((anyOf) => anyOf.map((k) => `--map ${k}=COLUMN`).join(' or ')).join(', and ');
  let example: { field: string; column: string } | null = null;
  for (const key of groups.flat()) {
    const spec = fields.get(key);
    if (!spec) continue;
    const profiles = look.profiles;
    const column = likelyColumn(
      spec,
      headers,
      mapping,
      profiles
        ? {
            fits: (c) => profiles[c] !== undefined && valuesFit(key, profiles[c] as ColumnProfile),
            byValuesAlone: (c) => fitsByValuesAlone(key, profiles[c] as ColumnProfile),
          }
        : {},
    );
    if (column !== null) {
      example = { field: key, column };
      break;
    }
  }
  const outlet = outletField[shape];
  const oneOutlet = outlet !== null && groups.some((g) => g.includes(outlet)) ? ' Or, if every row is from one outlet, add --outlet NAME.' : '';
  return (
    `No column of ${fileName} looks like the ${labels.join(', or the ')}. Its columns are: ${headers.join(', ')}. ` +
    `Add ${adds}${example === null ? '' : `, for example --map ${example.field}=${quoted(example.column)}`}.${oneOutlet}`
  );
}

/** Two columns as likely as each other for a field: the command line will not guess. */
export function ambiguousColumnsMessage(headers: readonly string[], fileName: string, ambiguous: readonly AmbiguousField[]): string | null {
  if (ambiguous.length === 0) return null;
  const parts = ambiguous.map((a) => `${a.columns.map(quoted).join(' and ')} look equally like the ${a.label}`);
  const adds = ambiguous.map((a) => a.columns.map((c) => `--map ${a.field}=${quoted(c)}`).join(' or ')).join(', and ');
  return `In ${fileName}, ${parts.join('; ')}. Its columns are: ${headers.join(', ')}. Say which with ${adds}.`;
}
