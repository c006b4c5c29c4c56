// Benchmark of the report exports (issue 6). Prints one JSON line.
//   node bench/export.mjs                               100,000-row workbook, PDF with a 500-row table
//   node bench/export.mjs --xlsx-rows N --pdf-rows M
// Each export runs in a fresh process (bench/export-entry.ts, bundled with the app's externals), so its
// peak RSS is its own. The workbook streams to a temp file and counts until the file is closed; the PDF
// time covers the three charts, the layout and writing the file, first in the process and once more.
// Targets: workbook under 5 s and 300 MB peak RSS; PDF under 2 s.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEntry, inTempDir, report } from './harness.mjs';

const { values } = parseArgs({ options: { 'xlsx-rows': { type: 'string', default: '100000' }, 'pdf-rows': { type: 'string', default: '500' } } });

await inTempDir('export', async (dir) => {
  const entry = await benchEntry('export', dir);
  const xlsxRows = Number(values['xlsx-rows']);
  const pdfRows = Number(values['pdf-rows']);
  const xlsx = entry('xlsx', xlsxRows, path.join(dir, 'report.xlsx'));
  const pdf = entry('pdf', pdfRows, path.join(dir, 'report.pdf'));
  report('export', { xlsx: { rows: xlsxRows, ...xlsx, targetMs: 5000, targetMaxRssMb: 300 }, pdf: { rows: pdfRows, ...pdf, targetMs: 2000 } });
});
