import { listPackage } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Packs the app with the real electron-builder.yml (Linux `dir` target) and checks
// what ends up in it. The Electron binary cannot be downloaded here, so a stand-in
// Electron distribution (a single executable named `electron`) is passed as
// electronDist: electron-builder copies it and renames it, nothing more.
const root = path.resolve(__dirname, '..');
const builderCli = path.join(root, 'node_modules/electron-builder/cli.js');
const builtOutputs = ['out/main/index.js', 'out/main/worker.js', 'out/main/cli.js', 'out/preload/preload.js', 'out/renderer/index.html'];

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

function ensureBuilt(): void {
  // The test suite normally builds first; vitest's global setup builds only main,
  // so the renderer can be missing on its own.
  if (builtOutputs.every((file) => fs.existsSync(path.join(root, file)))) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, encoding: 'utf8' });
  expect(build.status, `node scripts/build.mjs failed:\n${tail(build.stdout + build.stderr)}`).toBe(0);
}

function fakeElectronDist(dir: string): void {
  const executable = path.join(dir, 'electron');
  fs.writeFileSync(executable, '#!/bin/sh\necho "stand-in Electron for the packaging test" >&2\nexit 1\n');
  fs.chmodSync(executable, 0o755);
}

describe('electron-builder packaging (linux dir)', () => {
  it('packs only the built bundles into app.asar and unpacks the linux-x64 better-sqlite3 prebuild and Skia binary', { timeout: 240_000 }, () => {
    ensureBuilt();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-packaging-'));
    try {
      const electronDist = path.join(tmp, 'electron-dist');
      const output = path.join(tmp, 'dist');
      const cache = path.join(tmp, 'cache');
      for (const dir of [electronDist, output, cache]) fs.mkdirSync(dir);
      fakeElectronDist(electronDist);

      const result = spawnSync(
        process.execPath,
        [builderCli, '--linux', 'dir', '--x64', `--config.electronDist=${electronDist}`, `--config.directories.output=${output}`, '--publish', 'never'],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 220_000,
          env: { ...process.env, ELECTRON_BUILDER_CACHE: cache, CSC_IDENTITY_AUTO_DISCOVERY: 'false', FORCE_COLOR: '0' },
        },
      );
      const log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
      const logTail = `\n--- electron-builder output (tail) ---\n${tail(log)}${result.error ? `\n${String(result.error)}` : ''}`;
      expect(result.status, `electron-builder exited with ${result.status}${logTail}`).toBe(0);
      expect(log, `electron-builder tried to download something${logTail}`).not.toMatch(/\bdownloading\b/i);

      const resources = path.join(output, 'linux-unpacked', 'resources');
      const asarPath = path.join(resources, 'app.asar');
      expect(fs.existsSync(asarPath), `no app.asar in ${resources}${logTail}`).toBe(true);
      const entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''));

      for (const file of builtOutputs) expect(entries, `${file} missing from app.asar`).toContain(file);
      expect(entries).toContain('package.json');
      expect(entries, 'the development-only bridge is packed').not.toContain('out/main/bridge.js');
      expect(entries.filter((entry) => /\.test\./.test(path.posix.basename(entry))), '*.test.* files in app.asar').toEqual([]);
      expect(entries.filter((entry) => entry.endsWith('.map')), 'source maps in app.asar').toEqual([]);
      // Only out/, package.json and node_modules/ at the top: no src/, e2e/, .git/ ...
      expect([...new Set(entries.map((entry) => entry.split('/')[0]))].sort()).toEqual(['node_modules', 'out', 'package.json']);
      expect(entries.filter((entry) => entry.startsWith('node_modules/node-addon-api')), 'build-only node-addon-api packed').toEqual([]);

      // The native addon is unpacked next to the asar, and only the target's prebuild is shipped.
      const prebuilds = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
      expect(fs.existsSync(path.join(prebuilds, 'linux-x64.node')), `better-sqlite3 linux-x64 prebuild not unpacked${logTail}`).toBe(true);
      expect(fs.readdirSync(prebuilds)).toEqual(['linux-x64.node']);
      // The report charts' Skia binary, from @napi-rs/canvas's platform package, is unpacked too.
      const skia = 'node_modules/@napi-rs/canvas-linux-x64-gnu/skia.linux-x64-gnu.node';
      // (From a git worktree whose node_modules is a symlink, npm calls that package extraneous and
      // electron-builder leaves it out: package from a checkout with its own node_modules.)
      expect(fs.existsSync(path.join(resources, 'app.asar.unpacked', skia)), `@napi-rs/canvas binary not unpacked${logTail}`).toBe(true);
      expect(entries.filter((entry) => entry.endsWith('.node')).sort()).toEqual([skia, 'node_modules/better-sqlite3/prebuilds/linux-x64.node'].sort());

      // Loaded at run time, outside the bundles: tfjs (its .wasm unpacked, read from real files), exceljs,
      // and the reports' canvas, jsPDF and fonts.
      const wasm = path.join(resources, 'app.asar.unpacked', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
      expect(fs.existsSync(path.join(wasm, 'tfjs-backend-wasm-simd.wasm')), `tfjs wasm not unpacked${logTail}`).toBe(true);
      for (const pkg of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-wasm', 'exceljs', '@napi-rs/canvas', 'jspdf', 'dejavu-fonts-ttf']) {
        expect(entries, `${pkg} missing from app.asar`).toContain(`node_modules/${pkg}/package.json`);
      }
      // Of jsPDF only its Node build; of DejaVu only the two faces the reports embed, with the licence.
      expect(entries).toContain('node_modules/jspdf/dist/jspdf.node.min.js');
      expect(entries.filter((entry) => entry.startsWith('node_modules/jspdf/dist/'))).toEqual(['node_modules/jspdf/dist/jspdf.node.min.js']);
      expect(entries.filter((entry) => entry.startsWith('node_modules/dejavu-fonts-ttf/ttf/')).sort()).toEqual([
        'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
        'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
      ]);
      expect(entries).toContain('node_modules/dejavu-fonts-ttf/LICENSE');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
