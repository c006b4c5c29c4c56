import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshotDir, test } from './fixtures';

// The demo chain with segments found: what a new user has when their first own file comes in.
test.use({ bridgeArgs: ['--demo-customers', '1500'] });
test.describe.configure({ mode: 'serial' });

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-guard-'));
test.afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function chooseFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
}

/** A point-of-sale export with no customer column: dated lines, rupee amounts. */
function tillWithoutCustomers(): string {
  const lines = ['Bill Date,Branch,Dept,Amount'];
  for (let i = 0; i < 60; i++) lines.push(`${String(1 + (i % 28)).padStart(2, '0')}/10/2026,${i % 2 ? 'Kandy' : 'Galle'},Vegetables,${(350 + (i % 9) * 120).toFixed(2)}`);
  const file = path.join(workDir, 'pos export October.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

test('a sales file with no customer ids is flagged on the check step, and the demo data and its segments stay', async ({ page, app }) => {
  test.setTimeout(180_000);
  await openApp(page, app);
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden({ timeout: 60_000 });
  const segments = page.getByRole('region', { name: 'Customer segments' });
  await segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(page.getByTestId('segment-card').first()).toBeVisible({ timeout: 90_000 });
  const cards = await page.getByTestId('segment-card').count();
  const demoCustomers = app.query<number>('SELECT count(*) FROM customers');
  const segmented = app.query<number>('SELECT count(*) FROM customer_segments');

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  await chooseFile(page, tillWithoutCustomers());
  await expect(page.getByRole('heading', { name: 'pos export October.csv' })).toBeVisible();
  const warning = page.getByTestId('no-customers');
  await expect(warning).toContainText(
    'This file has no customer ids: its sales count toward outlet and category totals, but no segments can be found from it.',
  );
  await page.screenshot({ path: path.join(screenshotDir, 'guard-no-customers-check.png'), fullPage: true });
  expect(app.query<number>("SELECT count(*) FROM imports WHERE kind = 'file'")).toBe(0);
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();

  const removeDemo = page.getByLabel('Remove the demo data');
  await expect(removeDemo).not.toBeChecked();
  await expect(page.getByText('The demo data stays: this file has no customer ids to take its place.')).toBeVisible();
  // Nothing on the step may say the opposite.
  await expect(page.getByText(/demo data is removed/i)).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshotDir, 'guard-no-customers-confirm.png'), fullPage: true });
  await page.getByRole('button', { name: 'Import 60 rows' }).click();

  await expect(page.getByRole('heading', { name: 'Imported pos export October.csv' })).toBeVisible();
  await expect(page.getByText('kept (remove it in Settings, Demo data)')).toBeVisible();
  expect(app.query<number>("SELECT count(*) FROM imports WHERE kind = 'demo'")).toBe(1);
  expect(app.query<number>('SELECT count(*) FROM customers')).toBe(demoCustomers);
  expect(app.query<number>('SELECT count(*) FROM model_versions')).toBe(1);
  await page.screenshot({ path: path.join(screenshotDir, 'guard-no-customers-summary.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Customer Segmentation' }).click();
  await expect(page.getByTestId('segment-card')).toHaveCount(cards);
  await expect(page.getByTestId('segments-count')).toContainText(`${segmented.toLocaleString('en-GB')} customers`);
  expect(app.query<number>('SELECT count(*) FROM customer_segments')).toBe(segmented);
  await expect(page.getByTestId('model-note')).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshotDir, 'guard-segments-kept.png'), fullPage: true });
});

