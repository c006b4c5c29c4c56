import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeReadOnly } from '../src/main/testing/readOnly';
import { expect, openApp, screenshotBothSizes, seriousViolations, test } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.use({ bridgeArgs: ['--demo-customers', '2500'] });

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-reports-'));
test.afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const files = () => fs.readdirSync(folder).sort();
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', path.join(folder, file), '-'], { encoding: 'utf8' });

test('export a segment from its detail, find it in History, overwrite it, make a new version, and recover from a read-only folder', async ({ page, app }) => {
  await openApp(page, app);
  expect(await app.call('setReportsFolder', { folder })).toMatchObject({ ok: true });
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden({ timeout: 60_000 });
  const segments = page.getByRole('region', { name: 'Customer segments' });
  await segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(page.getByTestId('segment-card').first()).toBeVisible({ timeout: 90_000 });

  // Bought luxury, then the largest segment's detail.
  await page.getByRole('form', { name: 'Filters' }).getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
  await expect(page.getByRole('button', { name: 'Remove filter: Bought luxury' })).toBeVisible();
  const card = page.getByTestId('segment-card').first();
  const name = (await card.getByRole('heading').textContent()) ?? '';
  const openDetail = async () => {
    await page.getByRole('button', { name: `View details: ${name}` }).click();
    await expect(page.getByRole('heading', { name, level: 3 })).toBeFocused();
  };
  await openDetail();
  const exportPdf = async () => {
    await page.getByRole('button', { name: 'Export report' }).click();
    const panel = page.getByRole('dialog', { name: 'Export report' });
    await panel.getByRole('radio', { name: /PDF/ }).check();
    await panel.getByRole('button', { name: 'Export' }).click();
    return panel;
  };

  const campaign = (await page.getByRole('region', { name: 'Recommended campaign' }).locator('.campaign-name').textContent()) ?? '';
  expect(campaign).not.toBe('');
  let panel = await exportPdf();
  await expect(panel.getByRole('status')).toContainText(/Saved .+\.pdf .*version 1\). You will find it under Reports History\./, { timeout: 60_000 });
  expect(files()).toHaveLength(1);
  const first = files()[0]!;
  const text = pdfText(first);
  expect(text).toContain(name);
  expect(text).toContain('Bought luxury');
  expect(text).not.toContain('no filters');
  expect(text).toContain(campaign);
  const count = app.query<number>(
    `SELECT count(*) FROM customer_segments s JOIN segments g ON g.model_id = s.model_id AND g.segment = s.segment WHERE g.name = '${name.replaceAll("'", "''")}' AND s.luxury > 0`,
  );
  expect(text).toMatch(new RegExp(`All ${count.toLocaleString('en-US')} customers of the segment matching the filters`));
  await screenshotBothSizes(page, 'report-exported');

  // History lists it.
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('button', { name: 'Reports History' }).click();
  const rows = page.getByTestId('report-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(first);
  await expect(rows.first()).toContainText('Bought luxury');
  await expect(rows.first()).toContainText('Nimali Perera');
  expect(await seriousViolations(page), 'Reports History').toEqual([]);
  await screenshotBothSizes(page, 'report-history');

  // The same segment, filters and format again: overwrite.
  await menu.getByRole('button', { name: 'Customer Segmentation' }).click();
  await page.getByRole('form', { name: 'Filters' }).getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
  await openDetail();
  panel = await exportPdf();
  await expect(panel.getByText('Would you like to overwrite or create a new version?')).toBeVisible();
  await screenshotBothSizes(page, 'report-overwrite-question');
  await panel.getByRole('button', { name: 'Overwrite' }).click();
  await expect(panel.getByRole('status')).toContainText(`Saved ${first}`, { timeout: 60_000 });
  expect(files()).toEqual([first]);
  expect(app.query<number>('SELECT count(*) FROM reports')).toBe(1);

  // And a new version.
  await panel.getByRole('button', { name: 'Close' }).click();
  panel = await exportPdf();
  await panel.getByRole('button', { name: 'Create a new version' }).click();
  const second = first.replace(/\.pdf$/, ' (v2).pdf');
  await expect(panel.getByRole('status')).toContainText(`Saved ${second}`, { timeout: 60_000 });
  expect(files()).toEqual([first, second].sort());
  expect(app.query<number>('SELECT max(version) FROM reports')).toBe(2);

  // A read-only folder: the use case's message, Retry, nothing written; writable again, Retry works.
  const undo = makeReadOnly(folder);
  let undone = false;
  try {
    await panel.getByRole('button', { name: 'Close' }).click();
    panel = await exportPdf();
    await panel.getByRole('button', { name: 'Create a new version' }).click();
    await expect(panel.getByRole('alert')).toContainText('Export failed. Please try again later or contact support.', { timeout: 60_000 });
    await expect(panel.getByRole('button', { name: 'Retry' })).toBeVisible();
    await screenshotBothSizes(page, 'report-failed');
    expect(files()).toEqual([first, second].sort());
    expect(app.query<number>('SELECT count(*) FROM reports')).toBe(2);
    undo();
    undone = true;
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect(panel.getByRole('status')).toContainText(first.replace(/\.pdf$/, ' (v3).pdf'), { timeout: 60_000 });
  } finally {
    if (!undone) undo();
  }
  expect(files()).toHaveLength(3);
  await menu.getByRole('button', { name: 'Reports History' }).click();
  await expect(rows).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search reports' }).fill('(v2)');
  await expect(rows).toHaveCount(1);
});

test('an Excel export holds every customer of the segment under the filters', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('form', { name: 'Filters' }).getByRole('combobox', { name: 'Mostly buys' }).selectOption('fresh');
  const card = page.getByTestId('segment-card').first();
  const name = (await card.getByRole('heading').textContent()) ?? '';
  await page.getByRole('button', { name: `View details: ${name}` }).click();
  await page.getByRole('button', { name: 'Export report' }).click();
  const panel = page.getByRole('dialog', { name: 'Export report' });
  await panel.getByRole('radio', { name: /Excel/ }).check();
  await panel.getByRole('radio', { name: 'The whole segment' }).check();
  await panel.getByRole('button', { name: 'Export' }).click();
  await expect(panel.getByRole('status')).toContainText(/Saved .+\.xlsx/, { timeout: 60_000 });
  const file = files().find((f) => f.endsWith('.xlsx'))!;
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(folder, file));
  const sheet = workbook.getWorksheet('Customers')!;
  const codes: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) codes.push(String(row.getCell(1).value));
  });
  const expected = JSON.parse(
    app.query<string>(
      `SELECT json_group_array(code) FROM (SELECT c.code FROM customer_segments s JOIN customers c ON c.id = s.customer_id JOIN segments g ON g.model_id = s.model_id AND g.segment = s.segment
       WHERE g.name = '${name.replaceAll("'", "''")}' AND s.fresh > 0 AND s.fresh >= s.dry AND s.fresh >= s.luxury ORDER BY c.code)`,
    ),
  ) as string[];
  expect(codes.sort()).toEqual(expected);
});
