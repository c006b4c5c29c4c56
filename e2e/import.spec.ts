import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test, openApp } from './fixtures';

// A database of its own, without the demo data: what a user who imports their own exports has.
test.use({ bridgeArgs: ['--no-demo'] });
test.describe.configure({ mode: 'serial' });

const onlineRetail = path.resolve(__dirname, '..', '..', 'shared', 'data', 'online_retail.csv.gz');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-import-'));
test.afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/**
 * A till export as they come: semicolons, a header that is none of the
 * usual names ("Dept Name"), dates that could be day/month or month/day, outlet names
 * spelt nine ways for five outlets plus two it does not know, one exact
 * duplicate, a return, and three rows that cannot be imported.
 */
function messyExport(): { file: string; rows: number } {
  const spellings = ['KANDY', 'Kandy City', 'Colmbo', 'COLOMBO', 'Colombo Fort', 'Galle Fort', 'Nuwara-Eliya', 'Nuwara Eliya Town', 'Jaffna'];
  const departments = ['Vegetables', 'Rice & Grains', 'Chocolates', 'Stationery'];
  const lines = ['Bill No;Bill Date;Cust No;Branch;Item Code;Item Name;Dept Name;Qty;Amount (Rs.)'];
  let bill = 1000;
  const add = (outlet: string, extra: Partial<{ date: string; qty: string; amount: string }> = {}): string => {
    bill++;
    const day = String((bill % 12) + 1).padStart(2, '0');
    const month = String((bill % 7) + 3).padStart(2, '0');
    const line = [
      `B${bill}`,
      extra.date ?? `${day}/${month}/2026 1${bill % 10}:15`,
      bill % 5 === 0 ? '' : `C${(bill % 17) + 1}`,
      outlet,
      `P${bill % 9}`,
      `Item ${bill % 9}`,
      departments[bill % 4],
      extra.qty ?? String((bill % 3) + 1),
      extra.amount ?? `Rs. ${(bill % 7) + 1},${String((bill * 37) % 1000).padStart(3, '0')}.50`,
    ].join(';');
    lines.push(line);
    return line;
  };
  for (const s of spellings) for (let i = 0; i < 6; i++) add(s);
  for (let i = 0; i < 4; i++) add('Hambantota');
  for (let i = 0; i < 3; i++) add('Head Office');
  lines.push(lines[5]!); // an exact duplicate
  add('KANDY', { qty: '-1', amount: '(250.00)' }); // a return
  add('KANDY', { amount: 'abc' });
  add('KANDY', { date: '' });
  const file = path.join(workDir, 'till export March.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return { file, rows: lines.length - 1 };
}

async function chooseFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
}

const tile = (page: Page, id: string) => page.getByTestId(id).locator('.kpi-value');

