// `npm start`: builds, then opens the Electron app. Where Electron's binary
// cannot be obtained (no download possible, as on locked-down build machines),
// it says so in one line and serves the same app through the browser bridge.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The Electron executable, fetching it once if npm's install left it out; null if it cannot be had. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const located = () => {
    const pathFile = path.join(pkg, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  };
  if (!fs.existsSync(pkg)) return null;
  const found = located();
  if (found || process.env.OCTAVE_NO_ELECTRON_DOWNLOAD) return found;
  // Never `require('electron')` here: that downloads and throws on failure.
  spawnSync(process.execPath, [path.join(pkg, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return located();
}

const binary = process.env.OCTAVE_FORCE_BRIDGE ? null : electronBinary();
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log('Electron cannot be obtained on this machine, so Octave Segments runs in your browser instead (npm run web):'),
    spawn(process.execPath, [path.join(root, 'out/main/bridge.js'), ...args], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
