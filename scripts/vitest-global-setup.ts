import { spawnSync } from 'node:child_process';

/** Builds the main-process bundles (worker, CLI, bridge) that tests run for real. */
export default function setup(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--main-only', '--quiet'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the main bundles failed');
}
