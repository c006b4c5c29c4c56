import { AppError } from '../../../shared/errors';
import { csvDelimiters, type CsvDelimiter } from '../../../shared/imports';

export const delimiters = csvDelimiters;
export type Delimiter = CsvDelimiter;

/** A field longer than this is a broken file (an unclosed quote), not data. */
export const maxFieldChars = 1_000_000;
export const maxFields = 1_000;

/** How the text ended, for telling a file cut short from a complete one. */
export interface CsvEnding {
  /** The last record ended with a line break (or there was nothing to read). */
  finalNewline: boolean;
  /** The last record's last field opened a quote the file never closes. */
  unclosedQuote: boolean;
}

/**
 * A streaming RFC 4180 reader: quoted fields with embedded delimiters,
 * quotes ("") and line breaks; CRLF, LF or CR line ends; blank lines
 * skipped (and told to `onBlank`). Feed it text in pieces of any size; it calls `onRecord` with each
 * record and its row number as a spreadsheet would show it (the header is
 * row 1). It never holds more than the record in progress.
 */
export class CsvReader {
  private pending = '';
  private row = 0;
  private readonly d: number;
  private endedWithNewline = true;
  private openQuoteAtEnd = false;

  constructor(
    delimiter: Delimiter,
    private readonly onRecord: (fields: string[], row: number) => void,
    private readonly onBlank?: (row: number) => void,
  ) {
    this.d = delimiter.charCodeAt(0);
  }

  /** How the text ended; meaningful after `end()`. */
  get ending(): CsvEnding {
    return { finalNewline: this.endedWithNewline, unclosedQuote: this.openQuoteAtEnd };
  }

  /** Rows seen so far (including blank ones, which keep the numbering true to the file). */
  get rows(): number {
    return this.row;
  }

  push(text: string): void {
    const buf = this.pending.length > 0 ? this.pending + text : text;
    const end = this.parse(buf, false);
    this.pending = end < buf.length ? buf.slice(end) : '';
    if (this.pending.length > maxFieldChars * 2) this.tooLong();
  }

  end(): void {
    if (this.pending.length > 0) {
      const buf = this.pending;
      this.pending = '';
      this.parse(buf, true);
    }
  }

  /** Parses whole records from `buf`; returns where the unfinished one starts. */
  private parse(buf: string, final: boolean): number {
    const d = this.d;
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const start = pos;
      const fields: string[] = [];
      let i = pos;
      for (;;) {
        if (i >= n) {
          if (!final) return start;
          fields.push('');
          pos = n;
          this.endedWithNewline = false;
          break;
        }
        if (buf.charCodeAt(i) === 34) {
          // Quoted field: find the closing quote, "" is a quote.
          let j = i + 1;
          let value = '';
          let from = j;
          for (;;) {
            const q = buf.indexOf('"', j);
            if (q < 0) {
              if (!final) {
                if (n - i > maxFieldChars) this.tooLong();
                return start;
              }
              // A quote still open on the file's last line is a row cut short; one that swallows
              // further lines is a stray quote, and nothing after it can be trusted.
              const rest = buf.slice(from);
              if (rest.includes('\n') || rest.includes('\r')) this.unclosed();
              value += rest;
              j = n;
              this.openQuoteAtEnd = true;
              break;
            }
            if (q + 1 < n && buf.charCodeAt(q + 1) === 34) {
              value += buf.slice(from, q + 1);
              j = q + 2;
              from = j;
              continue;
            }
            if (q + 1 >= n && !final) return start;
            value += buf.slice(from, q);
            j = q + 1;
            break;
          }
          // Text after the closing quote up to the delimiter is kept (lenient, as Excel is).
          let k = j;
          while (k < n) {
            const c = buf.charCodeAt(k);
            if (c === d || c === 10 || c === 13) break;
            k++;
          }
          if (k > j) value += buf.slice(j, k);
          if (value.length > maxFieldChars) this.tooLong();
          fields.push(value);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = buf.charCodeAt(k);
            if (c === d || c === 10 || c === 13) break;
            k++;
          }
          if (k >= n && !final) return start;
          if (k - i > maxFieldChars) this.tooLong();
          fields.push(buf.slice(i, k));
          i = k;
        }
        if (i >= n) {
          pos = n;
          this.endedWithNewline = false;
          break;
        }
        const c = buf.charCodeAt(i);
        if (c === d) {
          i++;
          if (fields.length > maxFields) this.tooManyFields();
          continue;
        }
        // Line end: CRLF needs the LF in the buffer to be sure.
        if (c === 13) {
          if (i + 1 >= n && !final) return start;
          i += i + 1 < n && buf.charCodeAt(i + 1) === 10 ? 2 : 1;
        } else {
          i++;
        }
        pos = i;
        this.endedWithNewline = true;
        break;
      }
      this.row++;
      if (fields.length === 1 && fields[0] === '') {
        this.onBlank?.(this.row);
        continue;
      }
      this.onRecord(fields, this.row);
    }
    return n;
  }

  private unclosed(): never {
    throw new AppError('validation', `Row ${this.row + 1}: a quoted value is never closed, so the rest of the file cannot be read. Check the file for a stray " character.`);
  }

  private tooLong(): never {
    throw new AppError(
      'validation',
      `Row ${this.row + 1}: one value is longer than ${maxFieldChars.toLocaleString('en')} characters. The file is probably damaged (a stray " character) or not a sales export.`,
    );
  }

  private tooManyFields(): never {
    throw new AppError('validation', `Row ${this.row + 1} has more than ${maxFields} columns. This does not look like a sales export.`);
  }
}

/** Parses a short text completely (tests, previews). */
export function parseCsv(text: string, delimiter: Delimiter): string[][] {
  const out: string[][] = [];
  const reader = new CsvReader(delimiter, (f) => out.push(f));
  reader.push(text);
  reader.end();
  return out;
}

/**
 * Picks the delimiter from the first lines of a file: the one Excel's
 * `sep=;` first line names, else the one that splits the most lines into
 * the same number (more than one) of fields.
 */
export function detectDelimiter(sample: string): Delimiter {
  const declared = /^\uFEFF?sep=(.)[ \t]*(?:\r\n|\n|\r|$)/i.exec(sample)?.[1];
  if (declared !== undefined && (delimiters as readonly string[]).includes(declared)) return declared as Delimiter;
  // Drop a possibly cut last line.
  const cut = sample.length > 4096 ? sample.slice(0, Math.max(sample.lastIndexOf('\n'), 1)) : sample;
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of delimiters) {
    let records: string[][];
    try {
      records = parseCsv(cut, delimiter).slice(0, 200);
    } catch {
      continue;
    }
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    const [fields, lines] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
    if (fields < 2) continue;
    // Consistency first, then more fields (a comma inside unquoted text splits some lines only).
    const score = (lines / records.length) * 1000 + Math.min(fields, 100);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
