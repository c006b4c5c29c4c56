import { describe, expect, it } from 'vitest';
import type { SegmentOverview } from '../../../shared/filters';
import type { SegmentList } from '../../../shared/segments';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { contextPerTest } from '../../testing/context';

const env = contextPerTest({ signedIn: 'marketingExecutive' });

describe('traits under filters', () => {
  it('say the numbers of the customers the filters keep, as SQLite measures them', async () => {
    await env.ctx.jobs.wait(env.ctx.jobs.start('demoLoad', { customers: 2500 }).jobId);
    await env.ctx.jobs.run('segment', { k: 6 });
    const dispatch = appDispatch(env.ctx, silentLogger);
    const ask = async <T>(name: string, filters: unknown) => {
      const answer = await dispatch(name, filters);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as T;
    };
    // The traits come with the overview, in the one call a filter change makes.
    const plain = await ask<SegmentOverview>('getSegmentOverview', {});
    const filters = { category: 'luxury', gender: 'F' };
    const filtered = await ask<SegmentOverview>('getSegmentOverview', filters);
    const counts = new Map(filtered.segments.map((s) => [s.segment, s.customers]));
    // Without filters: the model's own words, as the list of segments gives them.
    const model = await ask<SegmentList>('listSegments', {});
    for (const s of model.segments) expect(plain.segments.find((p) => p.segment === s.segment)?.traits).toEqual(s.traits);
    const db = env.ctx.connection.sqlite;
    const where = "s.luxury > 0 AND c.gender = 'F'";
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    let checked = 0;
    for (const seg of filtered.segments) {
      const before = plain.segments.find((s) => s.segment === seg.segment)!;
      expect(seg.traits.map((t) => t.feature)).toEqual(before.traits.map((t) => t.feature));
      if (!counts.get(seg.segment)) continue;
      for (const t of seg.traits) {
        const from = `FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE ${where}`;
        if (t.feature === 'age') {
          const mine = one(`SELECT median(c.age) ${from} AND s.segment = ${seg.segment}`);
          const all = one(`SELECT median(c.age) ${from}`);
          expect(t.text).toBe(`is ${Math.round(mine)} years old on median (all customers: ${Math.round(all)})`);
          checked++;
        } else if (t.feature === 'freshShare' || t.feature === 'dryShare' || t.feature === 'luxuryShare') {
          const col = t.feature.replace('Share', '');
          const mine = one(`SELECT avg(s.${col} / s.spend) ${from} AND s.spend > 0 AND s.segment = ${seg.segment}`);
          const all = one(`SELECT avg(s.${col} / s.spend) ${from} AND s.spend > 0`);
          expect(t.text).toMatch(new RegExp(`^puts ${pct(mine)} of spend on .+ \\(all customers: ${pct(all)}\\)$`));
          checked++;
        } else if (t.feature === 'visits') {
          const mine = one(`SELECT median(s.visits) ${from} AND s.segment = ${seg.segment}`);
          const all = one(`SELECT median(s.visits) ${from}`);
          expect(t.text).toBe(`visits ${Math.round(mine) === 1 ? 'once' : `${Math.round(mine)} times`} in a year on median (all customers: ${Math.round(all)})`);
          checked++;
        } else if (['festiveShare', 'basketValue', 'tenureDays', 'returnsShare', 'outlets'].includes(t.feature)) {
          expect(t.text).toMatch(/\(whole segment\)$/);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    // No filter: the model's own words.
    expect(plain.segments.flatMap((s) => s.traits).some((t) => t.text.includes('whole segment'))).toBe(false);
  });
});
