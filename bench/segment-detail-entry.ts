// Bundled and run by bench/segment-detail.mjs: a segment of 300,000 customers (made-up facts written
// straight into the tables), asked through the real IPC handlers (dispatch → the filter thread) for
// its detail and its customer table, while the main thread's event-loop delay is watched.
// Prints one JSON line.
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createAppContext } from '../src/main/composition/compose';
import { appDispatch } from '../src/main/composition/ipc/handlers';
import { signInAs } from '../src/main/testing/accounts';
import { silentLogger } from '../src/main/platform/log';
import { writeBigSegment } from '../src/main/testing/bigSegment';
import type { SegmentCustomers } from '../src/shared/segmentDetail';

const [database, root, customersArg, segmentArg] = process.argv.slice(2);
if (!database || !root) throw new Error('usage: segment-detail-entry DB ROOT [CUSTOMERS] [SEGMENT]');
const customers = Number(customersArg ?? 340_000);
const bigSegment = Number(segmentArg ?? 300_000);

async function main(): Promise<void> {
  const ctx = createAppContext({ databasePath: database as string, log: silentLogger, version: 'bench', workerFile: path.join(root as string, 'out/main/worker.js') });
  let started = performance.now();
  const { modelId } = writeBigSegment(ctx.connection.sqlite, { customers, bigSegment });
  const writeSeconds = (performance.now() - started) / 1000;
  const dispatch = appDispatch(ctx, silentLogger);
  await signInAs(ctx, 'marketingExecutive');
  const timed = async (name: string, input: unknown): Promise<{ ms: number; value: unknown }> => {
    const t = performance.now();
    const answer = await dispatch(name, input);
    if (!answer.ok) throw new Error(answer.error.message);
    return { ms: Math.round((performance.now() - t) * 10) / 10, value: answer.value };
  };
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  started = performance.now();
  await timed('getSegmentOverview', {});
  const snapshotSeconds = (performance.now() - started) / 1000;
  const ref = { modelId, segment: 0 };
  const detail = await timed('getSegmentDetail', ref);
  const first = await timed('getSegmentCustomers', ref);
  const next = await timed('getSegmentCustomers', { ...ref, offset: 100 });
  const far = await timed('getSegmentCustomers', { ...ref, offset: 200_000 });
  const byAge = await timed('getSegmentCustomers', { ...ref, sort: { column: 'age', direction: 'asc' } });
  const search = await timed('getSegmentCustomers', { ...ref, search: '12345' });
  const byCode = await timed('getSegmentCustomers', { ...ref, sort: { column: 'code', direction: 'desc' } });
  const filteredDetail = await timed('getSegmentDetail', { ...ref, filters: { gender: 'F', category: 'luxury' } });
  const filtered = await timed('getSegmentCustomers', { ...ref, filters: { gender: 'F', category: 'luxury' } });
  delay.disable();
  console.log(
    JSON.stringify({
      customers,
      segmentRows: (first.value as SegmentCustomers).total,
      writeSeconds: Math.round(writeSeconds * 10) / 10,
      snapshotSeconds: Math.round(snapshotSeconds * 100) / 100,
      detailMs: detail.ms,
      firstPageMs: first.ms,
      nextPageMs: next.ms,
      page200kMs: far.ms,
      sortByAgeMs: byAge.ms,
      firstSearchMs: search.ms,
      sortByCodeMs: byCode.ms,
      filteredDetailMs: filteredDetail.ms,
      filteredFirstPageMs: filtered.ms,
      mainThreadMaxDelayMs: Math.round(delay.max / 1e5) / 10,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  await ctx.close();
}

void main();
