import { describe, expect, it } from 'vitest';
import { dashboardSummary, salesByOutlet } from '../domain/dashboard/queries';
import { addOutlet, listOutlets } from '../domain/outlets/service';
import { rfmSummary } from '../domain/segmentation/rfmSummary';
import { contextPerTest } from '../testing/context';

const env = contextPerTest();

describe('the background thread', () => {
  it('answers what the main process would, and sees a write made just before', async () => {
    const { ctx } = env;
    await ctx.jobs.wait(ctx.jobs.start('demoLoad', { customers: 600 }).jobId);
    await ctx.jobs.run('segment', { k: 4 });
    const db = ctx.connection;
    expect(await ctx.background.run('dashboardSummary')).toEqual(await dashboardSummary(db.db));
    expect(await ctx.background.run('salesByOutlet')).toEqual(await salesByOutlet(db.db));
    expect(await ctx.background.run('rfmSummary')).toEqual(rfmSummary(db.sqlite));
    const before = await ctx.background.run('listOutlets');
    expect(before).toEqual(listOutlets(db.sqlite));
    addOutlet(db.sqlite, { name: 'Hambantota', city: 'Hambantota', province: 'Southern' });
    const after = await ctx.background.run('listOutlets');
    expect(after.outlets.map((o) => o.name)).toContain('Hambantota');
    expect(after.outlets).toHaveLength(before.outlets.length + 1);

    // Deletes too: the main process's connection sees them at once.
    const lines = db.sqlite.prepare('SELECT count(*) FROM sales_lines').pluck().get() as number;
    expect(await ctx.background.run('clearDemoData')).toMatchObject({ removedSalesLines: lines, removedCustomers: 600 });
    expect(db.sqlite.prepare('SELECT count(*) FROM sales_lines').pluck().get()).toBe(0);
  });
});
