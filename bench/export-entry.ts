// Bundled and run by bench/export.mjs, once a measure in a fresh process so that
// its peak memory is its own. Prints one JSON line.
//   export-entry xlsx ROWS OUT.xlsx   the workbook of ROWS customers, streamed to a file
//   export-entry pdf ROWS OUT.pdf     the PDF with its summary, three charts and a table of ROWS
import fs from 'node:fs';
import { renderPdf } from '../src/main/domain/reports/pdf';
import { writeXlsx } from '../src/main/domain/reports/xlsx';
import { sampleReportDocument, sampleReportRows } from '../src/main/testing/reportFixture';

const [mode, count, out] = process.argv.slice(2);
const rows = Number(count);
if ((mode !== 'xlsx' && mode !== 'pdf') || !Number.isInteger(rows) || !out) throw new Error('usage: export-entry xlsx|pdf ROWS OUT');
const doc = sampleReportDocument({ rowsLabel: `Top ${rows.toLocaleString('en-LK')} customers by spend` });
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<Record<string, number>> {
  if (mode === 'xlsx') {
    const started = performance.now();
    // The rows are made as they are written, as a database cursor would hand them over.
    await writeXlsx(doc, sampleReportRows(rows), fs.createWriteStream(out as string));
    return { ms: Math.round(performance.now() - started), bytes: fs.statSync(out as string).size, maxRssMb: maxRssMb() };
  }
  const table = [...sampleReportRows(rows)];
  // The first report of a process loads jsPDF, the canvas and the fonts; a second shows the steady cost.
  const times: number[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    fs.writeFileSync(out as string, renderPdf(doc, table));
    times.push(Math.round(performance.now() - started));
  }
  return { ms: times[0] as number, secondMs: times[1] as number, bytes: fs.statSync(out as string).size, maxRssMb: maxRssMb() };
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
