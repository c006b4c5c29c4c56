// Benchmark of the dashboard filters (issue 5). Prints one JSON line.
//   node bench/filters.mjs                     1,000,000 demo customers, segmented
//   node bench/filters.mjs --db PATH           an existing database (it is segmented first if it has no active model with customer facts)
//   (npm run -s bench:filters -- …)
// 200 random filter combinations (age range, category bought, last purchase, outlets, gender, spend)
// asked through the real IPC handler (dispatch → getSegmentOverview → the filter thread holding a
// columnar snapshot of the active model's customers): the one call a filter change makes, its
// answer the whole overview with the traits measured again under the filters. The first 20 also
// of SQLite (filtered GROUP BY with median()) as the reference, their counts compared.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEntry, buildMain, cli, inTempDir, report, root, run } from './harness.mjs';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, db: { type: 'string' } } });

await inTempDir('filters', async (dir) => {
  buildMain();
  const database = values.db ? path.resolve(values.db) : path.join(dir, 'app.sqlite');
  if (!values.db) run(process.execPath, [cli, 'demo', '--customers', values.customers, '--db', database, '--json']);
  // A database without customer facts (no table yet, or none filled) is segmented first.
  const facts = spawnSync('sqlite3', [database, 'SELECT count(spend) FROM customer_segments'], { encoding: 'utf8' });
  if (facts.status !== 0 || Number(facts.stdout.trim()) === 0) run(process.execPath, [cli, 'segment', '--db', database, '--json', '--no-backup']);
  const entry = await benchEntry('filters', dir);
  report('filters', entry(database, root));
});
