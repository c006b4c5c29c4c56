// How long each read the window makes blocks the main process (issue 5: no
// handler may block it for more than 50 ms). Prints one JSON line.
//   node bench/handlers.mjs --db PATH      a big database with an active model (e.g. bench/filters' 1,000,000 customers)
//   node bench/handlers.mjs                20,000 demo customers, segmented (a quick run)
//   (npm run -s bench:handlers -- …)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEntry, buildMain, cli, inTempDir, report, root, run } from './harness.mjs';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '20000' }, db: { type: 'string' } } });

await inTempDir('handlers', async (dir) => {
  buildMain();
  const database = values.db ? path.resolve(values.db) : path.join(dir, 'app.sqlite');
  if (!values.db) {
    run(process.execPath, [cli, 'demo', '--customers', values.customers, '--db', database, '--json']);
    run(process.execPath, [cli, 'segment', '--db', database, '--json', '--no-backup']);
  }
  const entry = await benchEntry('handlers', dir);
  report('handlers', entry(database, root));
});