test('a messy till export: columns, date order, outlet spellings and categories confirmed, then imported with every row explained', async ({
  page,
  app,
}) => {
  const { file, rows } = messyExport();
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  await expect(page.getByText('Nothing imported yet.')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'import-start.png'), fullPage: true });

  await chooseFile(page, file);
  await expect(page.getByRole('heading', { name: 'till export March.csv' })).toBeVisible();
  await expect(page.getByLabel('This file holds')).toHaveValue('salesLines');
  await expect(page.getByLabel('Columns separated by')).toHaveValue(';');
  // "Dept Name" is not one of the usual names, but read as words it is the department: taken, with how sure and why.
  await expect(page.getByLabel('Column “Dept Name” is')).toHaveValue('category');
  await expect(page.getByText('Category / department ← Dept Name · 90% · department named with a qualifier: name')).toBeVisible();
  await expect(page.getByLabel('Column “Bill Date” is')).toHaveValue('soldAt');
  // Every date fits both ways round: the app asks, and waits for the answer.
  await expect(page.getByRole('heading', { name: 'Which way round are the dates?' })).toBeVisible();
  const next = page.getByRole('button', { name: 'Next: outlets and categories' });
  await expect(next).toBeDisabled();
  await page.getByLabel('Day first (day/month/year, usual in Sri Lanka)').check();
  await page.screenshot({ path: path.join(screenshotDir, 'import-columns.png'), fullPage: true });
  await next.click();

  // One screen for the spellings: nine of them are five known outlets, two are new.
  const outlets = page.getByRole('region', { name: 'Outlets' });
  await expect(outlets.getByRole('status')).toHaveText('11 spellings in the file: 9 → 5 known outlets; 2 new (added as outlets).');
  await expect(page.getByRole('combobox', { name: 'Outlet for “Colmbo”' })).toHaveValue(/^outlet:/);
  await expect(page.getByRole('combobox', { name: 'Outlet for “Colmbo”' }).locator('option:checked')).toHaveText('Colombo');
  await expect(page.getByRole('combobox', { name: 'Outlet for “Galle Fort”' }).locator('option:checked')).toHaveText('Galle');
  // Hambantota is a known town with no outlet yet: added under its name; every other spelling's fold is listed.
  await expect(page.getByRole('combobox', { name: 'Outlet for “Hambantota”' })).toHaveValue('town');
  await expect(outlets.getByRole('list', { name: 'Spellings folded into an outlet' })).toContainText('“KANDY” → Kandy (capitals, ');
  await expect(outlets.getByRole('list', { name: 'Spellings folded into an outlet' })).toContainText('“Colmbo” → Colombo (one-letter typo, 6 rows)');
  await page.getByRole('combobox', { name: 'Outlet for “Head Office”' }).selectOption('reject');
  await expect(outlets.getByRole('status')).toHaveText(
    '11 spellings in the file: 9 → 5 known outlets; 1 new (added as outlets); 1 rejected (3 rows).',
  );
  await expect(page.getByLabel('Category for “Stationery”')).toHaveValue('other');
  await expect(page.getByLabel('Category for “Vegetables”')).toHaveValue('fresh');
  await page.screenshot({ path: path.join(screenshotDir, 'import-outlets.png'), fullPage: true });
  await page.getByRole('button', { name: `Import ${rows} rows` }).click();

  // Every row in exactly one bucket.
  await expect(page.getByRole('heading', { name: 'Imported till export March.csv' })).toBeVisible();
  await expect(tile(page, 'summary-read')).toHaveText(String(rows));
  await expect(tile(page, 'summary-duplicates')).toHaveText('1');
  await expect(tile(page, 'summary-rejected')).toHaveText('5');
  await expect(tile(page, 'summary-imported')).toHaveText(String(rows - 6));
  await expect(page.getByLabel('Every row accounted for')).toHaveText(`${rows} read = ${rows - 6} imported + 1 duplicate + 0 already imported + 5 rejected`);
  await expect(page.getByText('Hambantota', { exact: true })).toBeVisible();
  expect(app.query<number>('SELECT count(*) FROM sales_lines')).toBe(rows - 6);
  expect(app.query<number>("SELECT count(*) FROM outlets WHERE name IN ('Hambantota')")).toBe(1);
  expect(app.query<number>("SELECT count(*) FROM outlets WHERE name = 'Head Office'")).toBe(0);
  expect(app.query<number>('SELECT count(DISTINCT outlet_id) FROM sales_lines')).toBe(6);
  await page.screenshot({ path: path.join(screenshotDir, 'import-summary.png'), fullPage: true });

  // The report of rejected rows, read in the app and saved as CSV.
  await page.getByRole('button', { name: 'See the rejected rows' }).click();
  const report = page.getByRole('region', { name: /Rejected rows of till export March.csv/ });
  await expect(report.locator('tbody tr')).toHaveCount(5);
  await expect(report).toContainText('Head Office');
  await expect(report).toContainText('abc');
  await page.screenshot({ path: path.join(screenshotDir, 'import-report.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Save as CSV…' }).click();
  const saved = path.join(workDir, 'rejected.csv');
  await (await download).saveAs(saved);
  const text = fs.readFileSync(saved, 'utf8');
  expect(text.startsWith('\uFEFFRow,Column,Value,Reason\r\n')).toBe(true); // with a BOM, for Excel
  const csv = text.trim().split(/\r\n/);
  expect(csv).toHaveLength(6);
  await report.getByRole('button', { name: 'Back' }).click();

  // The same file again is recognised; skipping it changes nothing.
  await page.getByRole('button', { name: 'Import another file' }).click();
  await chooseFile(page, file);
  await expect(page.getByRole('heading', { name: 'This file was imported before' })).toBeVisible();
  await page.getByLabel('Skip it: keep the earlier import as it is').check();
  await page.getByLabel('Day first (day/month/year, usual in Sri Lanka)').check();
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  // The outlet decisions were remembered.
  await expect(page.getByRole('combobox', { name: 'Outlet for “Head Office”' })).toHaveValue('reject');
  await page.getByRole('button', { name: 'Skip this file' }).click();
  await expect(page.getByRole('heading', { name: 'Skipped till export March.csv' })).toBeVisible();
  expect(app.query<number>('SELECT count(*) FROM imports')).toBe(1);
  expect(app.query<number>('SELECT count(*) FROM sales_lines')).toBe(rows - 6);
});

