// Benchmark of the importer: the CLI's typed, validated, all-or-nothing
// import (check pass + write pass, in a worker) against the sqlite3
// command-line tool's `.import` of the same CSV into an untyped table, the
// reference, in the same run. Prints one JSON line.
//   node bench/import.mjs                       Online Retail (../shared/data/online_retail.csv.gz)
//   node bench/import.mjs --customers 1000000   a generated export of that many customers
//   node bench/import.mjs --customers 1000000 --date-order   the same, its lines sorted by date as a till
//                                                system exports them (the generator writes them by customer)
//   (npm run -s bench:import -- …)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { customers: { type: 'string' }, 'date-order': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-import-'));
const cli = path.join(root, 'out/main/cli.js');

function run(command, args) {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

try {
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
  let input;
  let csvFile;
  if (values.customers) {
    csvFile = path.join(dir, 'sales.csv');
    run(process.execPath, [cli, 'demo', '--customers', values.customers, '--out', csvFile, '--json']);
    if (values['date-order']) {
      // ISO dates first on every line, no quoted fields: a byte sort on the first field orders by time; -s keeps basket lines together.
      const sorted = path.join(dir, 'sales-by-date.csv');
      run('sh', ['-c', `head -n 1 '${csvFile}' > '${sorted}' && tail -n +2 '${csvFile}' | LC_ALL=C sort -s -t, -k1,1 -S 1G -T '${dir}' >> '${sorted}' && mv '${sorted}' '${csvFile}'`]);
    }
    input = csvFile;
  } else {
    input = path.resolve(root, '../shared/data/online_retail.csv.gz');
    if (!fs.existsSync(input)) throw new Error(`${input} is missing: put the shared data set beside the project.`);
    // The reference reads plain CSV; ours reads the .gz as a user would hand it in.
    csvFile = path.join(dir, 'online_retail.csv');
    await pipeline(fs.createReadStream(input), zlib.createGunzip(), fs.createWriteStream(csvFile));
  }
  const ours = run(process.execPath, [cli, 'import', input, '--db', path.join(dir, 'app.sqlite'), '--json']);
  const result = JSON.parse(ours.stdout);
  const reference = run('sqlite3', [path.join(dir, 'reference.sqlite'), '.mode csv', `.import ${csvFile} sales`]);
  const rows = result.rowsRead;
  console.log(
    JSON.stringify({
      bench: 'import',
      input: values.customers ? `generated, ${values.customers} customers${values['date-order'] ? ', lines in date order' : ''}` : 'online_retail.csv.gz',
      rows,
      imported: result.imported,
      importSeconds: round(ours.seconds),
      importRowsPerSecond: Math.round(rows / ours.seconds),
      peakRssMb: result.peakRssMb,
      sqlite3ImportSeconds: round(reference.seconds),
      sqlite3ImportRowsPerSecond: Math.round(rows / reference.seconds),
      importVsSqlite3Import: round(reference.seconds / ours.seconds),
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
} finally {
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
}

function round(n) {
  return Math.round(n * 100) / 100;
}
