// How long each read the window makes blocks the main process (issue 5: no
// handler may block it for more than 50 ms). Prints one JSON line.
//   node bench/handlers.mjs --db PATH      a big database with an active model (e.g. bench/filters' 1,000,000 customers)
//   node bench/handlers.mjs                20,000 demo customers, segmented (a quick run)
//   (npm run -s bench:handlers -- …)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { customers: { type: 'string', default: '20000' }, db: { type: 'string' } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-handlers-'));
const cli = path.join(root, 'out/main/cli.js');

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

try {
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
  const database = values.db ? path.resolve(values.db) : path.join(dir, 'app.sqlite');
  if (!values.db) {
    run(process.execPath, [cli, 'demo', '--customers', values.customers, '--db', database, '--json']);
    run(process.execPath, [cli, 'segment', '--db', database, '--json']);
  }
  const entry = path.join(dir, 'handlers.cjs');
  await build({ entryPoints: [path.join(root, 'bench/handlers-entry.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: entry, external: ['better-sqlite3'], logLevel: 'error' });
  const result = JSON.parse(run(process.execPath, [entry, database, root], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } }));
  console.log(JSON.stringify({ bench: 'handlers', ...result, node: process.version, cpus: os.cpus().length }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
