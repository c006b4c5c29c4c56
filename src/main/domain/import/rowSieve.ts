import type { z } from 'zod';
import { formatCount } from '../../../shared/format';
import type { cutRowSchema } from '../../../shared/importViews';
import type { LineList } from '../../../shared/rowNotes';
import { spendCategories, type ColumnMapping, type Shape } from './columns';
import type { CsvEnding } from './csv';
import { parseNumber, toCents } from './numbers';

export type { LineList };

/** The file's last row when it stops in the middle (see cutRowSchema). */
export type CutRow = z.infer<typeof cutRowSchema>;

export interface SieveColumns {
  /** Fields in the header. */
  width: number;
  /** Columns of amounts (money, quantities, visits): a totals row sums them. */
  amounts: number[];
}

export interface SieveOutput {
  data(fields: string[], row: number): void;
  totals(fields: string[], row: number): void;
}

/** The fields of each shape that a totals row adds up. */
const amountFields: Record<Shape, readonly string[]> = {
  salesLines: ['quantity', 'unitPrice', 'amount'],
  customerSpend: [...spendCategories, 'visits'],
  customers: [],
  products: ['unitPrice'],
};

export function amountColumns(shape: Shape, mapping: ColumnMapping): number[] {
  return amountFields[shape].map((k) => mapping[k]).filter((i): i is number => typeof i === 'number');
}

/** Why a totals row is rejected, in the words of what the shape's rows are. */
export const totalsReason: Record<Shape, string> = {
  salesLines: 'a totals row, not a sale',
  customerSpend: 'a totals row, not a customer',
  customers: 'a totals row, not a customer',
  products: 'a totals row, not a product',
};

/** The refusal of a file cut short; `hint` says how to import the rows before the cut anyway. */
export function cutMessage(cut: CutRow, hint = ''): string {
  return `The file seems cut short at line ${formatCount(cut.row)}; nothing was imported. Export it again, or import the complete rows before the cut${hint}.`;
}

const listed = 5;
/** Single-field lines held back to see whether data follows (a footer) or not; beyond this they are data. */
const maxHeld = 1_000;
const totalLabels = new Set([
  'total', 'totals', 'subtotal', 'subtotals', 'grandtotal', 'grandtotals', 'overalltotal',
  'alloutlets', 'allstores', 'allbranches', 'allshops', 'alllocations',
]);
const footerText = /^(?:report (?:generated|printed|created|run)|generated (?:on|by|at)|end of (?:report|file|data|list)|printed (?:on|by|at)|page \d+(?: of \d+)?$|exported (?:on|by|at)|run (?:on|at)|\*{3})/i;

/**
 * Sorts a file's records into data and the lines around it that are not
 * data: blank lines, footer lines after the last row, totals rows, and a
 * last row the file stops in the middle of. The check pass and the write
 * pass both read through it, so they agree on every row: a totals row
 * never reaches the outlet decisions, nor the writers.
 *
 * It holds back the latest row (to judge it once the file has ended) and
 * any single-field lines after it (to see whether data follows them).
 */
export class RowSieve {
  readonly blank: LineList = { rows: 0, first: [] };
  readonly footer: LineList = { rows: 0, first: [] };
  readonly totalsRows: LineList = { rows: 0, first: [] };
  // The held-back row as two fields, not an object: this runs on every row of both passes.
  private lastFields: string[] | null = null;
  private lastRow = 0;
  private held: Array<{ fields: string[]; row: number }> = [];
  private readonly sums: number[];
  /** The current row's amounts in cents, read once for the totals check and the running sums. */
  private readonly cents: Array<number | null>;
  private sinceTotals = 0;
  private fullRows = 0;
  /** The last column's values so far: how many, how many empty, their lengths, how many hold digits, the fewest decimals among numbers, and the first value's pattern. */
  private readonly tail = { values: 0, empty: 0, minLength: Infinity, maxLength: 0, withDigits: 0, numbers: 0, fewestDecimals: Infinity, pattern: null as string | null };

  constructor(
    private readonly columns: SieveColumns,
    private readonly out: SieveOutput,
  ) {
    this.sums = columns.amounts.map(() => 0);
    this.cents = columns.amounts.map(() => null);
  }

  /** A line the CSV reader found empty. */
  blankLine(row: number): void {
    note(this.blank, row);
  }

