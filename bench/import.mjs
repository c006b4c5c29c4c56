// Benchmark of the importer: the CLI's typed, validated, all-or-nothing
// import (check pass + write pass, in a worker) against the sqlite3
// command-line tool's `.import` of the same CSV into an untyped table, the
// reference, in the same run. Prints one JSON line.
//
// A second reference, the storage floor: the very lines our import stored,
// already parsed and typed, written again into a fresh database of the same
// schema the way the import writes them (one transaction, 200-row INSERT OR
// IGNORE, the line-identity index kept, the two secondary indexes built at
// the end, foreign keys on, the same page cache). Only that writing is
// timed. It is what any typed, deduplicated import into this schema must
// pay; `importVsFloor` is how close ours comes to it.
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
import Sqlite from 'better-sqlite3';

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
  const ours = run(process.execPath, [cli, 'import', input, '--db', path.join(dir, 'app.sqlite'), '--json', '--accept-amounts']);
  const result = JSON.parse(ours.stdout);
  const reference = run('sqlite3', [path.join(dir, 'reference.sqlite'), '.mode csv', `.import ${csvFile} sales`]);
  const floor = storageFloor(path.join(dir, 'app.sqlite'), path.join(dir, 'floor.sqlite'));
  if (floor.lines !== result.imported) throw new Error(`floor wrote ${floor.lines} lines, the import ${result.imported}`);
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
      floorSeconds: round(floor.seconds),
      floorRowsPerSecond: Math.round(rows / floor.seconds),
      importVsFloor: round(floor.seconds / ours.seconds),
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
} finally {
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies every table but the lines (and their daily totals) from `source`,
 * untimed, then writes `source`'s sales lines again as the import does;
 * times only that writing. Returns { seconds, lines }.
 */
function storageFloor(source, target) {
  const src = new Sqlite(source, { readonly: true });
  const db = new Sqlite(target);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const schema = src.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'").all();
  for (const { sql } of schema) db.exec(sql);
  db.exec(`ATTACH '${source}' AS src`);
  for (const { type, name } of schema) {
    if (type === 'table' && name !== 'sales_lines' && name !== 'sales_daily') db.exec(`INSERT INTO main.${name} SELECT * FROM src.${name}`);
  }
  db.exec('DETACH src');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');

  const columns = ['id', 'import_id', 'sold_at', 'basket', 'customer_id', 'outlet_id', 'product_id', 'category_id', 'quantity', 'amount_cents', 'line_key'];
  const perStatement = 200;
  const insert = (n) => db.prepare(`INSERT OR IGNORE INTO sales_lines (${columns.join(', ')}) VALUES ${Array(n).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`);
  const full = insert(perStatement);
  const read = src.prepare(`SELECT ${columns.join(', ')} FROM sales_lines WHERE id > ? ORDER BY id LIMIT 100000`).raw();
  const deferred = src.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN ('sales_lines_customer', 'sales_lines_import')").pluck().all();

  let seconds = 0;
  let lines = 0;
  const timed = (fn) => {
    const started = performance.now();
    fn();
    seconds += (performance.now() - started) / 1000;
  };
  timed(() => {
    db.exec('BEGIN IMMEDIATE');
    db.exec('DROP INDEX sales_lines_customer; DROP INDEX sales_lines_import');
  });
  for (let last = 0; ; ) {
    const chunk = read.all(last); // untimed: reading the lines back is not part of the floor
    if (chunk.length === 0) break;
    last = chunk[chunk.length - 1][0];
    const values = chunk.flat();
    timed(() => {
      const width = columns.length * perStatement;
      let at = 0;
      for (; at + width <= values.length; at += width) lines += full.run(values.slice(at, at + width)).changes;
      if (at < values.length) lines += insert((values.length - at) / columns.length).run(values.slice(at)).changes;
    });
  }
  timed(() => {
    db.pragma('cache_size = -16384');
    for (const sql of deferred) db.exec(sql);
    db.exec('COMMIT');
  });
  src.close();
  db.close();
  return { seconds, lines };
}

function round(n) {
  return Math.round(n * 100) / 100;
}
