// Bundled and run by bench/backup.mjs on a database it made: the checks, the
// backup and the restore through the app's own code, and two references for
// the copy. Each measure runs RUNS times; the median is printed. Prints one JSON line.
//   backup-entry DB ROOT RUNS
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { backupBefore, restoreBackup } from '../src/main/app/backups';
import { createAppContext } from '../src/main/composition/compose';
import { listBackups, syncFile, takeBackup } from '../src/main/platform/db/backups';
import { openDatabase, type Connection } from '../src/main/platform/db/connection';
import { integrityProblems } from '../src/main/platform/db/integrity';
import { replaceDatabaseFile } from '../src/main/platform/db/restore';
import { silentLogger } from '../src/main/platform/log';

const [database, root, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
if (!database || !root || !Number.isInteger(runs) || runs < 1) throw new Error('usage: backup-entry DB ROOT RUNS');
const refs = path.join(path.dirname(path.dirname(database)), 'refs');
fs.mkdirSync(refs, { recursive: true });

async function medianMs(fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
  return Math.round(median * 10) / 10;
}

/** A fresh file each run, as every backup is a new file. */
function freshTarget(name: string): string {
  const file = path.join(refs, name);
  fs.rmSync(file, { force: true });
  return file;
}

function sqlite3(...args: string[]): void {
  const r = spawnSync('sqlite3', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
}

function mustBeSound(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what} found problems, so the times would mean nothing: ${problems.join('; ')}`);
}

/** What a user would see come back after a restore. */
function contents(c: Connection): string {
  const count = (table: string): number => c.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return JSON.stringify({ customers: count('customers'), salesLines: count('sales_lines'), imports: count('imports') });
}

async function main(): Promise<Record<string, unknown>> {
  const file = database as string;
  const direct = openDatabase(file);
  const pageSize = direct.sqlite.pragma('page_size', { simple: true }) as number;
  const pages = direct.sqlite.pragma('page_count', { simple: true }) as number;
  const before = contents(direct);
  const walFile = `${file}-wal`;
  const walBytes = fs.existsSync(walFile) ? fs.statSync(walFile).size : 0;

  const quickCheck = await medianMs(() => mustBeSound(integrityProblems(direct.sqlite, true), 'quick_check'));
  const integrityCheck = await medianMs(() => mustBeSound(integrityProblems(direct.sqlite, false), 'integrity_check'));
  // The copy step of takeBackup alone (better-sqlite3's online backup, 100 pages a step).
  const onlineCopy = await medianMs(() => direct.sqlite.backup(freshTarget('online.sqlite')));
  const sqlite3Start = await medianMs(() => sqlite3(':memory:', 'SELECT 1'));
  const sqlite3Backup = await medianMs(() => sqlite3(file, `.backup '${freshTarget('cli.sqlite')}'`));
  const copyFile = await medianMs(() => fs.copyFileSync(file, freshTarget('copy.sqlite')));
  const copyFileFsync = await medianMs(() => {
    const target = freshTarget('copy-fsync.sqlite');
    fs.copyFileSync(file, target);
    syncFile(target);
  });
  const backup = await medianMs(() => takeBackup(direct.sqlite, direct.path, { reason: 'onRequest', keep: 3 }));
  const backupBytes = (listBackups(file)[0] as { bytes: number }).bytes;
  direct.close();
  fs.rmSync(refs, { recursive: true, force: true });

  // The app as the window or the bridge runs it: the check at start on its thread, backups on the background thread.
  const opened = performance.now();
  const ctx = createAppContext({ databasePath: file, log: silentLogger, version: 'bench', workerFile: path.join(root as string, 'out/main/worker.js') });
  while (ctx.health.view(true).status === 'checking') await new Promise((resolve) => setTimeout(resolve, 2));
  const startCheckThread = Math.round((performance.now() - opened) * 10) / 10;
  if (ctx.health.damaged) throw new Error('The check at start found the file damaged.');
  const appBackup = await medianMs(() => backupBefore(ctx, 'onRequest'));
  // Any backup holds the same data; the newest is restored, as a user would after a mishap.
  const restore = await medianMs(() => restoreBackup(ctx, (listBackups(file)[0] as { name: string }).name));
  const afterRestore = contents(ctx.connection);
  await ctx.close();
  if (afterRestore !== before) throw new Error(`The restore did not bring back the same data: ${before} before, ${afterRestore} after.`);

  const swap = openDatabase(file);
  const replaceFile = await medianMs(() => replaceDatabaseFile(swap, path.join(path.dirname(file), 'backups', (listBackups(file)[0] as { name: string }).name)));
  swap.close();

  const ratio = (a: number, b: number): number => Math.round((a / b) * 10) / 10;
  return {
    bytes: fs.statSync(file).size,
    walBytesAtStart: walBytes,
    pageSize,
    pages,
    ...(JSON.parse(before) as object),
    backupBytes,
    runs,
    ms: {
      quickCheck,
      integrityCheck,
      takeBackup: backup,
      onlineCopy,
      sqlite3Backup,
      sqlite3Start,
      copyFile,
      copyFileFsync,
      startCheckThread,
      appBackup,
      restore,
      replaceFile,
    },
    ratios: {
      takeBackupToSqlite3Backup: ratio(backup, sqlite3Backup),
      takeBackupToCopyFile: ratio(backup, copyFile),
      onlineCopyToSqlite3Backup: ratio(onlineCopy, sqlite3Backup),
      onlineCopyToCopyFile: ratio(onlineCopy, copyFile),
      integrityCheckShareOfTakeBackup: Math.round((integrityCheck / backup) * 100) / 100,
      integrityCheckToQuickCheck: ratio(integrityCheck, quickCheck),
    },
  };
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
