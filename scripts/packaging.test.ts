import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packs the app with the real electron-builder.yml (Linux `dir` target) and checks
// what ends up in it. The Electron binary cannot be downloaded here, so a stand-in
// Electron distribution (a single executable named `electron`) is passed as
// electronDist: electron-builder copies it, renames it and flips its fuses.
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

// Electron's fuse wire as its binary carries it (electron/electron build/fuses/build.py,
// read back by @electron/fuses): the sentinel, one byte for the schema version, one byte
// for the number of fuses, then one ASCII '0' (off) or '1' (on) per fuse. The stand-in
// carries the defaults Electron documents (docs/tutorial/fuses.md) for the eight fuses
// of schema 1 that @electron/fuses knows, in FuseV1Options order.
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [fuseOff, fuseOn] = ['0'.charCodeAt(0), '1'.charCodeAt(0)];
const electronDefaults: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: true,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};
const fuses = Object.keys(electronDefaults).map(Number) as FuseV1Options[];

function fakeElectronDist(dir: string): void {
  const executable = path.join(dir, 'electron');
  const wire = Buffer.from([1, fuses.length, ...fuses.map((fuse) => (electronDefaults[fuse] ? fuseOn : fuseOff))]);
  // The wire sits in a comment after `exit`, so the stand-in stays a shell script that only says what it is.
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron for the packaging test" >&2\nexit 1\n# ');
  fs.writeFileSync(executable, Buffer.concat([script, Buffer.from(fuseSentinel), wire, Buffer.from('\n')]));
  fs.chmodSync(executable, 0o755);
}

/** The fuses electron-builder.yml sets, by @electron/fuses' index (`runAsNode` -> RunAsNode). */
function configuredFuses(): Map<FuseV1Options, boolean> {
  const { load } = createRequire(__filename)('js-yaml') as { load(text: string): unknown };
  const config = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
  const configured = new Map<FuseV1Options, boolean>();
  for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
    if (key === 'resetAdHocDarwinSignature') continue;
    const fuse = FuseV1Options[(key[0]!.toUpperCase() + key.slice(1)) as keyof typeof FuseV1Options];
    expect(fuse, `electronFuses.${key} is not a fuse @electron/fuses knows`).toBeTypeOf('number');
    expect(value, `electronFuses.${key}`).toBeTypeOf('boolean');
    configured.set(fuse, value as boolean);
  }
  return configured;
}

function builderEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_BUILDER_CACHE: cache, CSC_IDENTITY_AUTO_DISCOVERY: 'false', FORCE_COLOR: '0' };
  // When electron-builder sees VITEST it prints nothing but errors (leaving the checks on
  // its output with nothing to read) and hard-links files instead of copying them: without
  // it, it packs as a real build does.
  delete env.VITEST;
  return env;
}

describe('electron-builder packaging (linux dir)', () => {
  // One pack for both tests; a failure message carries the tail of electron-builder's output.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-packaging-'));
  const output = path.join(tmp, 'dist');
  let log = '';
  let logTail = '';
  beforeAll(() => {
    ensureBuilt();
    const electronDist = path.join(tmp, 'electron-dist');
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
        env: builderEnv(cache),
      },
    );
    log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    logTail = `\n--- electron-builder output (tail) ---\n${tail(log)}${result.error ? `\n${String(result.error)}` : ''}`;
    expect(result.status, `electron-builder exited with ${result.status}${logTail}`).toBe(0);
    expect(log, `electron-builder printed nothing${logTail}`).toMatch(/packaging/);
    expect(log, `electron-builder tried to download something${logTail}`).not.toMatch(/\bdownloading\b/i);
  }, 240_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('packs only the built bundles into app.asar and unpacks the linux-x64 better-sqlite3 prebuild and Skia binary', () => {
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
  });

  it('flips the Electron fuses as electron-builder.yml sets them, every one explicitly', async () => {
    const executable = path.join(output, 'linux-unpacked', 'octave-segments');
    expect(fs.existsSync(executable), `no packed executable at ${executable}${logTail}`).toBe(true);
    expect(log, `electron-builder did not flip the fuses${logTail}`).toMatch(/executing @electron\/fuses/);
    const configured = configuredFuses();
    const wire = await getCurrentFuseWire(executable);
    expect(wire.version).toBe('1');
    // Six of the eight configured states differ from the stand-in's defaults, so this fails if nothing was flipped.
    const state = (fuse: FuseV1Options) => (wire[fuse] === fuseOn ? 'on' : wire[fuse] === fuseOff ? 'off' : `byte ${wire[fuse]}`);
    const onOff = (value: boolean) => (value ? 'on' : 'off');
    for (const fuse of fuses) {
      expect(state(fuse), `fuse ${FuseV1Options[fuse]}`).toBe(onOff(configured.get(fuse) ?? electronDefaults[fuse]));
    }
    // Every fuse is set explicitly, so an Electron upgrade that changes a default changes nothing here.
    expect([...configured.keys()].sort()).toEqual([...fuses].sort());
    // The ones issue 15 is about, spelled out, whatever the yml says.
    expect(state(FuseV1Options.RunAsNode), 'ELECTRON_RUN_AS_NODE is honoured').toBe('off');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable), 'NODE_OPTIONS is honoured').toBe('off');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments), '--inspect is honoured').toBe('off');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation), 'asar integrity is not validated').toBe('on');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar), 'the app may load from outside app.asar').toBe('on');
    expect(state(FuseV1Options.EnableCookieEncryption), 'cookies are stored unencrypted').toBe('on');
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges), 'file:// pages keep extra privileges').toBe('off');
  });
});
