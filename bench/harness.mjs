// What the benchmarks share: the app's main bundles built, a bench entry (TypeScript beside the
// script) bundled like them, commands run with their failures shown, and a temp folder removed after.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { externals } from '../scripts/externals.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cli = path.join(root, 'out/main/cli.js');

/** Runs a command; its stdout, or an error holding what it printed. */
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  if (r.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** `out/main` as the app builds it (the CLI, the job worker). */
export function buildMain() {
  spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--main-only', '--quiet'], { stdio: 'inherit' });
}

/** Bundles `bench/NAME-entry.ts` into `dir` with the app's externals; answers a function running it in a fresh process and parsing its one JSON line. */
export async function benchEntry(name, dir) {
  const entry = path.join(dir, `${name}.cjs`);
  await build({ entryPoints: [path.join(root, `bench/${name}-entry.ts`)], bundle: true, platform: 'node', target: 'node22', format: 'cjs', outfile: entry, external: externals, logLevel: 'error' });
  return (...args) => JSON.parse(run(process.execPath, [entry, ...args.map(String)], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } }));
}

/** Runs `fn` with a fresh temp folder, removed afterwards whatever happens. */
export async function inTempDir(prefix, fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `octave-bench-${prefix}-`));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The one JSON line every benchmark prints. */
export function report(bench, result) {
  console.log(JSON.stringify({ bench, ...result, node: process.version, cpus: os.cpus().length }));
}
