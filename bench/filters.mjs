// Benchmark of the dashboard filters (issue 5). Prints one JSON line.
//   node bench/filters.mjs                     1,000,000 demo customers, segmented
//   node bench/filters.mjs --db PATH           an existing database (it is segmented first if it has no active model with customer facts)
//   (npm run -s bench:filters -- …)
// 200 random filter combinations (age range, category bought, last purchase, outlets, gender, spend)
// asked through the real IPC handler (dispatch → getSegmentOverview → the filter thread holding a
// columnar snapshot of the active model's customers); the first 20 also of SQLite (filtered
// GROUP BY with median()) as the reference, and their counts compared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, db: { type: 'string' } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-filters-'));
const cli = path.join(root, 'out/main/cli.js');

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

try {
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
  const database = values.db ? path.resolve(values.db) : path.join(dir, 'app.sqlite');
  if (!values.db) run(process.execPath, [cli, 'demo', '--customers', values.customers, '--db', database, '--json']);
  const facts = spawnSync('sqlite3', [database, 'SELECT count(spend) FROM customer_segments'], { encoding: 'utf8' });
  if (facts.status !== 0 || Number(facts.stdout.trim()) === 0) run(process.execPath, [cli, 'segment', '--db', database, '--json']);
  const entry = path.join(dir, 'filters.cjs');
  await build({ entryPoints: [path.join(root, 'bench/filters-entry.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: entry, external: ['better-sqlite3'], logLevel: 'error' });
  const result = JSON.parse(run(process.execPath, [entry, database, root], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } }));
  console.log(JSON.stringify({ bench: 'filters', ...result, node: process.version, cpus: os.cpus().length }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
