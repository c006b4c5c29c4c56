import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportParamsSchema } from '../../../shared/reports';
import { firstInvisible } from '../../../shared/text';
import { contextPerTest } from '../../testing/context';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import fs from 'node:fs';
import path from 'node:path';

const env = contextPerTest({ signedIn: 'administrator' });

// Names stored before issue 15 refused them, or taken from an imported file, may hold a NUL or a bidi override.
describe('a report of names stored with control characters', () => {
  it('exports to PDF and Excel, drawing the names without those characters, under a file name without them', async () => {
    await env.ctx.jobs.wait(env.ctx.jobs.start('demoLoad', { customers: 600 }).jobId);
    const { modelId } = await env.ctx.jobs.run('segment', { k: 3 });
    const db = env.ctx.connection.sqlite;
    db.prepare('UPDATE segments SET name = ? WHERE model_id = ? AND segment = 0').run('Kandy\u0000 weekend\u202E\tfamilies', modelId);
    db.prepare('UPDATE outlets SET name = name || ?').run('\u0007\u2066');

    const exportAs = async (format: 'pdf' | 'xlsx') => {
      const target = env.tmp.file(`report.${format}`);
      const params = reportParamsSchema.parse({ modelId, segment: 0, format, rows: 'all' });
      await env.ctx.jobs.run('export', { params, target, replaces: null, createdBy: 'test', createdAt: new Date().toISOString() });
      return target;
    };

    const pdf = execFileSync('pdftotext', ['-layout', await exportAs('pdf'), '-'], { encoding: 'utf8' });
    expect(pdf.replace(/\s+/g, ' ').includes('Kandy weekend families: segment report'), 'the title with the name cleaned').toBe(true);
    expect(firstInvisible(pdf.replace(/[\n\f]/g, ''))).toBeNull();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportAs('xlsx'));
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value)))));
    expect(texts).toContain('Kandy weekend families: segment report');
    expect(texts.filter((t) => firstInvisible(t) !== null)).toEqual([]);
    const customers = wb.getWorksheet('Customers')!;
    const segmentColumn = (customers.getRow(1).values as string[]).indexOf('Segment');
    expect(customers.getRow(2).getCell(segmentColumn).value).toBe('Kandy weekend families');

    // The file the app names itself: U+202E would make "Shoppers\u202Efdp.exe - 1 Dec 2026.pdf" read as a program's name.
    db.prepare('UPDATE segments SET name = ? WHERE model_id = ? AND segment = 1').run('Shoppers\u202Efdp.exe', modelId);
    const dispatch = appDispatch(env.ctx, silentLogger);
    expect(await dispatch('setReportsFolder', { folder: env.tmp.dir })).toMatchObject({ ok: true });
    const started = await dispatch('startReportExport', { params: { modelId, segment: 1, format: 'pdf' } });
    if (!started.ok || (started.value as { status: string }).status !== 'started') throw new Error(JSON.stringify(started));
    const { jobId } = started.value as { jobId: string };
    await env.ctx.jobs.wait(jobId);
    const result = await dispatch('getReportExport', { jobId });
    const day = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
    expect(result).toMatchObject({ ok: true, value: { fileName: `Shoppersfdp.exe - ${day}.pdf` } });
    expect(fs.existsSync(path.join(env.tmp.dir, `Shoppersfdp.exe - ${day}.pdf`))).toBe(true);
  });
});
