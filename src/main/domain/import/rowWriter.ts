import type { Database } from 'better-sqlite3';
import type { CategoryCode } from '../../../shared/domain';
import { formatCount } from '../../../shared/format';
import { BatchInsert } from '../../platform/db/batch';
import { categoryKey, defaultCategory } from '../categories/names';
import { categoryIds } from '../categories/rules';
import type { ImportDecisions } from '../../../shared/imports';
import { outletKey } from './outlets';
import { totalsReason, type CutRow } from './rowSieve';
import type { ImportSummary } from './summary';

export const maxStoredErrors = 100_000;
/** Rejected rows remembered to recognise their exact copies (beyond this, copies count as rejected). */
const maxTrackedRejects = 1_000_000;

/**
 * What every shape's writer shares: the reject bookkeeping, column access,
 * and reading outlets and categories through the user's decisions. A writer
 * gets the header, then each row, then `finish` — all inside the import's
 * one transaction.
 */
export abstract class RowWriter {
  protected headers: string[] = [];
  protected width = 0;
  private readonly reasons = new Map<string, number>();
  private readonly rejectedRows = new Set<number>();
  /** Key (customer or product code) → hash of the row imported for it, for files of one row per key. */
  private readonly importedKeys = new Map<string, number>();
  private readonly outletByText = new Map<string, number | null | undefined>();
  private readonly errors: BatchInsert;
  protected readonly categoryIds: Map<CategoryCode, number>;
  protected readonly otherId: number;
  private readonly categoryOf = new Map<string, number>();
  private readonly categoryKeys = new Map<string, string>();
  private readonly otherSources = new Map<string, { source: string; rows: number }>();
  /** Column → rows with an empty numeric cell, and what it was read as; column → rows with an unreadable amount kept as unknown. */
  private readonly emptyCells = new Map<number, { rows: number; readAs: string }>();
  private readonly unreadableCells = new Map<number, number>();
  /** Reason of a width rejection → its field count and likely cause (a few distinct widths), to word a refusal. */
  private readonly widthReasons = new Map<string, { found: number; cause: string }>();

  constructor(
    protected readonly db: Database,
    protected readonly importId: number,
    protected readonly decisions: ImportDecisions,
    protected readonly outletIds: Map<string, number | null>,
    protected readonly summary: ImportSummary,
  ) {
    this.errors = new BatchInsert(db, 'import_errors', ['import_id', 'row_number', 'column_name', 'value', 'reason'], 100);
    this.categoryIds = categoryIds(db);
    this.otherId = this.categoryIds.get('other') as number;
    for (const [key, code] of Object.entries(decisions.categories)) this.categoryOf.set(key, this.categoryIds.get(code) as number);
  }

  begin(header: string[]): void {
    this.headers = header.map((h, i) => h.trim() || `Column ${i + 1}`);
    this.width = header.length;
  }

  abstract row(fields: string[], row: number): void;

  /**
   * Called once the last row is in, before the import's final sorts: write
   * what is buffered and let go of what only reading rows needed, so those
   * sorts have the memory.
   */
  endOfRows(): void {}

  finish(): void {
    this.errors.flush();
    this.summary.rejectedByReason = [...this.reasons.entries()].map(([reason, rows]) => ({ reason, rows }));
    this.summary.categoriesOther = [...this.otherSources.values()].sort((a, b) => b.rows - a.rows);
    const label = (c: number): string => this.headers[c] ?? `Column ${c + 1}`;
    this.summary.emptyCells = [...this.emptyCells.entries()].map(([c, e]) => ({ column: label(c), rows: e.rows, readAs: e.readAs }));
    this.summary.unreadableCells = [...this.unreadableCells.entries()].map(([c, rows]) => ({ column: label(c), rows }));
  }

  /** A totals, subtotal or grand-total row (see RowSieve): rejected, and never a customer, product or outlet. */
  totalsRow(fields: string[], row: number): void {
    this.reject(row, null, fields.join(' | '), totalsReason[this.decisions.shape], fields);
  }

  /** The last row of a file cut short, when the user chose to import the complete rows before it. */
  cutRow(fields: string[], cut: CutRow): void {
    this.reject(cut.row, null, fields.join(' | '), `Row is cut short: the file ends inside it (it ${cut.reason})`);
  }

