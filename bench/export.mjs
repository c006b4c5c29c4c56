// Benchmark of the report exports (issue 6). Prints one JSON line.
//   node bench/export.mjs                               100,000-row workbook, PDF with a 500-row table
//   node bench/export.mjs --xlsx-rows N --pdf-rows M
// Each export runs in a fresh process (bench/export-entry.ts, bundled with the app's externals), so its
// peak RSS is its own. The workbook streams to a temp file and counts until the file is closed; the PDF
// time covers the three charts, the layout and writing the file, first in the process and once more.
// Targets: workbook under 5 s and 300 MB peak RSS; PDF under 2 s.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'xlsx-rows': { type: 'string', default: '100000' }, 'pdf-rows': { type: 'string', default: '500' } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-export-'));

function run(entry, args) {
  const r = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
  if (r.status !== 0) throw new Error(`export-entry ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

try {
  const entry = path.join(dir, 'export.cjs');
  await build({
    entryPoints: [path.join(root, 'bench/export-entry.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile: entry,
    // As scripts/build.mjs: loaded from node_modules at run time.
    external: ['better-sqlite3', 'exceljs', '@napi-rs/canvas', 'jspdf', 'dejavu-fonts-ttf'],
    logLevel: 'error',
  });
  const xlsxRows = Number(values['xlsx-rows']);
  const pdfRows = Number(values['pdf-rows']);
  const xlsx = run(entry, ['xlsx', String(xlsxRows), path.join(dir, 'report.xlsx')]);
  const pdf = run(entry, ['pdf', String(pdfRows), path.join(dir, 'report.pdf')]);
  console.log(
    JSON.stringify({
      bench: 'export',
      xlsx: { rows: xlsxRows, ...xlsx, targetMs: 5000, targetMaxRssMb: 300 },
      pdf: { rows: pdfRows, ...pdf, targetMs: 2000 },
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
