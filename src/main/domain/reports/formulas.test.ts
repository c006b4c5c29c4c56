import ExcelJS from 'exceljs';
import fc from 'fast-check';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from '../../../shared/cells';
import type { ReportCustomerRow } from '../../../shared/reports';
import { printable } from '../../../shared/text';
import { openDatabase } from '../../platform/db/connection';
import { parseCsv } from '../import/csv';
import { writeImportReportCsv } from '../../app/import';
import { sampleReportDocument, sampleReportRows } from '../../testing/reportFixture';
import { tempDir } from '../../testing/temp';
import { writeXlsx } from './xlsx';

// Every CSV and workbook the app writes, written to disk and read back: no text cell may start a formula.

const triggers = ['=', '+', '-', '@', '\t', '\r'];
const attacks = ["=HYPERLINK(\"http://x\")", "-1+cmd|' /C calc'!A0", '+1+1', '@SUM(A1)', '=1', '-', '\t=cmd', '\r@x', '-2+3'];
const numbers = ['-12.5', '+3', '1e5', '-1,200.50', '-0.5', '+7%', '-.25', '-3E-2'];

/** Cells as files and names bring them: attacks, signed numbers, and any text behind any of the trigger characters. */
const cell = fc.oneof(
  fc.constantFrom(...attacks, ...numbers),
  fc.tuple(fc.constantFrom('', ...triggers), fc.string({ maxLength: 12 })).map(([a, b]) => a + b),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** What a spreadsheet would evaluate: a text starting with a trigger that is not a whole number. */
function expectInert(text: string): void {
  expect(looksLikeFormula(text), JSON.stringify(text)).toBe(false);
}

const tmp = tempDir('octave-formulas-');
afterAll(() => tmp.remove());

describe('the rejected-rows CSV', () => {
  const connection = openDatabase(tmp.file('app.sqlite'));
  const db = connection.sqlite;
  let importId: number;
  beforeAll(() => {
    importId = Number(db.prepare("INSERT INTO imports (kind, source_name, started_at, finished_at) VALUES ('file', 'till.csv', '2026-12-01', '2026-12-01')").run().lastInsertRowid);
  });
  afterAll(() => connection.close());

  it('neutralises every formula, keeps numbers and plain text as they are', () => {
    let written = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(cell), fc.option(cell), cell), { minLength: 1, maxLength: 30 }), (rows) => {
        db.prepare('DELETE FROM import_errors').run();
        const insert = db.prepare('INSERT INTO import_errors (import_id, row_number, column_name, value, reason) VALUES (?, ?, ?, ?, ?)');
        rows.forEach(([column, value, reason], i) => insert.run(importId, i + 2, column, value, reason));
        const file = tmp.file(`rejected-${++written}.csv`);
        writeImportReportCsv(db, importId, file);

        const [header, ...back] = parseCsv(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), ',').filter((r) => r.length > 1);
        expect(header).toEqual(['Row', 'Column', 'Value', 'Reason']);
        expect(back).toHaveLength(rows.length);
        back.forEach((fields, i) => {
          const [column, value, reason] = rows[i] as [string | null, string | null, string];
          expect(fields).toEqual([String(i + 2), neutraliseFormula(column ?? ''), neutraliseFormula(value ?? ''), neutraliseFormula(reason)]);
          fields.forEach(expectInert);
          // Plain text comes back exactly.
          for (const original of [column ?? '', value ?? '', reason]) if (!looksLikeFormula(original)) expect(fields).toContain(original);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('turns the review’s example into text', () => {
    db.prepare('DELETE FROM import_errors').run();
    db.prepare('INSERT INTO import_errors VALUES (?, 2, ?, ?, ?)').run(importId, 'Amount', "-1+cmd|' /C calc'!A0", 'not a number');
    db.prepare('INSERT INTO import_errors VALUES (?, 3, ?, ?, ?)').run(importId, 'Amount', '-12.5', 'a negative amount');
    const file = tmp.file('example.csv');
    writeImportReportCsv(db, importId, file);
    expect(fs.readFileSync(file, 'utf8')).toBe("\uFEFFRow,Column,Value,Reason\r\n2,Amount,'-1+cmd|' /C calc'!A0,not a number\r\n3,Amount,-12.5,a negative amount\r\n");
  });
});

describe('the segment report workbook', () => {
  it('holds no text cell a spreadsheet would evaluate, and plain text as it was', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(cell, fc.array(cell, { maxLength: 6 }), fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), async (name, filters, cells) => {
        const doc = sampleReportDocument({ segmentName: name, title: name, filters, createdBy: name });
        const sample = [...sampleReportRows(cells.length)];
        const rows: ReportCustomerRow[] = cells.map(([code, outlet, rfm], i) => ({ ...(sample[i] as ReportCustomerRow), code, homeOutlet: outlet, segment: name, rfmSegment: rfm }));
        const file = tmp.file(`report-${++written}.xlsx`);
        await writeXlsx(doc, rows, fs.createWriteStream(file));

        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        const texts: string[] = [];
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value)))));
        texts.forEach(expectInert);

        const shown = (text: string): string => neutraliseFormula(printable(text));
        expect(wb.getWorksheet('Summary')?.getRow(1).getCell(1).value ?? '').toBe(shown(name));
        const filterSheet = wb.getWorksheet('Filters');
        if (filters.length > 0) expect(filters.map((_, i) => filterSheet?.getRow(i + 2).getCell(1).value ?? '')).toEqual(filters.map(shown));
        const customers = wb.getWorksheet('Customers');
        cells.forEach(([code, , rfm], i) => {
          expect(customers?.getRow(i + 2).getCell(1).value ?? '').toBe(shown(code));
          expect(customers?.getRow(i + 2).getCell(13).value ?? '').toBe(shown(rfm));
        });
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
