import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function writable(dir: string): boolean {
  const probe = path.join(dir, `.probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a folder that nobody can write into, for real: chmod for an ordinary
 * user; root ignores permissions, so as root the folder is made immutable
 * (chattr +i). Throws if neither works here, rather than letting a test pass
 * that wrote into a folder it thought read-only. Returns the undo.
 */
export function makeReadOnly(dir: string): () => void {
  fs.chmodSync(dir, 0o555);
  if (!writable(dir)) return () => fs.chmodSync(dir, 0o755);
  fs.chmodSync(dir, 0o755);
  execFileSync('chattr', ['+i', dir]);
  if (!writable(dir)) return () => execFileSync('chattr', ['-i', dir]);
  execFileSync('chattr', ['-i', dir]);
  throw new Error(`This machine cannot make ${dir} read-only (not by chmod, not by chattr).`);
}
