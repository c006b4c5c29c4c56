import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportParamsSchema } from '../../../shared/reports';
import { campaignFor } from '../../../shared/campaigns';
import { importHeadless } from '../../app/headlessImport';
import { contextPerTest } from '../../testing/context';
import { cataloguePrices, writeCatalogue, writePurchaseHistory } from '../../testing/purchaseHistory';
import { segmentOverview } from '../../app/overview';
import { writeDemoCsv } from '../demo/csv';
import { testJob } from '../../testing/database';
import { activeModel, latestDrift, listSegments } from './store';

/**
 * A loyalty purchase history without prices (issue 14): imported through the
 * real import, segmented with the real network, and spoken of in items and
 * visits, never in rupees.
 */
const env = contextPerTest();
const money = /LKR|\bRs\b|spend/i;

function sql<T>(query: string, ...args: unknown[]): T {
  return env.ctx.connection.sqlite.prepare(query).get(...args) as T;
}

describe('a purchase history without prices', () => {
  it('imports as items without value, is segmented by items and visits, and never mentions money', async () => {
    const file = env.tmp.file('loyalty history.csv');
    const lines = writePurchaseHistory(file, 300);
    const imported = await importHeadless(env.ctx, file);
    expect(imported.summary).toMatchObject({ shape: 'salesLines', imported: lines, rejected: 0, noValue: true, unvalued: lines, valuedAtCatalogue: 0, customersNew: 300 });
    expect(imported.value).toEqual(['This file has no prices or amounts: its lines are imported as items and visits, without value.']);
    expect(imported.decisions).toContain('This file has no prices or amounts: its lines are imported as items and visits, without value.');
    // Unknown, never zero: no line has an amount, and the daily totals count items instead.
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM sales_lines WHERE amount_cents IS NOT NULL').n).toBe(0);
    expect(sql<{ items: number; unvalued: number; cents: number }>('SELECT sum(items) AS items, sum(unvalued) AS unvalued, sum(amount_cents) AS cents FROM sales_daily')).toEqual({
      items: lines,
      unvalued: lines,
      cents: 0,
    });

    const trained = await env.ctx.jobs.run('segment', { k: null });
    expect(trained.measure).toBe('items');
    expect(trained.k).toBeGreaterThanOrEqual(3);
    const segments = listSegments(env.ctx.connection.sqlite);
    // The three kinds of member in the file are found: each segment is mostly one of them.
    expect(segments.map((s) => s.customers).sort()).toEqual([100, 100, 100]);
    const words = segments.flatMap((s) => {
      const c = campaignFor(s.campaign.id, 'items');
      return [s.name, ...s.traits.map((t) => t.text), s.campaign.because, s.campaign.rationale, c.name, c.kpi, c.channel, c.timing];
    });
    expect(words.filter((w) => money.test(w))).toEqual([]);
    expect(words.join(' ')).toMatch(/items/);
    expect(segments.some((s) => s.traits.some((t) => /visits \d+ times/.test(t.text)))).toBe(true);
    // The lapsed dry-goods members: named for the lapse and their dry-goods stock-up ("Bulk") or the category.
    expect(segments.map((s) => s.name).join(', ')).toMatch(/Lapsed (Bulk|Dry-Goods)/);

    const overview = await segmentOverview(env.ctx, {});
    expect(overview.support.measure).toBe('items');
    expect(overview.support.spend).toBeNull();
    // The category totals count items: every item of the three categories bought by a segmented customer.
    const items = sql<{ n: number }>('SELECT total(quantity) AS n FROM sales_lines WHERE category_id IN (1, 2, 3)').n;
    expect(overview.totals.fresh + overview.totals.dry + overview.totals.luxury).toBeCloseTo(items, 6);
    await expect(segmentOverview(env.ctx, { spend: { min: 10 } })).rejects.toThrow(/no prices or amounts, so customers cannot be filtered by spend/);

    // The reports, as the window exports them: items and visits, and no word of money.
    const lapsed = segments.find((s) => s.name.startsWith('Lapsed')) ?? (segments[0] as (typeof segments)[number]);
    const exportAs = async (format: 'pdf' | 'xlsx') => {
      const target = env.tmp.file(`report.${format}`);
      const params = reportParamsSchema.parse({ modelId: trained.modelId, segment: lapsed.segment, filters: {}, format, rows: 'all' });
      await env.ctx.jobs.run('export', { params, target, replaces: null, createdBy: 'test', createdAt: new Date().toISOString() });
      return target;
    };
    const pdf = execFileSync('pdftotext', ['-layout', await exportAs('pdf'), '-'], { encoding: 'utf8' });
    expect(pdf).toMatch(/Median items bought/i);
    expect(pdf).toMatch(/Items bought in the data window/);
    expect(pdf).toMatch(/picks dry goods for \d+% of their items/i);
    expect(pdf.match(money)).toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportAs('xlsx'));
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    for (const ws of wb.worksheets) cells.push(ws.name);
    expect(cells.filter((c) => money.test(c))).toEqual([]);
    expect(cells).toContain('Items bought');
    // Every customer of the segment is listed with the items they bought.
    const customers = wb.getWorksheet('Customers');
    expect(customers?.rowCount).toBe(lapsed.customers + 1);
    const itemsColumn = (customers?.getRow(1).values as string[]).indexOf('Items bought');
    expect(Number(customers?.getRow(2).getCell(itemsColumn).value)).toBeGreaterThan(0);
  });

  it('values the lines at catalogue prices when asked, and says how many had none', async () => {
    const catalogue = env.tmp.file('catalogue.csv');
    writeCatalogue(catalogue);
    expect((await importHeadless(env.ctx, catalogue)).summary.shape).toBe('products');
    const file = env.tmp.file('history.csv');
    const lines = writePurchaseHistory(file, 60);

    const offered = await env.ctx.jobs.run('importAnalyse', { file });
    expect(offered.noValue).toBe(true);
    expect(offered.catalogue).toMatchObject({ pricedProducts: Object.keys(cataloguePrices).length, rowsWithCode: lines });
    const priced = offered.catalogue?.rowsPriced ?? 0;
    expect(priced).toBeGreaterThan(0);
    expect(priced).toBeLessThan(lines);

    const imported = await importHeadless(env.ctx, file, { valueAtCataloguePrices: true });
    expect(imported.summary).toMatchObject({ noValue: true, valuedAtCatalogue: priced, unvalued: lines - priced });
    expect(imported.value).toEqual([
      `This file has no prices or amounts of its own: ${priced.toLocaleString('en-LK')} lines were valued at catalogue prices; ${(lines - priced).toLocaleString('en-LK')} had no catalogue price and stay without value, so segments are measured by items and visits while they are in the analysis period.`,
    ]);
    // Tomatoes at LKR 180 each; an item without a catalogue price stays unknown.
    expect(sql<{ c: number }>("SELECT DISTINCT amount_cents AS c FROM sales_lines l JOIN products p ON p.id = l.product_id WHERE p.code = 'F100'").c).toBe(18_000);
    expect(sql<{ c: number | null }>("SELECT DISTINCT amount_cents AS c FROM sales_lines l JOIN products p ON p.id = l.product_id WHERE p.code = 'F103'").c).toBeNull();
  });

  it('mixed with valued sales, measures everyone by items: spend over the valued lines alone would rank customers by file', async () => {
    const valued = env.tmp.file('till.csv');
    await writeDemoCsv(valued, { customers: 200, seed: 3, endDate: '2025-12-31' }, testJob);
    await importHeadless(env.ctx, valued);
    expect((await env.ctx.jobs.run('segment', { k: 3 })).measure).toBe('money');

    const history = env.tmp.file('history.csv');
    writePurchaseHistory(history, 120);
    await importHeadless(env.ctx, history);
    const assigning = env.ctx.jobs.running('assign');
    if (assigning) await env.ctx.jobs.wait(assigning.jobId);
    // The version now speaks in items, and says to find segments again.
    expect(activeModel(env.ctx.connection.sqlite)?.measure).toBe('items');
    const reasons = latestDrift(env.ctx.connection.sqlite)?.reasons.join(' ') ?? '';
    expect(reasons).toMatch(/no prices or amounts: customers are now counted by items and visits/);
    expect(reasons.match(money)).toBeNull();
    const words = listSegments(env.ctx.connection.sqlite).flatMap((s) => [s.name, ...s.traits.map((t) => t.text), s.campaign.because, s.campaign.rationale]);
    expect(words.filter((w) => money.test(w))).toEqual([]);

    const again = await env.ctx.jobs.run('segment', { k: 3 });
    expect(again.measure).toBe('items');
    // Both files' customers, each by the items they bought (a customer whose returns cancel their purchases is left out).
    const buyers = sql<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT customer_id FROM sales_lines WHERE customer_id IS NOT NULL AND sold_at >= '${again.window.from}' GROUP BY customer_id HAVING total(quantity) > 0)`,
    ).n;
    expect(buyers).toBeGreaterThan(300);
    expect(again.customers).toBe(buyers);
    const overview = await segmentOverview(env.ctx, {});
    expect(overview.support).toMatchObject({ measure: 'items', spend: null });
  });
});
