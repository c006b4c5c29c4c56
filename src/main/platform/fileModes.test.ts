import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtCli, tempDir } from '../testing/temp';

// issue 15, file modes: the customers' data is the owner's only, whatever umask the app is started with.

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** The command line as a shell with the usual umask 022 starts it (that umask makes new files world-readable). */
const shArgs = (args: string[]) => ['-c', 'umask 022; exec "$0" "$@"', process.execPath, builtCli, ...args];
function cli(...args: string[]) {
  const r = spawnSync('sh', shArgs(args), { encoding: 'utf8', env: { ...process.env, OCTAVE_DB: tmp.file('default.sqlite') } });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const mode = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('files the app makes', () => {
  it('are user-only under umask 022: the database, its -wal, new folders, reports', async () => {
    // Even the shell's own files would be 0644 here: the test proves the app, not the environment.
    const probe = spawnSync('sh', ['-c', `umask 022; : > "${tmp.file('probe')}"`]);
    expect(probe.status).toBe(0);
    expect(mode(tmp.file('probe'))).toBe('644');

    cli('demo', '--customers', '600', '--out', tmp.file('sales.csv'), '--json');
    const data = tmp.file('new/data');
    const db = path.join(data, 'app.sqlite');

    // The -wal lives only while the database is open: watched while the import writes.
    const walModes = new Set<string>();
    const importing = spawn('sh', shArgs(['import', tmp.file('sales.csv'), '--db', db, '--accept-amounts', '--json']), { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => importing.once('exit', resolve));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      for (const f of [`${db}-wal`, `${db}-shm`]) {
        try {
          walModes.add(`${path.basename(f)} ${mode(f)}`);
        } catch {
          // Not there (yet, or any more).
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await exited).toBe(0);
    expect([...walModes].sort()).toEqual(['app.sqlite-shm 600', 'app.sqlite-wal 600']);
    expect(mode(db)).toBe('600');
    expect(mode(tmp.file('new'))).toBe('700');
    expect(mode(data)).toBe('700');

    cli('segment', '--k', '3', '--db', db, '--json');
    // A folder the user chose keeps its own mode; the report in it is theirs only.
    const chosen = tmp.file('My reports');
    fs.mkdirSync(chosen, { mode: 0o755 });
    fs.chmodSync(chosen, 0o755);
    for (const format of ['pdf', 'xlsx']) {
      const out = path.join(chosen, `segment.${format}`);
      cli('export', '--segment', '0', '--format', format, '--out', out, '--db', db, '--json');
      expect(mode(out)).toBe('600');
    }
    expect(mode(chosen)).toBe('755');
    expect(mode(db)).toBe('600');
    // The log the error references point to, beside the database.
    expect(mode(path.join(data, 'logs'))).toBe('700');
    expect(mode(path.join(data, 'logs', 'octave.log'))).toBe('600');
    expect(fs.readFileSync(path.join(data, 'logs', 'octave.log'), 'utf8')).toMatch(/ info /);
  }, 120_000);

  it('makes a database and a log that an older version or a copy left readable by others the owner’s only when the app opens them', () => {
    const db = tmp.file('old/app.sqlite');
    cli('demo', '--customers', '300', '--db', db, '--json');
    const log = path.join(tmp.file('old'), 'logs', 'octave.log');
    fs.chmodSync(db, 0o644);
    fs.chmodSync(log, 0o644);
    cli('info', '--db', db, '--json');
    expect(mode(db)).toBe('600');
    // `info` only reads the file; a command that works through the app's backend writes its log.
    cli('segment', '--k', '3', '--no-backup', '--db', db, '--json');
    expect(mode(log)).toBe('600');
  }, 60_000);
});
