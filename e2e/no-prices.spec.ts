import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, openApp, screenshotDir, screenshotBothSizes, seriousViolations, test } from './fixtures';
import { writeCatalogue, writePurchaseHistory } from '../src/main/testing/purchaseHistory';

// A database of its own, without the demo data: a loyalty purchase history is the user's first file.
test.use({ bridgeArgs: ['--no-demo'] });
test.describe.configure({ mode: 'serial' });

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-no-prices-'));
test.afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const money = /LKR|\bRs\b|spend/i;
const notice = 'This file has no prices or amounts: its lines are imported as items and visits, without value.';

test('a purchase history without prices imports as items and visits, and its segments never speak of money', async ({ page, app }) => {
  const file = path.join(workDir, 'loyalty purchase history.csv');
  const lines = writePurchaseHistory(file, 240);

  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);

  // The check step says what the file lacks and how it will be read, instead of refusing it.
  await expect(page.getByLabel('This file holds')).toHaveValue('salesLines');
  await expect(page.getByTestId('no-value-notice')).toContainText(notice);
  await expect(page.getByText(/No column is chosen/)).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshotDir, 'no-prices-check.png'), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  await page.getByRole('button', { name: `Import ${lines.toLocaleString('en-LK')} rows` }).click();
  await expect(page.getByRole('heading', { name: 'Imported loyalty purchase history.csv' })).toBeVisible();
  await expect(page.getByTestId('no-value-summary')).toContainText(notice);
  await expect(page.getByTestId('summary-imported').locator('.kpi-value')).toHaveText(lines.toLocaleString('en-LK'));
  expect(app.query<number>('SELECT count(*) FROM sales_lines WHERE amount_cents IS NOT NULL')).toBe(0);
  await page.screenshot({ path: path.join(screenshotDir, 'no-prices-summary.png'), fullPage: true });

  // The chain's tiles count items, never LKR 0.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Customer Segmentation' }).click();
  await expect(page.getByTestId('kpi-sales')).toContainText('Items sold');
  await expect(page.getByTestId('kpi-sales')).toContainText(/[\d.]+K? items/);

  await page.getByRole('region', { name: 'Customer segments' }).getByRole('button', { name: 'Find segments' }).click();
  await expect(page.getByTestId('segment-card').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('segment-card')).toHaveCount(app.query<number>('SELECT k FROM model_versions WHERE active = 1'));
  await expect(page.getByTestId('kpi-sales')).toContainText('Items they bought');
  await expect(page.getByTestId('segment-card').first()).toContainText('Median items bought');
  await expect(page.getByRole('heading', { name: 'Items split by category' })).toBeVisible();
  await expect(page.locator('main')).toContainText(/visits \d+ times/i);

  // The value filter is off, and says why.
  const filters = page.getByRole('form', { name: 'Filters' });
  const value = filters.getByRole('group', { name: 'Value in the period' });
  await expect(value).toHaveAttribute('title', /no prices or amounts \(a purchase history\), so customers cannot be filtered by value/);
  await expect(value.getByRole('spinbutton').first()).toBeDisabled();

  // Nothing on the screen, in a tooltip or to a screen reader, speaks of money.
  const text = await page.locator('main').evaluate((m) => `${m.textContent ?? ''} ${[...m.querySelectorAll('[title],[aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`).join(' ')}`);
  expect(text.match(money)).toBeNull();
  await screenshotBothSizes(page, 'no-prices-segments');
  expect(await seriousViolations(page)).toEqual([]);

  // A segment's detail: items, visits and a campaign in the same words.
  await page.getByTestId('segment-card').first().click();
  await expect(page.getByRole('heading', { name: 'Characteristics' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Median items bought');
  await expect(page.getByRole('columnheader', { name: /Items bought/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^\d+ items$/ }).first()).toBeVisible();
  const detail = await page.locator('main').evaluate((m) => `${m.textContent ?? ''} ${[...m.querySelectorAll('[title],[aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`).join(' ')}`);
  expect(detail.match(money)).toBeNull();
  await page.screenshot({ path: path.join(screenshotDir, 'no-prices-detail-1366.png'), fullPage: true });

  // Earlier imports marks the file.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  await page.getByRole('button', { name: 'Import another file' }).click();
  const list = page.getByRole('region', { name: 'Earlier imports' });
  await expect(list.getByRole('row', { name: /loyalty purchase history\.csv/ })).toContainText('Items only, no prices');
  await page.screenshot({ path: path.join(screenshotDir, 'no-prices-earlier-imports.png'), fullPage: true });
});

test('with a priced catalogue imported, the confirmation step offers to value the lines at its prices, and the summary counts them', async ({ page, app }) => {
  const catalogue = path.join(workDir, 'catalogue.csv');
  writeCatalogue(catalogue);
  const file = path.join(workDir, 'second history.csv');
  const lines = writePurchaseHistory(file, 40, 99);
  await openApp(page, app);
  const importData = page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' });
  const choose = async (f: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(f);
  };
  await importData.click();
  await choose(catalogue);
  await expect(page.getByLabel('This file holds')).toHaveValue('products');
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  await page.getByRole('button', { name: /^Import \d+ rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'Imported catalogue.csv' })).toBeVisible();

  await page.getByRole('button', { name: 'Import another file' }).click();
  await choose(file);
  await expect(page.getByTestId('no-value-notice')).toBeVisible();
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  const offer = page.getByRole('checkbox', { name: /Value the lines at catalogue prices/ });
  await expect(offer).not.toBeChecked();
  await offer.check();
  await page.screenshot({ path: path.join(screenshotDir, 'no-prices-catalogue-offer.png'), fullPage: true });
  await page.getByRole('button', { name: `Import ${lines.toLocaleString('en-LK')} rows` }).click();
  await expect(page.getByRole('heading', { name: 'Imported second history.csv' })).toBeVisible();
  const importId = app.query<number>("SELECT max(id) FROM imports WHERE source_name = 'second history.csv'");
  const valued = app.query<number>(`SELECT count(*) FROM sales_lines WHERE import_id = ${importId} AND amount_cents IS NOT NULL`);
  const unvalued = app.query<number>(`SELECT count(*) FROM sales_lines WHERE import_id = ${importId} AND amount_cents IS NULL`);
  expect(valued).toBeGreaterThan(0);
  expect(unvalued).toBeGreaterThan(0);
  await expect(page.getByTestId('no-value-summary')).toContainText(
    `This file has no prices or amounts of its own: ${valued.toLocaleString('en-LK')} lines were valued at catalogue prices; ${unvalued.toLocaleString('en-LK')} had no catalogue price and stay without value`,
  );
  await page.screenshot({ path: path.join(screenshotDir, 'no-prices-catalogue-summary.png'), fullPage: true });
});
