// Bundled and run by bench/handlers.mjs: every read the window makes, through
// the real door on a big database, timing the longest stretch the main
// process's event loop was blocked during each (a 1 ms ticker's largest gap).
// Prints one JSON line.
import path from 'node:path';
import { createAppContext } from '../src/main/composition/compose';
import { appDispatch } from '../src/main/composition/ipc/handlers';
import { silentLogger } from '../src/main/platform/log';
import { activeModel } from '../src/main/domain/segmentation/store';
import { signInAs } from '../src/main/testing/accounts';

const [database, root] = process.argv.slice(2);
if (!database || !root) throw new Error('usage: handlers-entry DB ROOT');
const ctx = createAppContext({ databasePath: database, log: silentLogger, version: 'bench', workerFile: path.join(root, 'out/main/worker.js') });
const dispatch = appDispatch(ctx, silentLogger);

async function timed(name: string, input: unknown): Promise<{ wallMs: number; blockedMs: number }> {
  let last = performance.now();
  let blocked = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    blocked = Math.max(blocked, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const answer = await dispatch(name, input);
  const wallMs = performance.now() - started;
  // A synchronous handler blocks for its whole run; the ticker cannot see that from inside.
  blocked = Math.max(blocked, performance.now() - last);
  clearInterval(ticker);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return { wallMs, blockedMs: blocked };
}

async function main(): Promise<void> {
  await signInAs(ctx, 'administrator');
  const model = activeModel(ctx.connection.sqlite);
  const reads: Array<[string, unknown]> = [
    ['getAuthState', {}],
    ['getAppStatus', {}],
    ['getDashboardSummary', {}],
    ['getSalesByOutlet', {}],
    ['listImports', {}],
    ['listOutlets', {}],
    ['listCategoryRules', {}],
    ['listModelVersions', {}],
    ['listSegments', {}],
    ['getRfmSummary', {}],
    ['listUsers', {}],
    ['listAuditLog', {}],
    ['getSegmentOverview', {}],
    ['getSegmentOverview', { age: { min: 25, max: 40 }, category: 'luxury' }],
    ['getRfmOverview', { lastPurchase: { withinDays: 90 } }],
  ];
  // The filter thread builds its snapshot on the first question: not part of any one read.
  await dispatch('getSegmentOverview', {});
  const results: Record<string, { wallMs: number; blockedMs: number }> = {};
  for (const [name, input] of reads) {
    // Three rounds; keep the worst.
    for (let round = 0; round < 3; round++) {
      const r = await timed(name, input);
      const key = Object.keys(input as object).length > 0 ? `${name}(${Object.keys(input as object).join(',')})` : name;
      const prev = results[key];
      results[key] = prev ? { wallMs: Math.max(prev.wallMs, r.wallMs), blockedMs: Math.max(prev.blockedMs, r.blockedMs) } : r;
    }
  }
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const worst = Object.entries(results).sort((a, b) => b[1].blockedMs - a[1].blockedMs)[0]!;
  console.log(
    JSON.stringify({
      customers: model ? (ctx.connection.sqlite.prepare('SELECT count(*) FROM customer_segments WHERE model_id = ?').pluck().get(model.id) as number) : 0,
      salesLines: ctx.connection.sqlite.prepare('SELECT count(*) FROM sales_lines').pluck().get(),
      worstBlockedMs: round1(worst[1].blockedMs),
      worstCall: worst[0],
      calls: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { wallMs: round1(v.wallMs), blockedMs: round1(v.blockedMs) }])),
    }),
  );
  await ctx.close();
}

void main();
