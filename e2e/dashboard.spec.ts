import path from 'node:path';
import { expect, screenshotDir, test, openApp } from './fixtures';

test.describe.configure({ mode: 'serial' });

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('first start loads the demo data in the background, then the dashboard shows it', async ({ page, app }) => {
  await openApp(page, app);
  // The token moves out of the address bar into the tab's session.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  for (const item of ['Customer Segmentation', 'Import Data', 'Reports History', 'Settings']) {
    await expect(page.getByRole('button', { name: item })).toBeVisible();
  }
  const banner = page.getByRole('region', { name: 'Loading demo data' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/of 50,000 customers/);
  await page.screenshot({ path: path.join(screenshotDir, 'demo-loading.png') });

  await expect(banner).toBeHidden({ timeout: 90_000 });
  await expect(page.locator('.topbar').getByText('Demo data', { exact: true })).toBeVisible();
  const customers = page.getByTestId('kpi-customers');
  await expect(customers).toContainText('50,000');
  expect(digits(await customers.locator('.kpi-value').textContent())).toBe(app.query<number>('SELECT count(*) FROM customers'));
  expect(digits(await page.getByTestId('kpi-outlets').locator('.kpi-value').textContent())).toBe(
    app.query<number>('SELECT count(DISTINCT outlet_id) FROM sales_lines'),
  );
  expect(digits(await page.getByTestId('kpi-sales').locator('.kpi-detail').textContent())).toBe(
    app.query<number>('SELECT count(*) FROM sales_lines'),
  );
  // Tiles round large amounts; the exact rupees are in the tooltip.
  for (const category of ['fresh', 'dry', 'luxury']) {
    const exact = await page.getByTestId(`kpi-${category}`).locator('.kpi-value').getAttribute('title');
    const cents = app.query<number>(
      `SELECT sum(amount_cents) FROM sales_lines JOIN categories c ON c.id = category_id WHERE c.code = '${category}'`,
    );
    expect(digits(exact)).toBe(Math.round(cents / 100));
  }
  await expect(page.getByTestId('kpi-period')).toContainText('1 Nov 2025 – 31 Oct 2026');
  const chart = page.getByRole('img', { name: 'Sales by outlet and category' });
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box?.height).toBeGreaterThan(300);
  await page.screenshot({ path: path.join(screenshotDir, 'dashboard-1366x768.png'), fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(screenshotDir, 'dashboard-1920x1080.png'), fullPage: true });
});

test('clearing the demo data empties the dashboard and says what to do next', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText(app.databasePath)).toBeVisible();
  await page.getByRole('button', { name: 'Clear demo data' }).click();
  await page.getByRole('button', { name: 'Yes, clear demo data' }).click();
  await expect(page.getByRole('status')).toContainText('Removed 50,000 demo customers');
  await expect(page.locator('.topbar').getByText('Demo data', { exact: true })).toBeHidden();
  expect(app.query<number>('SELECT count(*) FROM customers')).toBe(0);

  await page.getByRole('button', { name: 'Customer Segmentation' }).click();
  await expect(page.getByRole('heading', { name: 'No sales data yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import Data' }).last()).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'dashboard-empty.png') });

  // The choice sticks: reloading does not bring the demo back by itself.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No sales data yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden();
});

test('stopping a demo load midway leaves no data behind', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  const banner = page.getByRole('region', { name: 'Loading demo data' });
  await expect(banner).toContainText(/[1-9][\d,]* of 50,000 customers/);
  await banner.getByRole('button', { name: 'Stop' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No sales data yet' })).toBeVisible();
  expect(app.query<number>('SELECT count(*) FROM customers')).toBe(0);
  expect(app.query<number>('SELECT count(*) FROM sales_lines')).toBe(0);
  expect(app.query<string>('PRAGMA integrity_check')).toBe('ok');
});
