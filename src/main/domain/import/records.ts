import type { LineList } from '../../../shared/rowNotes';
import type { CsvEnding, Delimiter } from './csv';
import type { TextEncoding } from './text';

/** What the file readers (CSV in source.ts, workbooks in xlsx.ts) take and give. */

export interface ReadOptions {
  encoding: TextEncoding | 'auto';
  delimiter: Delimiter | 'auto';
  /** XLSX: the sheet's name; the first sheet when absent. */
  sheet?: string | undefined;
}

export interface ReadResult {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  compressed: boolean;
  sheet: string | null;
  sheets: string[];
  size: number;
  contentHash: string;
  /** CSV: how the text ended (a final line break, a quote left open); null for workbooks. */
  ending: CsvEnding | null;
  // issue 14, header: the column names need not be on the first line.
  /** The header's row number (1 unless lines above it were skipped); null when the file has no records. */
  headerRow: number | null;
  /** Lines above the header (a title, a date line, Excel's sep=, empty lines): skipped, never data. */
  preamble: LineList;
}

export type FormatResult = Omit<ReadResult, 'headerRow' | 'preamble'>;

export interface RecordSink {
  /**
   * The header, then each record after it, with its row number in the file (the header's is 1
   * unless lines above it were skipped: see HeaderFinder). Return false to stop reading.
   */
  record(fields: string[], row: number): boolean | void;
  /** Called at least once per megabyte read, so the caller can report progress and stop. */
  progress(bytesRead: number, size: number): void;
  /** A blank line of a CSV (its row number), skipped. */
  blank?(row: number): void;
}