  push(fields: string[], row: number): void {
    let filled = 0;
    for (let i = 0; i < fields.length && filled < 2; i++) if (hasText(fields[i] as string)) filled++;
    if (filled === 0) return note(this.blank, row);
    if ((filled === 1 && this.columns.width > 1) || mayBeFooter(fields[0] as string)) {
      if (this.held.length < maxHeld) {
        this.held.push({ fields, row });
        return;
      }
    }
    if (this.held.length > 0) this.release();
    else this.flushLast();
    this.lastFields = fields;
    this.lastRow = row;
  }

  /**
   * The file has ended: sends what was held back, and returns the last row
   * if it is cut short (not sent: the caller decides).
   */
  finish(ending: CsvEnding | null): { cut: CutRow | null; fields: string[] | null } {
    // Only text (CSV) can end in the middle of a row; a workbook's rows are whole.
    const text = ending !== null;
    const held = this.held;
    this.held = [];
    const lastHeld = held.at(-1);
    // A lone code or number and no line break after it: the file stopped after the row's first value.
    // Words ("End of report", "Confidential") are a footer's.
    if (lastHeld && text && !ending.finalNewline && this.fullRows > 0 && !looksLikeFooter(lastHeld.fields)) {
      held.pop();
      this.flushLast();
      for (const h of held) note(this.footer, h.row);
      return { cut: { row: lastHeld.row, reason: 'ends after its first value' }, fields: lastHeld.fields };
    }
    // Single-value lines after the last row are a footer; the last row is then followed by lines, so whole.
    for (const h of held) note(this.footer, h.row);
    const footers = held.length > 0;
    const last = this.lastFields;
    const lastRow = this.lastRow;
    this.lastFields = null;
    if (!last) return { cut: null, fields: null };
    const reason = text && !footers ? this.cutReason(last, ending) : null;
    if (reason === null) {
      this.classify(last, lastRow);
      return { cut: null, fields: null };
    }
    return { cut: { row: lastRow, reason }, fields: last };
  }

  private release(): void {
    this.flushLast();
    for (const h of this.held) this.classify(h.fields, h.row);
    this.held = [];
  }

  private flushLast(): void {
    const last = this.lastFields;
    if (last === null) return;
    this.lastFields = null;
    this.classify(last, this.lastRow);
  }

  private cutReason(fields: string[], ending: CsvEnding): string | null {
    if (ending.unclosedQuote) return 'opens a quote the file never closes';
    const width = this.columns.width;
    if (fields.length < width && this.fullRows > 0) return `has ${fields.length} of the header's ${width} columns`;
    if (ending.finalNewline || fields.length !== width) return null;
    const value = (fields[width - 1] as string).trim();
    const t = this.tail;
    if (t.values < 2) return null;
    // An empty last value is a value (an export's empty last column), not a cut.
    if (value === '') return null;
    // Only values with digits (amounts, dates, codes) are judged: a name may end in "Ltd." or be short.
    if (!/\d/.test(value)) return null;
    const filled = t.values - t.empty;
    if (/[.,:/-]$/.test(value)) return `ends in the middle of a value ("${value}")`;
    const decimals = decimalsOf(value);
    if (decimals !== null && t.numbers === filled && decimals < t.fewestDecimals) {
      return `ends in the middle of a number ("${value}" where the column's others have ${t.fewestDecimals} decimals)`;
    }
    // Values of one fixed form (dates, codes): a shorter one that starts like them stopped early.
    if (t.withDigits === filled && filled >= 3 && t.minLength === t.maxLength && value.length < t.minLength && t.pattern?.startsWith(patternOf(value))) {
      return `ends in the middle of a value ("${value}" where the column's others have ${t.minLength} characters)`;
    }
    return null;
  }

  private classify(fields: string[], row: number): void {
    this.observeTail(fields);
    const amounts = this.columns.amounts;
    const cents = this.cents;
    for (let j = 0; j < amounts.length; j++) cents[j] = centsOf(fields[amounts[j] as number] ?? '');
    if (isLabelledTotal(fields, amounts) || this.sumsAbove()) {
      note(this.totalsRows, row);
      this.sums.fill(0);
      this.sinceTotals = 0;
      this.out.totals(fields, row);
      return;
    }
    for (let j = 0; j < amounts.length; j++) {
      const c = cents[j] as number | null;
      if (c !== null && !Number.isNaN(c)) this.sums[j] = (this.sums[j] as number) + c;
    }
    this.sinceTotals++;
    this.out.data(fields, row);
  }

  /** True when the row's amounts are the sums of the rows above it: in every amount column it has, two at least. */
  private sumsAbove(): boolean {
    const amounts = this.columns.amounts;
    if (this.sinceTotals < 2 || amounts.length < 2) return false;
    let matched = 0;
    for (let j = 0; j < amounts.length; j++) {
      const cents = this.cents[j] as number | null;
      if (cents === null) continue;
      if (cents !== this.sums[j]) return false;
      if (cents !== 0) matched++;
    }
    return matched >= 2;
  }

