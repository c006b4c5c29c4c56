import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the system temp dir, removed by the returned function. */
export function tempDir(prefix = 'octave-test-'): { dir: string; file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The bundled worker the tests run, built by scripts/vitest-global-setup.ts. */
export const builtWorker = path.resolve(__dirname, '../../../out/main/worker.js');
export const builtCli = path.resolve(__dirname, '../../../out/main/cli.js');
export const builtBridge = path.resolve(__dirname, '../../../out/main/bridge.js');
