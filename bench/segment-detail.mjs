// Benchmark of the segment detail view (issue 5). Prints one JSON line.
//   node bench/segment-detail.mjs                          340,000 customers, 300,000 in one segment
//   node bench/segment-detail.mjs --customers N --segment M
// The customers' facts are made up and written straight into the tables (src/main/testing/bigSegment.ts),
// then the detail and the customer table are asked through the real IPC handlers and the filter thread:
// the first page (a sort of the whole segment), the next ones (slices of the kept order), another sort,
// a search, a filter. The main thread's longest event-loop delay over those calls is reported too.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchEntry, buildMain, inTempDir, report, root } from './harness.mjs';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '340000' }, segment: { type: 'string', default: '300000' } } });

await inTempDir('detail', async (dir) => {
  buildMain();
  const entry = await benchEntry('segment-detail', dir);
  report('segment-detail', entry(path.join(dir, 'app.sqlite'), root, values.customers, values.segment));
});