test('Online Retail through the screen: cancel midway changes nothing; then every one of its 541,909 lines is accounted for; then it is deleted', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  const before = app.query<number>('SELECT count(*) FROM sales_lines');
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  await chooseFile(page, onlineRetail);
  await expect(page.getByRole('heading', { name: 'online_retail.csv.gz' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('541,909 rows')).toBeVisible();
  // Pounds, not rupees: the check step asks, and the user says to import them as they are.
  await expect(page.getByRole('heading', { name: 'Check the amounts' })).toBeVisible();
  await page.getByLabel('Yes, these amounts are in rupees: import them as they are').check();
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  await expect(page.getByRole('heading', { name: 'The file has no outlet column' })).toBeVisible();
  await expect(page.getByLabel('Name of the new outlet for every line')).toHaveValue('Unspecified outlet');
  await page.getByRole('button', { name: 'Import 541,909 rows' }).click();

  const progress = page.getByRole('region', { name: 'Importing online_retail.csv.gz' });
  await expect(progress).toContainText(/[1-9]\d{0,2},\d{3} rows/);
  await page.screenshot({ path: path.join(screenshotDir, 'import-progress.png'), fullPage: true });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The import was cancelled. Nothing was written: your data is exactly as it was.')).toBeVisible();
  expect(app.query<number>('SELECT count(*) FROM sales_lines')).toBe(before);
  expect(app.query<number>("SELECT count(*) FROM imports WHERE source_name = 'online_retail.csv.gz'")).toBe(0);
  expect(app.query<string>('PRAGMA integrity_check')).toBe('ok');

  await page.getByRole('button', { name: 'Import 541,909 rows' }).click();
  // Looking at another screen meanwhile does not lose the import: its summary is there on return.
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('button', { name: 'Customer Segmentation' }).click();
  await menu.getByRole('button', { name: /^Import Data/ }).click();
  await expect(page.getByRole('heading', { name: 'Imported online_retail.csv.gz' })).toBeVisible({ timeout: 120_000 });
  await expect(tile(page, 'summary-read')).toHaveText('541,909');
  await expect(tile(page, 'summary-duplicates')).toHaveText('5,268');
  await expect(page.getByLabel('Every row accounted for')).toHaveText(
    '541,909 read = 534,125 imported + 5,268 duplicates + 0 already imported + 2,516 rejected',
  );
  await expect(page.getByText('Anonymous sales (no customer)')).toBeVisible();
  expect(app.query<number>('SELECT count(*) FROM sales_lines')).toBe(before + 534_125);
  await page.screenshot({ path: path.join(screenshotDir, 'import-online-retail-summary.png'), fullPage: true });

  // Earlier imports: both files, and a delete that asks first and removes exactly that import's rows.
  await page.getByRole('button', { name: 'Import another file' }).click();
  const list = page.getByRole('region', { name: 'Earlier imports' });
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await list.getByRole('button', { name: 'Delete the import of online_retail.csv.gz' }).click();
  await page.screenshot({ path: path.join(screenshotDir, 'import-earlier.png'), fullPage: true });
  await list.getByRole('button', { name: 'Delete 534,125 rows' }).click();
  await expect(list.getByRole('status')).toContainText('534,125 sales lines');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  expect(app.query<number>('SELECT count(*) FROM sales_lines')).toBe(before);
});

test('Settings: the outlet list shows what the imports added, and can be edited', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Outlets' });
  // The 20 of the chain and Hambantota (a known town, added with its district); the outlet Online Retail's
  // lines went to was removed with its import.
  await expect(card.getByText('21 outlets')).toBeVisible();
  const row = (name: string) => card.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row('Unspecified outlet')).toHaveCount(0);
  await expect(row('Hambantota')).toContainText('4');
  await expect(row('Hambantota')).toContainText('Southern (Hambantota District)');

  // A rename keeps the outlet's sales.
  await card.getByRole('button', { name: 'Edit Hambantota' }).click();
  await card.getByLabel('Outlet Hambantota: name').fill('Hambantota Port');
  await card.getByLabel('Outlet Hambantota: province').fill('Southern');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('status')).toHaveText('Saved Hambantota Port.');
  await expect(row('Hambantota Port')).toContainText('Southern');
  expect(app.query<number>("SELECT count(*) FROM sales_lines s JOIN outlets o ON o.id = s.outlet_id WHERE o.name = 'Hambantota Port'")).toBe(4);

  // An outlet with sales stays, and the message says why.
  await card.getByRole('button', { name: 'Remove Kandy' }).click();
  await expect(card.getByRole('alert')).toContainText('Kandy cannot be removed: ');
  await card.getByLabel('New outlet: name').fill('Matale');
  await card.getByLabel('New outlet: province').fill('Central');
  await card.getByRole('button', { name: 'Add outlet' }).click();
  await expect(card.getByText('22 outlets')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'settings-outlets.png'), fullPage: true });
  await card.getByRole('button', { name: 'Remove Matale' }).click();
  await expect(card.getByText('21 outlets')).toBeVisible();

  // Category rules: the till's "Stationery" went to Other; from now on it counts as Dry.
  const rules = page.getByRole('region', { name: 'Category rules' });
  await rules.getByLabel('New rule: name in the files').fill('  STATIONERY ');
  await rules.getByLabel('New rule: counts as').selectOption('luxury');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByLabel('“stationery” counts as')).toHaveValue('luxury');
  await rules.getByLabel('“stationery” counts as').selectOption('dry');
  await expect(rules.getByRole('status')).toHaveText('“stationery” now counts as Dry.');
  expect(app.query<string>("SELECT c.code FROM category_rules r JOIN categories c ON c.id = r.category_id WHERE r.source = 'stationery'")).toBe('dry');
  await page.screenshot({ path: path.join(screenshotDir, 'settings-category-rules.png'), fullPage: true });
});