test('amounts far from the earlier data are asked about before anything is written', async ({ page, app }) => {
  // Customers this time, in pounds: a few pounds a line against the till's hundreds of rupees.
  const lines = ['Invoice,Date,Customer ID,Branch,Dept,Amount'];
  for (let i = 0; i < 40; i++) lines.push(`E${i},2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00,UK${i % 12},Kandy,Bakery,${(2 + (i % 5) * 0.75).toFixed(2)}`);
  const file = path.join(workDir, 'uk shop.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  await chooseFile(page, file);
  const question = page.getByTestId('amount-scale');
  await expect(question).toContainText(/Amounts look about \d+× smaller than your earlier data\. Are they in rupees\?/);
  const next = page.getByRole('button', { name: 'Next: outlets and categories' });
  await expect(next).toBeDisabled();
  await page.screenshot({ path: path.join(screenshotDir, 'guard-amounts-question.png'), fullPage: true });
  await question.getByLabel('Yes, these amounts are in rupees: import them as they are').check();
  await expect(next).toBeEnabled();
  // With customers in the file, removing the demo is offered ticked; left as the user wants it.
  await next.click();
  await expect(page.getByLabel('Remove the demo data')).toBeChecked();
  expect(app.query<number>("SELECT count(*) FROM imports WHERE source_name = 'uk shop.csv'")).toBe(0);
});

test('the currency chosen in Settings is on every figure of the Segmentation screen, in this session and the next', async ({ page, app }) => {
  await openApp(page, app);
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Currency' });
  await card.getByLabel('Currency code').fill('usd');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('The currency is saved.')).toBeVisible();
  expect(app.query<string>("SELECT value FROM meta WHERE key = 'currency'")).toBe('USD');

  const main = page.getByRole('main');
  const inUsd = async () => {
    await menu.getByRole('button', { name: 'Customer Segmentation' }).click();
    await expect(page.getByTestId('segment-card').first()).toBeVisible();
    await expect(page.getByTestId('kpi-sales')).toContainText(/USD\s[\d.]+[KMB]?/);
    await expect(page.getByTestId('segment-card').first()).toContainText(/Median spend\s*USD\s[\d,]+/);
    await expect(page.getByText('Spend in the period (USD)')).toBeVisible();
    await expect(page.getByTestId('outlet-sales-scope')).toContainText('USD,');
  };
  await inUsd();
  await page.getByRole('form', { name: 'Filters' }).getByLabel('Spend from').fill('5000');
  await expect(page.getByRole('button', { name: /^Remove filter: Spend from USD\s5,000$/ })).toBeVisible();
  await expect(page.getByTestId('kpi-customers')).toContainText('Customers matching');
  await expect(main).not.toContainText('LKR');
  await page.screenshot({ path: path.join(screenshotDir, 'guard-currency-usd-segmentation.png'), fullPage: true });

  // A new session reads the stored setting.
  await openApp(page, app);
  await inUsd();
  await expect(main).not.toContainText('LKR');

  // Back to rupees for what follows, as a chain that tried the setting would.
  await menu.getByRole('button', { name: 'Settings' }).click();
  await card.getByLabel('Currency code').fill('LKR');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('The currency is saved.')).toBeVisible();
  await menu.getByRole('button', { name: 'Customer Segmentation' }).click();
  await expect(page.getByTestId('kpi-sales')).toContainText(/LKR\s/);
});

test('with the demo data cleared, the segments stay and the screen says what to do; the currency is in Settings', async ({ page, app }) => {
  await openApp(page, app);
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Currency code')).toHaveValue('LKR');
  await page.getByRole('button', { name: 'Clear demo data' }).click();
  await page.getByRole('button', { name: 'Yes, clear demo data' }).click();
  await expect(page.getByText(/^Removed [\d,]+ demo customers/)).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'guard-settings-currency.png'), fullPage: true });
  expect(app.query<number>('SELECT count(*) FROM model_versions')).toBe(1);

  await menu.getByRole('button', { name: 'Customer Segmentation' }).click();
  const note = page.getByTestId('model-note');
  await expect(note).toContainText('Import sales with customer ids, then choose Find segments.');
  await expect(note.getByRole('button', { name: 'Find segments' })).toBeVisible();
  await expect(page.getByTestId('segment-card').first()).toBeVisible();
  await expect(page.getByText('No matching customers found. Try adjusting filters.')).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshotDir, 'guard-model-note.png'), fullPage: true });
});