  private observeTail(fields: string[]): void {
    const width = this.columns.width;
    if (fields.length < width) return;
    this.fullRows++;
    const t = this.tail;
    const value = (fields[width - 1] as string).trim();
    t.values++;
    if (value === '') {
      t.empty++;
      return;
    }
    if (value.length < t.minLength) t.minLength = value.length;
    if (value.length > t.maxLength) t.maxLength = value.length;
    if (/\d/.test(value)) t.withDigits++;
    t.pattern ??= patternOf(value);
    const decimals = decimalsOf(value);
    if (decimals !== null) {
      t.numbers++;
      if (decimals < t.fewestDecimals) t.fewestDecimals = decimals;
    }
  }
}

function hasText(f: string): boolean {
  if (f.length === 0) return false;
  return f.charCodeAt(0) > 32 || f.trim() !== '';
}

/** Footer text ("Report generated…", "End of report", "Page 1 of 2", "***"), tried only on the few first values that start like one. */
function mayBeFooter(first: string): boolean {
  const c = first.charCodeAt(0) | 32;
  if (c !== 114 && c !== 103 && c !== 101 && c !== 112 && c !== 42 && c !== 32) return false;
  return footerText.test(first.trim());
}

/** A value's form: "2026-04-13" → "9999-99-99", "C0012" → "a9999". */
function patternOf(value: string): string {
  return value.replace(/\d/g, '9').replace(/\p{L}/gu, 'a');
}

function note(list: LineList, row: number): void {
  list.rows++;
  if (list.first.length < listed) list.first.push(row);
}

/** Decimals of a plain number ("2,680.80" → 2, "2680" → 0); null for anything else. */
function decimalsOf(value: string): number | null {
  // Most values (names, codes, dates) fail at the first character: a number starts with a digit, a sign or a comma.
  const c = value.charCodeAt(0);
  if ((c < 48 || c > 57) && c !== 45 && c !== 43 && c !== 44) return null;
  if (!/^[-+]?[\d,]*\d(?:\.\d*)?$/.test(value)) return null;
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** An amount in cents: null when empty, NaN when it cannot be read. */
function centsOf(text: string): number | null {
  // Most amounts are plain ("12", "-3", "2.55"): read digit by digit, as this runs on every row.
  const len = text.length;
  let i = len > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i < len) {
    let whole = 0;
    let digits = 0;
    for (; i < len; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      whole = whole * 10 + c;
      digits++;
    }
    let cents = whole * 100;
    if (i < len && text.charCodeAt(i) === 46 && len - i <= 3) {
      const d1 = len - i > 1 ? text.charCodeAt(i + 1) - 48 : 0;
      const d2 = len - i > 2 ? text.charCodeAt(i + 2) - 48 : 0;
      if (d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
        cents += d1 * 10 + d2;
        i = len;
      }
    }
    if (i === len && digits > 0 && digits < 13) return text.charCodeAt(0) === 45 ? -cents : cents;
  }
  if (text.trim() === '') return null;
  const n = parseNumber(text);
  if (!n.ok) return Number.NaN;
  return toCents(n.value) ?? Number.NaN;
}

function isLabelledTotal(fields: string[], amounts: number[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    // Cheap first (this runs on every field of every row): labels are short, hold "total" or start with "all", and are not amounts.
    if (f.length < 5 || f.length > 24) continue;
    // Every label ends in l or s (total, totals, all outlets), perhaps followed by a colon or spaces.
    const last = f.charCodeAt(f.length - 1) | 32;
    if (last !== 108 && last !== 115 && last !== 32 && last !== 58) continue;
    const first = f.charCodeAt(0) | 32;
    if (first !== 97 && first !== 32 && f.indexOf('otal') < 0 && f.indexOf('OTAL') < 0) continue;
    if (amounts.includes(i)) continue;
    const key = f.toLowerCase().replace(/[^a-z]/g, '');
    if (totalLabels.has(key)) return true;
  }
  return false;
}

/** A footer's words: a known phrase, a sentence, or text without digits — not the first value (a code, a date) of a cut row. */
function looksLikeFooter(fields: string[]): boolean {
  const text = fields.map((f) => f.trim()).filter(Boolean).join(' ');
  return footerText.test(text) || /[a-z]\s+\S/i.test(text) || !/\d/.test(text);
}
