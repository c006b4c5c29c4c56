import { describe, expect, it } from 'vitest';
import { archetypes, demoArchetypeOf } from '../demo/generator';
import { loadDemoData } from '../demo/load';
import { databasePerTest, testJob } from '../../testing/database';
import { adjustedRandIndex } from './metrics';
import { activeModel, listSegments, listVersions } from './store';
import { trainModel } from './train';

const env = databasePerTest();

/** customer id → segment, as stored for the active model. */
function assignments(): Array<[number, number]> {
  return env.conn.sqlite.prepare('SELECT customer_id, segment FROM customer_segments ORDER BY customer_id').raw().all() as Array<[number, number]>;
}

/** What a marketer would call each of the generator's archetypes, and the campaigns that fit it. */
const expected: Record<string, { name: RegExp; campaigns: string[] }> = {
  premium_luxury: { name: /luxury/i, campaigns: ['vip_luxury', 'champions'] },
  fresh_daily: { name: /fresh/i, campaigns: ['fresh_bundle', 'champions'] },
  bulk_dry: { name: /dry/i, campaigns: ['bulk_dry'] },
  budget_occasional: { name: /light|occasional/i, campaigns: ['loyalty_multiplier', 'cross_category'] },
  lapsed: { name: /lapsed/i, campaigns: ['winback'] },
  new: { name: /new/i, campaigns: ['onboarding'] },
  festive: { name: /festive/i, campaigns: ['festive'] },
};

describe('the segmentation engine on the demo chain', () => {
  it('recovers the shopper archetypes, names them and picks a fitting campaign for each', async () => {
    loadDemoData(env.conn.sqlite, { customers: 6000 }, testJob);
    const summary = await trainModel(env.conn.sqlite, {}, testJob);

    const rows = assignments();
    expect(rows.length).toBe(summary.customers);
    const truth = rows.map(([id]) => demoArchetypeOf(id - 1));
    expect(adjustedRandIndex(truth, rows.map(([, s]) => s))).toBeGreaterThanOrEqual(0.8);
    expect(summary.k).toBeGreaterThanOrEqual(6);
    expect(summary.k).toBeLessThanOrEqual(8);
    expect(summary.quality.network.macroF1).toBeGreaterThanOrEqual(0.95);
    expect(summary.quality.kChoice.candidates.map((c) => c.k)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);

    const segments = listSegments(env.conn.sqlite);
    expect(new Set(segments.map((s) => s.name)).size).toBe(segments.length);
    // Every name says something beside its noun: never "Shoppers" alone.
    for (const s of segments) expect(s.name, s.name).toMatch(/^\S+ .*(Shoppers|Customers|Regulars)$/);
    // Each archetype's customers mostly land in one segment, whose name and campaign fit them.
    for (const [index, archetype] of archetypes.entries()) {
      const counts = new Map<number, number>();
      rows.forEach(([, s], i) => truth[i] === index && counts.set(s, (counts.get(s) ?? 0) + 1));
      const [home, members] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
      const segment = segments.find((s) => s.segment === home);
      const want = expected[archetype.key];
      if (!segment || !want) throw new Error(`no segment for ${archetype.key}`);
      expect(members / truth.filter((t) => t === index).length, archetype.key).toBeGreaterThan(0.75);
      // Festive and premium luxury shoppers may share a segment at k = 6: then only one of them is named for it.
      if (summary.k >= 7) expect(segment.name, archetype.key).toMatch(want.name);
      if (summary.k >= 7) expect(want.campaigns, `${archetype.key} → ${segment.name}`).toContain(segment.campaign.id);
      expect(segment.traits.length).toBeGreaterThanOrEqual(1);
      expect(segment.campaign.rationale).toMatch(/^This segment .+, so /);
    }
  }, 60_000);

  it('gives the same segments for the same data and seed', async () => {
    loadDemoData(env.conn.sqlite, { customers: 2500 }, testJob);
    const first = await trainModel(env.conn.sqlite, { k: 5 }, testJob);
    const before = assignments();
    const names = listSegments(env.conn.sqlite).map((s) => [s.segment, s.name]);
    const second = await trainModel(env.conn.sqlite, { k: 5 }, testJob);
    expect(second.modelId).not.toBe(first.modelId);
    expect(assignments()).toEqual(before);
    // The second version's segments matched the first's centres, so the names carried over.
    expect(listSegments(env.conn.sqlite).map((s) => [s.segment, s.name])).toEqual(names);
    expect(listSegments(env.conn.sqlite).every((s) => s.namedBy === 'carried')).toBe(true);
    const versions = listVersions(env.conn.sqlite);
    expect(versions.map((v) => v.active)).toEqual([true, false]);
    // Nobody moved: the transition table is diagonal and adds up to the customers.
    const t = versions[0]?.transitions;
    expect(t?.counts.flat().reduce((a, b) => a + b, 0)).toBe(second.customers);
    t?.counts.slice(0, 5).forEach((row, i) => row.forEach((v, j) => i !== j && expect(v).toBe(0)));
  }, 60_000);

  it('says what to do when there is too little to segment', async () => {
    await expect(trainModel(env.conn.sqlite, {}, testJob)).rejects.toThrow(/Import a sales export or load the demo data/);
    loadDemoData(env.conn.sqlite, { customers: 30 }, testJob);
    await expect(trainModel(env.conn.sqlite, {}, testJob)).rejects.toThrow(/segments need at least 50/);
    expect(activeModel(env.conn.sqlite)).toBeNull();
  });
});
