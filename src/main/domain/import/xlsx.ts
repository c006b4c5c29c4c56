import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import type { FormatResult, RecordSink } from './records';

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
export async function readXlsx(file: string, size: number, sheet: string | undefined, sink: RecordSink): Promise<FormatResult> {
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const hash = createHash('sha256');
  let bytesRead = 0;
  stream.on('data', (b) => {
    bytesRead += b.length;
    hash.update(b as Buffer);
  });
  // Loaded on first use: a CSV import never parses exceljs's code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stream: excelStream } = require('exceljs') as typeof ExcelJS;
  const reader = new excelStream.xlsx.WorkbookReader(stream, {
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
    stream.destroy();
    // exceljs's streaming reader fails when a worksheet is read before workbook.xml has been
    // (exceljs/exceljs#962; exceljs's own writer puts workbook.xml last). Such a file is read whole instead.
    if (error instanceof TypeError && error.message.includes("'sheets'") && chosen === null) return readWholeWorkbook(file, size, sheet, sink);
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
  return { format: 'xlsx', encoding: null, delimiter: null, compressed: false, sheet: chosen, sheets, size, contentHash: stopped ? '' : hash.digest('hex'), ending: null };
}

/** The same reading, with the workbook loaded whole: for the files the streaming reader cannot take. */
async function readWholeWorkbook(file: string, size: number, sheet: string | undefined, sink: RecordSink): Promise<FormatResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new AppError('validation', `The workbook could not be read (${(error as Error).message}). Open it in Excel, save it again as .xlsx or CSV, and import that file.`, { cause: error });
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!ws) {
    throw new AppError('validation', sheet === undefined ? 'The workbook has no sheets with data.' : `The workbook has no sheet called "${sheet}". Its sheets: ${sheets.join(', ')}.`);
  }
  let stopped = false;
  ws.eachRow((row, number) => {
    if (stopped) return;
    const values = row.values as CellValue[];
    const fields: string[] = [];
    for (let i = 1; i < values.length; i++) fields.push(cellText(values[i] ?? null));
    while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
    if (fields.length > 0 && sink.record(fields, number) === false) stopped = true;
  });
  sink.progress(size, size);
  const contentHash = stopped ? '' : createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  return { format: 'xlsx', encoding: null, delimiter: null, compressed: false, sheet: ws.name, sheets, size, contentHash, ending: null };
}
