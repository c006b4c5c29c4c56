import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import { writeDemoCsv } from '../demo/csv';
import { archetypes, DemoGenerator } from '../demo/generator';
import { demoProducts } from '../demo/catalogue';
import { importHeadless } from '../../app/headlessImport';
import { testJob } from '../../testing/database';
import { contextPerTest } from '../../testing/context';
import { activeModel, latestDrift, listSegments, listVersions } from './store';

const env = contextPerTest();

async function importDemoPeriod(name: string, options: { customers: number; seed: number; endDate: string }): Promise<void> {
  const file = env.tmp.file(name);
  await writeDemoCsv(file, options, testJob);
  await importHeadless(env.ctx, file);
  // With an active model, the import's end starts assigning customers again: let it finish.
  const assigning = env.ctx.jobs.running('assign');
  if (assigning) await env.ctx.jobs.wait(assigning.jobId);
}

function count(sql: string): number {
  return env.ctx.connection.sqlite.prepare(sql).pluck().get() as number;
}

describe('segmentation jobs in a worker thread', () => {
  it('flag drift after a period of shifted behaviour, and retraining shows where customers went', async () => {
    await importDemoPeriod('year1.csv', { customers: 3000, seed: 1, endDate: '2026-10-31' });
    const first = await env.ctx.jobs.run('segment', {});
    expect(latestDrift(env.ctx.connection.sqlite)).toBeNull();

    // The next year, the same loyalty cards (same customer codes) shop like other archetypes.
    await importDemoPeriod('year2.csv', { customers: 3000, seed: 2, endDate: '2027-10-31' });
    const drift = latestDrift(env.ctx.connection.sqlite);
    expect(drift?.modelId).toBe(first.modelId);
    expect(drift?.retrainRecommended).toBe(true);
    expect(drift?.moved.share).toBeGreaterThan(0.2);
    expect(drift?.reasons.join(' ')).toMatch(/changed segment/);
    // Every customer of the new window was assigned by the network, without clustering again.
    expect(count('SELECT count(*) FROM customer_segments')).toBe(drift?.customers);
    expect(listVersions(env.ctx.connection.sqlite)).toHaveLength(1);

    const second = await env.ctx.jobs.run('segment', {});
    const [latest] = listVersions(env.ctx.connection.sqlite);
    expect(latest?.previousId).toBe(first.modelId);
    const t = latest?.transitions;
    expect(t?.from.at(-1)).toBe('Not segmented before');
    expect(t?.counts.flat().reduce((a, b) => a + b, 0)).toBe(second.customers);
    expect(t?.to).toEqual(second.segments.map((s) => s.name));
  }, 120_000);

  it('leave the active model as it was when training is cancelled', async () => {
    await importDemoPeriod('year1.csv', { customers: 3000, seed: 1, endDate: '2026-10-31' });
    const first = await env.ctx.jobs.run('segment', { k: 4 });
    const before = env.ctx.connection.sqlite.prepare('SELECT customer_id, segment FROM customer_segments ORDER BY customer_id').raw().all();

    const steps: string[] = [];
    const job = env.ctx.jobs.start('segment', {});
    env.ctx.subscribe((e) => {
      if (e.type !== 'job' || e.job.jobId !== job.jobId) return;
      steps.push((e.job as JobState).step);
      if ((e.job as JobState).step === 'Training the network') env.ctx.jobs.cancel(job.jobId);
    });
    const error = await env.ctx.jobs.wait(job.jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
    expect(steps).toContain('Training the network');
    expect(activeModel(env.ctx.connection.sqlite)?.id).toBe(first.modelId);
    expect(listVersions(env.ctx.connection.sqlite)).toHaveLength(1);
    expect(env.ctx.connection.sqlite.prepare('SELECT customer_id, segment FROM customer_segments ORDER BY customer_id').raw().all()).toEqual(before);
  }, 120_000);

  it('learn the segment labels a customer-level import brought, and score them on held-out customers', async () => {
    // A warehouse's export: spend per category per customer, with the segment it uses.
    const generator = new DemoGenerator({ customers: 1500, seed: 5 });
    const price = demoProducts.map((p) => p.category);
    const rows = ['Customer ID,Main Outlet,Fresh Spend,Dry Spend,Luxury Spend,Segment'];
    for (let i = 0; i < 1500; i++) {
      const { customer, lines } = generator.customer(i);
      const spend = { fresh: 0, dry: 0, luxury: 0 };
      for (const l of lines) spend[price[l.product] as keyof typeof spend] += Math.max(0, l.amountCents) / 100;
      if (spend.fresh + spend.dry + spend.luxury === 0) continue;
      rows.push([customer.code, 'Kandy', spend.fresh.toFixed(2), spend.dry.toFixed(2), spend.luxury.toFixed(2), archetypes[customer.archetype]?.label].join(','));
    }
    const file = env.tmp.file('warehouse.csv');
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const imported = await importHeadless(env.ctx, file);
    expect(imported.analysis.shape).toBe('customerSpend');

    const result = await env.ctx.jobs.run('segment', { labelsFrom: 'import' });
    expect(result.labelsFrom).toBe('import');
    expect(result.k).toBe(archetypes.length);
    expect(result.quality.network.heldOut).toBeGreaterThan(200);
    expect(result.quality.network.macroF1).toBeGreaterThan(0.3);
    expect(result.quality.network.macroF1).toBeLessThanOrEqual(1);
    const names = listSegments(env.ctx.connection.sqlite).map((s) => s.name).sort();
    expect(names).toEqual(archetypes.map((a) => a.label).sort());
    expect(listSegments(env.ctx.connection.sqlite).every((s) => s.namedBy === 'user')).toBe(true);
  }, 120_000);
});
