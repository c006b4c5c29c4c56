import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import type { ReadResult, RecordSink } from './source';

/** An XLSX file is a zip: "PK\x03\x04". (An old .xls is not, and is refused with advice.) */
export async function isXlsx(file: string): Promise<boolean> {
  const head = await readHead(file, 8);
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new AppError('unsupported', 'This is an old Excel 97-2003 (.xls) workbook. In Excel, use File → Save As → Excel Workbook (.xlsx), or CSV, then import that file.');
  }
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

async function readHead(file: string, n: number): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r').catch(() => {
    throw new AppError('not_found', `The file ${file} could not be found. Check the name and the folder, then try again.`);
  });
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

type CellValue = ExcelJS.CellValue;

/** A cell as the text a CSV export of it would hold. Dates stay Excel serial numbers (styles are not read). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return String((value as { text: unknown }).text);
  return '';
}

/**
 * Streams one sheet of a workbook row by row (the workbook is never loaded
 * whole). Which sheet: `sheet` by name, else the first.
 */
export async function readXlsx(file: string, sheet: string | undefined, sink: RecordSink): Promise<ReadResult> {
  const size = (await fs.promises.stat(file)).size;
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  let bytesRead = 0;
  stream.on('data', (b) => {
    bytesRead += b.length;
    hash.update(b as Buffer);
  });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sheets: string[] = [];
  let chosen: string | null = null;
  let stopped = false;
  let lastReport = 0;
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as { name: string } & AsyncIterable<ExcelJS.Row>;
      const model = (reader as unknown as { model?: { sheets?: Array<{ name: string }> } }).model;
      sheets = model?.sheets?.map((s) => s.name) ?? sheets;
      if (stopped || chosen !== null || (sheet !== undefined && ws.name !== sheet)) {
        for await (const _ of ws) {
          // Skipped sheet: drained so the zip can move on.
        }
        continue;
      }
      chosen = ws.name;
      for await (const row of ws) {
        if (stopped) continue;
        const values = row.values as CellValue[];
        const fields: string[] = [];
        for (let i = 1; i < values.length; i++) fields.push(cellText(values[i] ?? null));
        while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
        if (fields.length > 0 && sink.record(fields, row.number) === false) stopped = true;
        if (bytesRead - lastReport >= 1 << 20) {
          lastReport = bytesRead;
          sink.progress(bytesRead, size);
        }
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation', `The workbook could not be read (${(error as Error).message}). Open it in Excel, save it again as .xlsx or CSV, and import that file.`, { cause: error });
  } finally {
    stream.destroy();
  }
  if (chosen === null) {
    throw new AppError(
      'validation',
      sheet === undefined ? 'The workbook has no sheets with data.' : `The workbook has no sheet called "${sheet}". Its sheets: ${sheets.join(', ')}.`,
    );
  }
  sink.progress(size, size);
  return { format: 'xlsx', encoding: null, delimiter: null, compressed: false, sheet: chosen, sheets, size, contentHash: stopped ? '' : hash.digest('hex') };
}
