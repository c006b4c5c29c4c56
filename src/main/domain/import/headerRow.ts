import type { LineList } from '../../../shared/rowNotes';
import { matchShapeColumns, shapes } from './columns';

/** Where the column names are: looked for among this many first records. */
const window = 20;
/** Records below a candidate that say whether the data is as wide as it. */
const below = 10;
const listed = 5;

interface Held {
  fields: string[] | null;
  row: number;
}

export interface HeaderSink {
  record(fields: string[], row: number): boolean | void;
  blank?(row: number): void;
  progress(bytesRead: number, size: number): void;
}

/**
 * Finds the real header row of an export that has lines above it: a title
 * ("Report: Customer spend by category"), a date ("Printed 01/12/2026"),
 * Excel's `sep=;`, a title padded with empty fields. It holds back the
 * first records, chooses the header, and then passes on the header and
 * everything after it with the file's own row numbers; the lines above are
 * counted in `preamble`. The check pass and the write pass both read
 * through it (see source.ts), so they skip the same lines.
 *
 * A file whose first record may be its header keeps it, as before: a later
 * record is taken only when the first has fewer than two values, or a later
 * one is more of column names (a title as wide as the data), or the first is
 * at most half as wide as the rows under it ("Printed:,01/12/2026").
 */
export class HeaderFinder {
  private held: Held[] | null = [];
  private records = 0;
  private stopped = false;
  headerRow: number | null = null;
  readonly preamble: LineList = { rows: 0, first: [] };

  constructor(private readonly sink: HeaderSink) {}

  record(fields: string[], row: number): boolean | void {
    if (this.held === null) return this.sink.record(fields, row);
    this.held.push({ fields, row });
    if (++this.records >= window + below) return this.decide();
    return true;
  }

  progress(bytesRead: number, size: number): void {
    this.sink.progress(bytesRead, size);
  }

  blank(row: number): void {
    if (this.held === null) this.sink.blank?.(row);
    else this.held.push({ fields: null, row });
  }

  /** The file has ended: decides on what was read, if not yet. False when the sink asked to stop. */
  end(): boolean {
    if (this.held !== null) this.decide();
    return !this.stopped;
  }

  private decide(): boolean {
    const held = this.held ?? [];
    this.held = null;
    const records = held.filter((h): h is { fields: string[]; row: number } => h.fields !== null);
    const header = records.length === 0 ? null : records[chooseHeader(records.map((r) => r.fields))];
    if (!header) {
      // Nothing but blank lines: passed on as they were.
      for (const h of held) this.sink.blank?.(h.row);
      return true;
    }
    this.headerRow = header.row;
    // Row numbers are the file's own (a workbook's empty rows are not read): the lines above the header are rows 1 to header − 1.
    this.preamble.rows = header.row - 1;
    for (let r = 1; r < header.row && r <= listed; r++) this.preamble.first.push(r);
    for (const h of held) {
      if (h.row < header.row) continue;
      if (h.fields === null) this.sink.blank?.(h.row);
      else if (this.sink.record(h.fields, h.row) === false) {
        this.stopped = true;
        return false;
      }
    }
    return true;
  }
}

interface Look {
  filled: number;
  /** Up to the last value: trailing empty fields (a title padded with commas, Excel's stray cells) do not count. */
  span: number;
  /** Fewer than two values, or Excel's sep= line: never a header while a later record may be. */
  notHeader: boolean;
}

function look(fields: string[]): Look {
  let filled = 0;
  let span = 0;
  let first = '';
  for (let i = 0; i < fields.length; i++) {
    const f = (fields[i] as string).trim();
    if (f === '') continue;
    if (filled === 0) first = f;
    filled++;
    span = i + 1;
  }
  return { filled, span, notHeader: filled <= 1 || /^sep=/i.test(first) };
}

/** How many of the row's values are a known field's name, in the shape they fit best. */
function knownNames(fields: string[]): number {
  let best = 0;
  for (const shape of shapes) best = Math.max(best, matchShapeColumns(shape, fields).matches.length);
  return best;
}

/** The index of the header among a file's first records (see HeaderFinder). */
export function chooseHeader(records: string[][]): number {
  const looks = records.map(look);
  const candidates: number[] = [];
  for (let i = 0; i < Math.min(records.length, window); i++) if (!(looks[i] as Look).notHeader) candidates.push(i);
  const first = candidates[0];
  // Every record has a single value (a one-column file): the first is its header, as always.
  if (first === undefined) return 0;

  // Widths of the data under a record: the records after it that have two values or more.
  const widthsBelow = (i: number): number[] => {
    const spans: number[] = [];
    for (let j = i + 1; j < looks.length && spans.length < below; j++) if (!(looks[j] as Look).notHeader) spans.push((looks[j] as Look).span);
    return spans;
  };
  const fits = (i: number): boolean => {
    const l = looks[i] as Look;
    if (l.filled * 2 < l.span) return false;
    const spans = widthsBelow(i);
    return spans.length === 0 || spans.filter((s) => s <= l.span).length * 2 >= spans.length;
  };
  const names = new Map<number, number>();
  const namesOf = (i: number): number => {
    let n = names.get(i);
    if (n === undefined) names.set(i, (n = knownNames(records[i] as string[])));
    return n;
  };

  // Mostly column names, over data no wider: the header, as it is in most files.
  const named = (i: number): boolean => fits(i) && namesOf(i) >= 2 && namesOf(i) * 2 >= (looks[i] as Look).filled;
  if (named(first)) return first;
  // Else the first record may be a title or a date line as wide as the data: a later one made of column names is the header.
  let best: number | null = null;
  for (const i of candidates) {
    if (i !== first && named(i) && namesOf(i) > namesOf(first) && (best === null || namesOf(i) > namesOf(best))) best = i;
  }
  if (best !== null) return best;
  // A record at most half as wide as the data under it ("Report,Customer spend" above eight columns) is a title.
  const spans = widthsBelow(first);
  const typical = spans.sort((a, b) => a - b)[Math.floor(spans.length / 2)];
  if (typical !== undefined && (looks[first] as Look).span * 2 <= typical) {
    const wide = candidates.find((i) => i > first && fits(i));
    if (wide !== undefined) return wide;
  }
  return first;
}
