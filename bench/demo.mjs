// Benchmark of the demo generator: writing the CSV export and loading the
// same chain into SQLite (typed, indexed, one transaction, in a worker),
// against the sqlite3 command-line tool's `.import` of the same CSV into an
// untyped table as the reference. Prints one JSON line.
//   node bench/demo.mjs [--customers N]      (npm run bench:demo -- --customers N)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { customers: { type: 'string', default: '200000' } } });
const customers = Number(values.customers);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-demo-'));
const cli = path.join(root, 'out/main/cli.js');

function run(command, args) {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

try {
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
  const csvFile = path.join(dir, 'sales.csv');
  const csv = run(process.execPath, [cli, 'demo', '--customers', String(customers), '--out', csvFile, '--json']);
  const csvResult = JSON.parse(csv.stdout);
  const load = run(process.execPath, [cli, 'demo', '--customers', String(customers), '--db', path.join(dir, 'app.sqlite'), '--json']);
  const loadResult = JSON.parse(load.stdout);
  const reference = run('sqlite3', [path.join(dir, 'reference.sqlite'), '.mode csv', `.import ${csvFile} sales`]);
  const lines = loadResult.salesLines;
  console.log(
    JSON.stringify({
      bench: 'demo',
      customers,
      salesLines: lines,
      csvBytes: csvResult.bytes,
      csvSeconds: round(csv.seconds),
      csvLinesPerSecond: Math.round(lines / csv.seconds),
      dbLoadSeconds: round(load.seconds),
      dbLoadLinesPerSecond: Math.round(lines / load.seconds),
      sqlite3ImportSeconds: round(reference.seconds),
      sqlite3ImportLinesPerSecond: Math.round(lines / reference.seconds),
      dbLoadVsSqlite3Import: round(reference.seconds / load.seconds),
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function round(n) {
  return Math.round(n * 100) / 100;
}
