// Bundled and run by bench/filters.mjs: 200 random filter combinations asked
// through the real IPC handler (dispatch → getSegmentOverview → the filter
// thread), the one call a filter change makes (counts, names, campaigns and
// the traits measured again under the filters), and the first 20 of them of
// SQLite (a filtered GROUP BY over the same customers) as the reference.
// Prints one JSON line.
import path from 'node:path';
import { createAppContext } from '../src/main/composition/compose';
import { dayNumber, isoDay } from '../src/shared/days';
import type { CustomerFilters } from '../src/main/domain/filters/engine';
import { appDispatch } from '../src/main/composition/ipc/handlers';
import { signInAs } from '../src/main/testing/accounts';
import { silentLogger } from '../src/main/platform/log';
import { activeModel } from '../src/main/domain/segmentation/store';
import type { SegmentOverview } from '../src/shared/filters';
import { Random } from '../src/shared/random';

const [database, root] = process.argv.slice(2);
if (!database || !root) throw new Error('usage: filters-entry DB ROOT');
const ctx = createAppContext({ databasePath: database, log: silentLogger, version: 'bench', workerFile: path.join(root, 'out/main/worker.js') });
const db = ctx.connection.sqlite;
const dispatch = appDispatch(ctx, silentLogger);
const ask = async (filters: CustomerFilters): Promise<SegmentOverview> => {
  const answer = await dispatch('getSegmentOverview', filters);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as SegmentOverview;
};
const model = activeModel(db);
if (!model) throw new Error('no active model: run `cli segment` first');
const endDay = dayNumber(model.window.to);
const outlets = db.prepare('SELECT id FROM outlets').pluck().all() as number[];
const rng = new Random(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;

function randomFilters(): CustomerFilters {
  const f: CustomerFilters = {};
  if (rng.next() < 0.5) {
    const min = 18 + Math.floor(rng.next() * 40);
    f.age = { min, max: min + 5 + Math.floor(rng.next() * 30) };
  }
  if (rng.next() < 0.5) f.category = pick(['fresh', 'dry', 'luxury'] as const);
  if (rng.next() < 0.2) f.dominantCategory = pick(['fresh', 'dry', 'luxury'] as const);
  if (rng.next() < 0.4) f.lastPurchase = { withinDays: pick([7, 30, 90, 180]) };
  else if (rng.next() < 0.2) {
    const from = endDay - 60 - Math.floor(rng.next() * 300);
    f.lastPurchase = { from: isoDay(from), to: isoDay(from + 7 + Math.floor(rng.next() * 60)) };
  }
  if (rng.next() < 0.4) f.outletIds = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => pick(outlets));
  if (rng.next() < 0.3) f.gender = pick(['F', 'M'] as const);
  if (rng.next() < 0.3) {
    f.spend = { min: Math.floor(rng.next() * 50_000), max: 50_000 + Math.floor(rng.next() * 200_000) };
    if (rng.next() < 0.3) delete f.spend.max;
  }
  return f;
}

function sqlFor(f: CustomerFilters): { where: string; params: unknown[] } {
  const where: string[] = ['1'];
  const params: unknown[] = [];
  if (f.age) where.push(`c.age BETWEEN ${f.age.min} AND ${f.age.max}`);
  if (f.category) where.push(`s.${f.category} > 0`);
  if (f.dominantCategory) {
    // Above the categories before it, at least level with those after: ties go to the first of fresh, dry, luxury.
    const order = ['fresh', 'dry', 'luxury'] as const;
    const c = f.dominantCategory;
    const others = order.filter((o) => o !== c).map((o) => (order.indexOf(o) < order.indexOf(c) ? `s.${c} > s.${o}` : `s.${c} >= s.${o}`));
    where.push(`s.${c} > 0 AND ${others.join(' AND ')}`);
  }
  if (f.lastPurchase && 'withinDays' in f.lastPurchase) where.push(`s.last_day >= ${endDay - f.lastPurchase.withinDays}`);
  if (f.lastPurchase && 'from' in f.lastPurchase) where.push(`s.last_day BETWEEN ${dayNumber(f.lastPurchase.from)} AND ${dayNumber(f.lastPurchase.to)}`);
  if (f.outletIds) {
    where.push(`(${f.outletIds.map(() => "',' || s.outlets || ',' LIKE ?").join(' OR ')})`);
    params.push(...f.outletIds.map((id) => `%,${id},%`));
  }
  if (f.gender) where.push(`c.gender = '${f.gender}'`);
  if (f.spend?.min !== undefined) where.push(`s.spend >= ${f.spend.min}`);
  if (f.spend?.max !== undefined) where.push(`s.spend <= ${f.spend.max}`);
  return { where: where.join(' AND '), params };
}

async function main(): Promise<void> {
// The handler serves a signed-in user, as in the app.
await signInAs(ctx, 'marketingExecutive');
// The first question builds the thread's snapshot.
let started = performance.now();
const everyone = await ask({});
const loadSeconds = (performance.now() - started) / 1000;
const times: number[] = [];
const sqlTimes: number[] = [];
let mismatches = 0;
for (let q = 0; q < 200; q++) {
  const filters = randomFilters();
  started = performance.now();
  const answer = await ask(filters);
  times.push(performance.now() - started);
  if (q < 20) {
    const { where, params } = sqlFor(filters);
    started = performance.now();
    const rows = db
      .prepare(`SELECT s.segment, count(*), median(s.spend), median(? - s.last_day) FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE ${where} GROUP BY s.segment`)
      .raw()
      .all(endDay, ...params) as Array<[number, number, number, number]>;
    sqlTimes.push(performance.now() - started);
    for (const [segment, count] of rows) if (answer.segments.find((x) => x.segment === segment)?.customers !== count) mismatches++;
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const ms = (x: number) => Math.round(x * 10) / 10;
const reads = await ctx.filters.reads();
console.log(
  JSON.stringify({
    customers: everyone.customers,
    snapshotLoadSeconds: Math.round(loadSeconds * 100) / 100,
    call: 'getSegmentOverview, traits included',
    queries: times.length,
    p50Ms: ms(pct(times, 50)),
    p95Ms: ms(pct(times, 95)),
    maxMs: ms(Math.max(...times)),
    sqlQueries: sqlTimes.length,
    sqlP50Ms: ms(pct(sqlTimes, 50)),
    sqlP95Ms: ms(pct(sqlTimes, 95)),
    // How many times faster than SQL the call is, at p50 and at p95 (the target: at least 10).
    timesFasterThanSqlP50: ms(pct(sqlTimes, 50) / pct(times, 50)),
    timesFasterThanSqlP95: ms(pct(sqlTimes, 95) / pct(times, 95)),
    countMismatches: mismatches,
    // The snapshot is built once for the whole run.
    snapshotBuilds: reads.answer?.snapshots ?? null,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
await ctx.close();
}

void main();
