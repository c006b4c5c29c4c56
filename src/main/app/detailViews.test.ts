import { describe, expect, it } from 'vitest';
import type { SegmentCustomers, SegmentDetail } from '../../shared/segmentDetail';
import { appDispatch } from '../composition/ipc/handlers';
import { silentLogger } from '../platform/log';
import { contextPerTest } from '../testing/context';

const env = contextPerTest({ signedIn: 'marketingExecutive' });

describe('the segment detail through the IPC door', () => {
  it('answers from the filter thread with the model names and campaign, refuses stale or unknown segments, and follows a new model', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    const call = async <T>(name: 'getSegmentDetail' | 'getSegmentCustomers', input: unknown): Promise<T> => {
      const answer = await dispatch(name, input);
      if (!answer.ok) throw Object.assign(new Error(answer.error.message), { kind: answer.error.kind });
      return answer.value as T;
    };
    await expect(call('getSegmentDetail', { modelId: 1, segment: 0 })).rejects.toMatchObject({ kind: 'not_found' });

    await env.ctx.jobs.wait(env.ctx.jobs.start('demoLoad', { customers: 2500 }).jobId);
    const first = await env.ctx.jobs.run('segment', { k: 4 });
    const db = env.ctx.connection.sqlite;
    const named = db.prepare('SELECT name, campaign FROM segments WHERE model_id = ? AND segment = 2').get(first.modelId) as { name: string; campaign: string };

    const detail = await call<SegmentDetail>('getSegmentDetail', { modelId: first.modelId, segment: 2, filters: { gender: 'M' } });
    expect(detail.name).toBe(named.name);
    expect(detail.campaign).toEqual(JSON.parse(named.campaign));
    expect(detail.traits.length).toBeGreaterThan(0);
    expect(detail.window).toEqual(first.window);
    const men = db.prepare("SELECT count(*) FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE s.segment = 2 AND c.gender = 'M'").pluck().get();
    expect(detail.customers).toBe(men);

    const page = await call<SegmentCustomers>('getSegmentCustomers', { modelId: first.modelId, segment: 2, filters: { gender: 'M' }, limit: 5 });
    expect(page.total).toBe(men);
    expect(page.rows.map((r) => r.code)).toEqual(
      db
        .prepare("SELECT c.code FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE s.segment = 2 AND c.gender = 'M' ORDER BY coalesce(s.spend, 0) DESC, s.customer_id LIMIT 5")
        .pluck()
        .all(),
    );

    for (const bad of [
      { modelId: first.modelId, segment: 0, limit: 5000 },
      { modelId: first.modelId, segment: 0, sort: { column: 'name', direction: 'asc' } },
      { modelId: first.modelId, segment: -1 },
      { modelId: first.modelId, segment: 0, filters: { age: { min: 60, max: 20 } } },
      { modelId: first.modelId, segment: 0, sql: 'x' },
    ]) {
      await expect(call('getSegmentCustomers', bad), JSON.stringify(bad)).rejects.toMatchObject({ kind: 'validation' });
    }
    await expect(call('getSegmentDetail', { modelId: first.modelId, segment: 9 })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(call('getSegmentCustomers', { modelId: first.modelId, segment: 4 })).rejects.toMatchObject({ kind: 'not_found' });

    // A new model: the page opened on the old one is told so; the new one is answered from a new snapshot.
    const second = await env.ctx.jobs.run('segment', { k: 3 });
    await expect(call('getSegmentDetail', { modelId: first.modelId, segment: 2 })).rejects.toMatchObject({ kind: 'not_found', message: /found again/ });
    await expect(call('getSegmentCustomers', { modelId: first.modelId, segment: 2 })).rejects.toMatchObject({ kind: 'not_found' });
    const after = await call<SegmentCustomers>('getSegmentCustomers', { modelId: second.modelId, segment: 0 });
    expect(after.total).toBe(db.prepare('SELECT count(*) FROM customer_segments WHERE segment = 0').pluck().get());
  }, 120_000);
});
