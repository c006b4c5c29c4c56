// Benchmark of the database health checks and backups (issue 15). Prints one JSON line.
//   node bench/backup.mjs                      a 50,000-customer demo database, made with the built CLI
//   node bench/backup.mjs --customers 200000
//   node bench/backup.mjs --db FILE            an existing database, copied into the temp folder first
//   --runs N                                   runs of each measure (default 3; the median is reported)
//   (npm run -s bench:backup -- …)
// Times the check at start (quick_check), the check before each backup (integrity_check), the app's
// whole takeBackup, the app's restore (restoreBackup, without a window) and its file swap alone, against
// two references for the copy: the sqlite3 CLI's `.backup` and a plain fs.copyFileSync of the file.
// Every measure reads a file the page cache already holds (the demo load just wrote it): warm-cache times.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEntry, buildMain, cli, inTempDir, report, root, run } from './harness.mjs';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '50000' }, db: { type: 'string' }, runs: { type: 'string', default: '3' } } });

await inTempDir('backup', async (dir) => {
  buildMain();
  // In a folder of its own, as in the user-data folder: the backups folder goes beside it.
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { mode: 0o700 });
  const database = path.join(data, 'octave.sqlite');
  let demoLoadMs = null;
  if (values.db) {
    fs.copyFileSync(path.resolve(values.db), database);
  } else {
    const started = performance.now();
    run(process.execPath, [cli, 'demo', '--customers', values.customers, '--db', database, '--json']);
    demoLoadMs = Math.round(performance.now() - started);
  }
  const entry = await benchEntry('backup', dir);
  // The machine is shared: how busy it was as the measures began.
  const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
  report('backup', { ...(values.db ? { db: path.resolve(values.db) } : { customers: Number(values.customers), demoLoadMs }), ...entry(database, root, values.runs), loadAverage });
});
