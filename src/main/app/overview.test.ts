import { describe, expect, it } from 'vitest';
import type { SegmentOverview } from '../../shared/filters';
import { appDispatch } from '../composition/ipc/handlers';
import { silentLogger } from '../platform/log';
import { contextPerTest } from '../testing/context';

const env = contextPerTest({ signedIn: 'administrator' });

describe('the segment overview through the IPC door', () => {
  it('answers filters from its own thread, with the numbers SQLite gives, and follows a new model', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    const call = async (input: unknown): Promise<SegmentOverview> => {
      const answer = await dispatch('getSegmentOverview', input);
      if (!answer.ok) throw Object.assign(new Error(answer.error.message), { kind: answer.error.kind });
      return answer.value as SegmentOverview;
    };
    expect(await call({})).toMatchObject({ modelId: null, window: null, customers: 0, allCustomers: 0, support: { age: null, lastPurchase: null, genders: [] }, segments: [] });

    await env.ctx.jobs.wait(env.ctx.jobs.start('demoLoad', { customers: 2500 }).jobId);
    const first = await env.ctx.jobs.run('segment', { k: 5 });
    const all = await call({});
    expect(all.modelId).toBe(first.modelId);
    expect(all.customers).toBe(first.customers);
    expect(all.segments).toHaveLength(5);
    expect(all.segments.every((s) => s.name !== '' && s.traits.length > 0)).toBe(true);

    const filtered = await call({ age: { min: 25, max: 40 }, category: 'luxury' });
    const sql = env.ctx.connection.sqlite
      .prepare(
        `SELECT s.segment, count(*) FROM customer_segments s JOIN customers c ON c.id = s.customer_id
         WHERE c.age BETWEEN 25 AND 40 AND s.luxury > 0 GROUP BY s.segment`,
      )
      .raw()
      .all() as Array<[number, number]>;
    expect(filtered.customers).toBeGreaterThan(0);
    for (const s of filtered.segments) expect(s.customers).toBe(sql.find(([segment]) => segment === s.segment)?.[1] ?? 0);
    expect(filtered.segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
    // The cards keep their places while filtering: largest segment first by its size before any filter.
    expect(filtered.segments.map((s) => s.segment)).toEqual(all.segments.map((s) => s.segment));
    expect(all.segments.map((s) => s.allCustomers)).toEqual(all.segments.map((s) => s.customers));
    expect(all.segments.map((s) => s.allCustomers)).toEqual([...all.segments.map((s) => s.allCustomers)].sort((a, b) => b - a));
    expect(all.allCustomers).toBe(all.customers);
    expect(all.support).toMatchObject({ outlets: true, genders: ['F', 'M', 'X'] });
    expect(filtered.totals.spend).toBeCloseTo(
      env.ctx.connection.sqlite
        .prepare('SELECT total(s.spend) FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE c.age BETWEEN 25 AND 40 AND s.luxury > 0')
        .pluck()
        .get() as number,
      2,
    );

    const nobody = await call({ age: { min: 110, max: 120 } });
    expect(nobody.customers).toBe(0);
    expect(nobody.segments.every((s) => s.customers === 0 && s.medianSpend === null)).toBe(true);

    await expect(call({ age: { min: 50, max: 20 } })).rejects.toMatchObject({ kind: 'validation' });
    await expect(call({ sql: 'x' })).rejects.toMatchObject({ kind: 'validation' });

    // A new model: the thread's snapshot is rebuilt.
    const second = await env.ctx.jobs.run('segment', { k: 4 });
    const after = await call({});
    expect(after.modelId).toBe(second.modelId);
    expect(after.segments).toHaveLength(4);
  }, 120_000);
});