  /** An empty numeric cell read as something (0, unknown): counted per column for the summary, never silent. */
  protected emptyCell(column: number, readAs: string): void {
    const e = this.emptyCells.get(column);
    if (e) e.rows++;
    else this.emptyCells.set(column, { rows: 1, readAs });
  }

  /**
   * An amount (or another optional value) that could not be read, in a row kept without it: counted per
   * column, and listed in the import report with the rejected rows (the row
   * itself is imported, so it is not counted as rejected).
   */
  protected unreadableCell(row: number, column: number, value: string, reason: string, what = 'amount'): void {
    this.unreadableCells.set(column, (this.unreadableCells.get(column) ?? 0) + 1);
    const label = this.headers[column] ?? null;
    if (this.summary.errorsStored < maxStoredErrors) {
      this.summary.errorsStored++;
      this.errors.add(this.importId, row, label, value.length > 200 ? `${value.slice(0, 200)}…` : value, `${label ?? ''} ${reason}: the row was kept with this ${what} unknown`.trim());
    }
  }

  protected column(field: string): number | null {
    const i = this.decisions.mapping[field];
    return typeof i === 'number' ? i : null;
  }

  /** Checks the row's width; false (and rejected) when it does not fit the header. */
  protected fits(fields: string[], row: number): boolean {
    if (fields.length === this.width) return true;
    if (fields.length > this.width) {
      // XLSX rows may carry stray cells; a CSV row with extra fields has an unquoted delimiter in a value.
      if (fields.slice(this.width).every((f) => f.trim() === '')) return true;
      this.rejectWidth(row, fields, 'a value may hold an unquoted delimiter');
      return false;
    }
    const needed = Object.values(this.decisions.mapping).some((i) => typeof i === 'number' && i >= fields.length);
    if (needed && this.decisions.delimiter !== null) {
      this.rejectWidth(row, fields, 'the row is cut short');
      return false;
    }
    return true;
  }

  private rejectWidth(row: number, fields: string[], cause: string): void {
    const reason = `Row has ${fields.length} columns, the header has ${this.width} (${cause})`;
    if (!this.widthReasons.has(reason)) this.widthReasons.set(reason, { found: fields.length, cause });
    this.reject(row, null, fields.join(' | '), reason, fields);
  }

  /**
   * Why an import that rejected rows and imported none is refused, in the
   * main reason's words: such an import is never what the user meant, and
   * recording it empty would hide the problem. Call after `finish`.
   */
  nothingImported(): string {
    const s = this.summary;
    const top = s.rejectedByReason.reduce((a, b) => (b.rows > a.rows ? b : a));
    // Rows imported before are not among the rejected: "every row" then means every other row.
    const rows = s.alreadyImported > 0 ? `of the other ${formatCount(s.rowsRead - s.alreadyImported)} rows, ` : '';
    const every = top.rows === s.rejected ? (rows === '' ? 'every row' : `${rows}every one`) : `${rows}${formatCount(top.rows)} of them`;
    const width = this.widthReasons.get(top.reason);
    let why: string;
    if (width) {
      why = `${every} ${top.rows === s.rejected || top.rows === 1 ? 'has' : 'have'} ${width.found} fields, the header has ${this.width} — ${width.cause}`;
    } else if (top.rows === s.rejected) {
      why = `${every} was rejected because ${lowerFirst(top.reason)}`;
    } else {
      why = `the most common reason, in ${every}: ${lowerFirst(top.reason)}`;
    }
    const n = s.rowsRead;
    const before = s.alreadyImported > 0 ? `${formatCount(s.alreadyImported)} ${s.alreadyImported === 1 ? 'was' : 'were'} imported before; ` : '';
    return `None of the ${formatCount(n)} row${n === 1 ? '' : 's'} could be imported: ${before}${why}. Nothing was imported.`;
  }

  /**
   * Rejects a row with its reason, unless it is an exact copy of a row
   * rejected before: then it is a duplicate, like any repeated line.
   * (Accepted lines are told apart by the database's line identity.)
   */
  protected reject(row: number, column: number | null, value: string, reason: string, fields?: string[]): void {
    if (fields && this.rejectedRows.size < maxTrackedRejects) {
      const key = lineKey(fields);
      if (this.rejectedRows.has(key)) {
        this.summary.duplicatesInFile++;
        return;
      }
      this.rejectedRows.add(key);
    }
    const label = column === null ? null : (this.headers[column] ?? null);
    const full = label ? `${label} ${reason}` : reason;
    this.summary.rejected++;
    this.reasons.set(full, (this.reasons.get(full) ?? 0) + 1);
    if (this.summary.errorsStored < maxStoredErrors) {
      this.summary.errorsStored++;
      this.errors.add(this.importId, row, label, value.length > 200 ? `${value.slice(0, 200)}…` : value, full);
    }
  }

