import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportParamsSchema } from '../../../shared/reports';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { contextPerTest } from '../../testing/context';
import { moneyFormat } from './xlsx';

const env = contextPerTest({ signedIn: 'administrator' });

describe('a report in the chain’s currency', () => {
  it('is written in the currency set when it is made: USD after Settings → Currency says USD, and LKR nowhere', async () => {
    await env.ctx.jobs.wait(env.ctx.jobs.start('demoLoad', { customers: 600 }).jobId);
    const { modelId } = await env.ctx.jobs.run('segment', { k: 3 });
    let made = 0;
    const exportAs = async (format: 'pdf' | 'xlsx') => {
      const target = env.tmp.file(`report-${++made}.${format}`);
      // A spend filter, so the filter's words carry an amount too.
      const params = reportParamsSchema.parse({ modelId, segment: 0, filters: { spend: { min: 1_000 } }, format, rows: { top: 40 } });
      await env.ctx.jobs.run('export', { params, target, replaces: null, createdBy: 'test', createdAt: new Date().toISOString() });
      return target;
    };
    const pdfText = async () => execFileSync('pdftotext', ['-layout', await exportAs('pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

    // Until it is changed the chain counts in rupees, as it always has.
    const before = await pdfText();
    // The key figures lie in boxes, labels over values: the median is the amount that is not the filter's.
    const amounts = (text: string, code: string) => text.replace(`Spend from ${code} 1,000`, '').match(new RegExp(`${code} \\d[\\d,]*`, 'g')) ?? [];
    expect(before).toContain('Spend from LKR 1,000');
    expect(amounts(before, 'LKR')).toHaveLength(1);
    expect(before).not.toMatch(/USD/);

    const dispatch = appDispatch(env.ctx, silentLogger);
    expect(await dispatch('setCurrency', { currency: 'USD' })).toEqual({ ok: true, value: { currency: 'USD' } });

    const pdf = await pdfText();
    expect(amounts(pdf, 'USD')).toEqual(amounts(before, 'LKR').map((m) => m.replace('LKR', 'USD')));
    expect(pdf).toContain('Spend from USD 1,000');
    expect(pdf).toContain('Spend in the data window, USD (share of customers)');
    expect(pdf).toContain('Spend (USD)');
    expect(pdf).not.toMatch(/LKR|rupee/i);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportAs('xlsx'));
    const texts: string[] = [];
    const formats: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          // Intl writes a no-break space after the code.
          texts.push(String(cell.text).replace(/\u00a0/g, ' '));
          if (cell.numFmt) formats.push(cell.numFmt);
        }),
      ),
    );
    expect(texts.join('\n')).not.toMatch(/LKR|rupee/i);
    expect(formats.join('\n')).not.toMatch(/LKR/);
    expect(texts).toContain('Spend from USD 1,000');
    // The amounts stay numbers, shown with the code: Excel can still sum them.
    const summary = wb.getWorksheet('Summary');
    const median = summary?.getColumn(1).values.indexOf('Median spend') ?? -1;
    expect(median).toBeGreaterThan(0);
    expect(typeof summary?.getRow(median).getCell(2).value).toBe('number');
    expect(summary?.getRow(median).getCell(2).numFmt).toBe(moneyFormat('USD'));
    const customers = wb.getWorksheet('Customers');
    const total = (customers?.getRow(1).values as string[]).indexOf('Total spend');
    expect(customers?.getRow(2).getCell(total).numFmt).toBe('"USD "#,##0.00');
    expect(typeof customers?.getRow(2).getCell(total).value).toBe('number');
  });
});
