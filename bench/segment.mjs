// Benchmark of the segmentation engine (issue 4). Prints one JSON line.
//   node bench/segment.mjs                         1,000,000 demo customers (about 24.6 M sales lines)
//   node bench/segment.mjs --customers 50000       a smaller chain
//   node bench/segment.mjs --db PATH               an existing database (kept as it is; a model version is added)
//   (npm run -s bench:segment -- …)
// 1. The demo chain is loaded into a fresh database (timed apart; not part of the target).
// 2. The whole pipeline, as `npm run -s cli -- segment` runs it: features, k chosen 3..10,
//    k-means, network training, quality, profiles, save. Seconds per step and peak memory.
// 3. k-means alone against the reference, in the same run: our k-means and scikit-learn's
//    KMeans (Debian python3-sklearn: k-means++, Lloyd, same k, same restarts, default tolerance)
//    on the same scaled feature matrix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, db: { type: 'string' }, restarts: { type: 'string', default: '4' }, keep: { type: 'boolean', default: false } } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-bench-segment-'));
const cli = path.join(root, 'out/main/cli.js');
const python = '/usr/bin/python3';

function run(command, args, options = {}) {
  const started = performance.now();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

try {
  if (spawnSync(python, ['-c', 'import sklearn'], { encoding: 'utf8' }).status !== 0) {
    throw new Error('The reference needs scikit-learn: apt-get install -y python3-sklearn');
  }
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
  let database = values.db ? path.resolve(values.db) : path.join(dir, 'app.sqlite');
  let loadSeconds = null;
  if (!values.db) {
    loadSeconds = run(process.execPath, [cli, 'demo', '--customers', values.customers, '--db', database, '--json']).seconds;
  }
  const pipeline = run(process.execPath, [cli, 'segment', '--db', database, '--json', '--no-backup']);
  const trained = JSON.parse(pipeline.stdout);
  if (!trained.ok) throw new Error(pipeline.stdout);

  const entry = path.join(dir, 'kmeans.cjs');
  await build({
    entryPoints: [path.join(root, 'bench/kmeans-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: entry,
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
  const matrix = path.join(dir, 'matrix.f64');
  const restarts = values.restarts;
  const ours = JSON.parse(run(process.execPath, [entry, database, matrix, String(trained.k), restarts, root], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } }).stdout);
  const reference = JSON.parse(run(python, [path.join(root, 'bench/kmeans_sklearn.py'), matrix, String(ours.d), String(trained.k), restarts]).stdout);

  console.log(
    JSON.stringify({
      bench: 'segment',
      customers: trained.customers,
      k: trained.k,
      loadSeconds: loadSeconds === null ? null : round(loadSeconds),
      pipelineSeconds: round(pipeline.seconds),
      steps: trained.timings,
      peakRssMb: trained.peakRssMb,
      networkMacroF1: round(trained.quality.network.macroF1, 4),
      kmeansSeconds: round(ours.seconds),
      kmeansInertia: round(ours.inertia),
      kmeansIterations: ours.iterations,
      sklearnSeconds: round(reference.seconds),
      sklearnInertia: round(reference.inertia),
      sklearnIterations: reference.iterations,
      restarts: Number(restarts),
      kmeansVsSklearnTime: round(ours.seconds / reference.seconds),
      kmeansVsSklearnInertia: round(ours.inertia / reference.inertia, 4),
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
} finally {
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
}

function round(n, digits = 2) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