  /**
   * For files of one row per customer or product: true when a row for this
   * key was already imported from the file. An exact copy of that row is a
   * duplicate; a row with other values is rejected, as the file contradicts
   * itself and the first row stays. Call once a row has passed its checks.
   */
  protected repeated(key: string, column: number | null, row: number, fields: string[]): boolean {
    const hash = lineKey(fields);
    const first = this.importedKeys.get(key);
    if (first === undefined) {
      this.importedKeys.set(detach(key), hash);
      return false;
    }
    if (first === hash) this.summary.duplicatesInFile++;
    else this.reject(row, column, key, 'appears again with other values (the first row was imported)', fields);
    return true;
  }

  /** The outlet a value names; normalised once per distinct text, as the same few names repeat on every row. */
  protected outletId(value: string): number | null | undefined {
    if (this.outletByText.has(value)) return this.outletByText.get(value);
    const id = this.outletIds.get(outletKey(value));
    this.outletByText.set(value, id);
    return id;
  }

  /** The outlet a row names; undefined when the row was rejected for it (empty, rejected, or not confirmed). */
  protected rowOutlet(value: string, column: number, row: number, fields: string[]): number | undefined {
    if (value.trim() === '') {
      this.reject(row, column, value, 'is empty', fields);
      return undefined;
    }
    const id = this.outletId(value);
    if (id === null) this.reject(row, column, value, 'was rejected as an outlet', fields);
    else if (id === undefined) this.reject(row, column, value, 'is not an outlet confirmed for this import', fields);
    return id ?? undefined;
  }

  /** The category id a source category counts as: the user's decision, else its usual name, else Other (counted for the summary). */
  protected category(text: string): number {
    let key = this.categoryKeys.get(text);
    if (key === undefined) {
      key = categoryKey(text);
      this.categoryKeys.set(text, key);
    }
    let id = this.categoryOf.get(key);
    if (id === undefined) {
      const code = defaultCategory(text) ?? 'other';
      id = this.categoryIds.get(code) as number;
      this.categoryOf.set(key, id);
    }
    if (id === this.otherId) {
      const o = this.otherSources.get(key);
      if (o) o.rows++;
      else this.otherSources.set(key, { source: text.trim(), rows: 1 });
    }
    return id;
  }
}

/**
 * A copy of `text` that does not keep the text it was cut from alive. V8
 * represents a substring of 13 characters or more as a view into its parent,
 * so a 16-digit loyalty-card number kept as a map key would keep its whole
 * 1 MB chunk of the file in memory (a 1.2 M-line export of 400,000 card
 * numbers peaked at 577 MB). Use it for every field kept past its row.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/** A customer code as exports write it: trimmed, and "1234.0" (a number that went through Excel) read as "1234". */
export function customerCode(text: string): string {
  const code = text.trim();
  return code.endsWith('.0') && /^\d+\.0$/.test(code) ? code.slice(0, -2) : code;
}

/**
 * A 53-bit hash of a line's values joined by U+0001 (two 32-bit FNV-style
 * hashes), exact in a JS number and an SQLite INTEGER. Numbers, null and undefined are
 * written as a template literal writes them. Stored as the line identity:
 * the value for given parts must never change between versions.
 * Hashes the parts in place, without building the joined text.
 */
export function lineKey(parts: readonly (string | number | null | undefined)[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) {
      h1 = Math.imul(h1 ^ 1, 0x01000193);
      h2 = Math.imul(h2 ^ 1, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    const part = parts[p];
    const text = typeof part === 'string' ? part : String(part);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  return (h1 >>> 11) * 4294967296 + (h2 >>> 0);
}

/** "Row has …" → "row has …"; a reason that starts with a column's name keeps it as written. */
function lowerFirst(reason: string): string {
  return /^(Row|Spend) /.test(reason) ? reason[0]!.toLowerCase() + reason.slice(1) : reason;
}
