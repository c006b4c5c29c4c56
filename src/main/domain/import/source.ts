import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { CsvReader, detectDelimiter, type Delimiter } from './csv';
import { HeaderFinder } from './headerRow';
import { LinesHash, NotUtf8Error, openText, type TextEncoding } from './text';
import { readXlsx } from './xlsx';

/** How to read a file; what `analyse` found and the user confirmed. */
export type { FormatResult, ReadOptions, ReadResult, RecordSink } from './records';
import type { FormatResult, ReadOptions, ReadResult, RecordSink } from './records';

/**
 * Reads an export's records, whatever its format: CSV (any delimiter and
 * encoding, gzipped or not) or an XLSX sheet, streamed either way. Lines
 * above the header are skipped and counted (see HeaderFinder).
 */
export async function readRecords(file: string, options: ReadOptions, sink: RecordSink): Promise<ReadResult> {
  const found = await sniffFile(file);
  const withHeader = async (read: (finder: RecordSink) => Promise<FormatResult>): Promise<ReadResult> => {
    const finder = new HeaderFinder(sink);
    const result = await read(finder);
    finder.end();
    return { ...result, headerRow: finder.headerRow, preamble: finder.preamble };
  };
  if (found.kind === 'xlsx') return withHeader((s) => readXlsx(file, found.size, options.sheet, s));
  const text = { size: found.size, compressed: found.kind === 'gzip' };
  if (options.encoding !== 'auto') return withHeader((s) => readCsv(file, options.encoding as TextEncoding, options.delimiter, text, s));
  try {
    return await withHeader((s) => readCsv(file, 'auto', options.delimiter, text, s));
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    // Not UTF-8 and no byte-order mark: what Excel on Windows writes by default.
    return withHeader((s) => readCsv(file, 'windows-1252', options.delimiter, text, s));
  }
}

/** What the file is, from its first bytes: an XLSX (a zip), gzip, or text. An old .xls is refused with advice. */
export async function sniffFile(file: string): Promise<{ size: number; kind: 'xlsx' | 'gzip' | 'text' }> {
  const stat = await fs.promises.stat(file).catch(() => {
    throw new AppError('not_found', `The file ${file} could not be found. Check the name and the folder, then try again.`);
  });
  if (stat.isDirectory()) throw new AppError('validation', `${file} is a folder, not a file. Choose the export file itself.`);
  const handle = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new AppError('unsupported', 'This is an old Excel 97-2003 (.xls) workbook. In Excel, use File → Save As → Excel Workbook (.xlsx), or CSV, then import that file.');
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { size: stat.size, kind: 'xlsx' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { size: stat.size, kind: 'gzip' };
  return { size: stat.size, kind: 'text' };
}

class Stop extends Error {}

async function readCsv(
  file: string,
  encoding: TextEncoding | 'auto',
  delimiter: Delimiter | 'auto',
  found: { size: number; compressed: boolean },
  sink: RecordSink,
): Promise<FormatResult> {
  const source = openText(file, encoding, found);
  let reader: CsvReader | null = null;
  let chosen: Delimiter | null = delimiter === 'auto' ? null : delimiter;
  let head = '';
  // "Same file, same answer": the hash is of the decoded lines, so a copy saved again with other
  // line ends, a BOM, another encoding or trailing spaces is the same content.
  const hash = new LinesHash();
  const make = (d: Delimiter): CsvReader =>
    new CsvReader(
      d,
      (fields, row) => {
        if (sink.record(fields, row) === false) throw new Stop();
      },
      sink.blank?.bind(sink),
    );
  let stopped = false;
  try {
    for await (const chunk of source.chunks()) {
      hash.push(chunk.utf8 ?? Buffer.from(chunk.text, 'utf8'));
      if (!reader) {
        head += chunk.text;
        if (head.length < 65_536) {
          sink.progress(chunk.bytesRead, source.size);
          continue;
        }
        chosen ??= detectDelimiter(head);
        reader = make(chosen);
        reader.push(head);
        head = '';
      } else {
        reader.push(chunk.text);
      }
      sink.progress(chunk.bytesRead, source.size);
    }
    if (!reader) {
      chosen ??= detectDelimiter(head);
      reader = make(chosen);
      reader.push(head);
    }
    reader.end();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    // Stopped early (a preview): there is no whole-file hash.
    stopped = true;
  }
  sink.progress(source.size, source.size);
  return {
    format: 'csv',
    encoding: source.encoding,
    delimiter: chosen,
    compressed: source.compressed,
    sheet: null,
    sheets: [],
    size: source.size,
    contentHash: stopped ? '' : hash.digest(),
    ending: stopped ? null : (reader?.ending ?? null),
  };
}

export function displayName(file: string): string {
  return path.basename(file);
}

export function emptyFileError(file: string): AppError {
  return new AppError('validation', `${displayName(file)} has no rows to import. Check that you chose the right file.`);
}
