// Benchmark of the segment detail view (issue 5). Prints one JSON line.
//   node bench/segment-detail.mjs                          340,000 customers, 300,000 in one segment
//   node bench/segment-detail.mjs --customers N --segment M
// The customers' facts are made up and written straight into the tables (src/main/testing/bigSegment.ts),
// then the detail and the customer table are asked through the real IPC handlers and the filter thread:
// the first page (a sort of the whole segment), the next ones (slices of the kept order), another sort,
// a search, a filter. The main thread's longest event-loop delay over those calls is reported too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { customers: { type: 'string', default: '340000' }, segment: { type: 'string', default: '300000' } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-detail-'));

try {
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
  const entry = path.join(dir, 'segment-detail.cjs');
  await build({ entryPoints: [path.join(root, 'bench/segment-detail-entry.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: entry, external: ['better-sqlite3'], logLevel: 'error' });
  const r = spawnSync(process.execPath, [entry, path.join(dir, 'app.sqlite'), root, values.customers, values.segment], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
  });
  if (r.status !== 0) throw new Error(`the benchmark failed: ${r.stdout}${r.stderr}`);
  console.log(JSON.stringify({ bench: 'segment-detail', ...JSON.parse(r.stdout), node: process.version, cpus: os.cpus().length }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