test('an Excel workbook: the sheet is chosen, and a warehouse’s customer-level sales are recognised and imported', async ({ page, app }) => {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Read me').addRows([['Customer spend, Q3 2026, from the data warehouse'], ['Amounts in rupees']]);
  const sheet = workbook.addWorksheet('Spend by customer');
  sheet.addRow(['Loyalty No', 'Home Store', 'Fresh Spend (Rs)', 'Dry Goods', 'Luxury Rs', 'No of Visits', 'Last Visit', 'Cluster']);
  const outlets = ['Kandy', 'GALLE', 'Colombo'];
  for (let i = 1; i <= 30; i++) {
    sheet.addRow([`L${1000 + i}`, outlets[i % 3], 1200 * i, 800 * i, i % 4 === 0 ? 0 : 350 * i, (i % 9) + 1, new Date(Date.UTC(2026, 8, (i % 28) + 1)), `Group ${i % 3}`]);
  }
  sheet.addRow(['L2000', 'Kandy', -50, 10, 10, 1, new Date(Date.UTC(2026, 8, 1)), 'Group 1']); // a negative spend: rejected
  const file = path.join(workDir, 'warehouse spend Q3.xlsx');
  await workbook.xlsx.writeFile(file);
  const customersBefore = app.query<number>('SELECT count(*) FROM customers');

  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  await chooseFile(page, file);
  await expect(page.getByRole('heading', { name: 'warehouse spend Q3.xlsx' })).toBeVisible();
  // The first sheet is a note, not data: the user picks the other one.
  await page.getByLabel('Sheet').selectOption('Spend by customer');
  await expect(page.getByLabel('This file holds')).toHaveValue('customerSpend');
  await expect(page.getByLabel('Column “Fresh Spend (Rs)” is')).toHaveValue('fresh');
  await expect(page.getByLabel('Column “Cluster” is')).toHaveValue('segment');
  await expect(page.getByText('31 rows')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'import-xlsx-spend.png'), fullPage: true });
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  await expect(page.getByRole('combobox', { name: 'Outlet for “GALLE”' }).locator('option:checked')).toHaveText('Galle');
  await page.getByRole('button', { name: 'Import 31 rows' }).click();

  await expect(page.getByRole('heading', { name: 'Imported warehouse spend Q3.xlsx' })).toBeVisible();
  await expect(page.getByLabel('Every row accounted for')).toHaveText('31 read = 30 imported + 0 duplicates + 0 already imported + 1 rejected');
  await expect(page.getByText('Customer-level sales', { exact: true })).toBeVisible();
  expect(app.query<number>('SELECT count(*) FROM customer_spend')).toBe(30);
  expect(app.query<number>('SELECT count(*) FROM customers')).toBe(customersBefore + 30);
  expect(app.query<number>("SELECT sum(fresh_cents) FROM customer_spend")).toBe(1200 * 100 * ((30 * 31) / 2));
  await page.screenshot({ path: path.join(screenshotDir, 'import-xlsx-summary.png'), fullPage: true });
});
