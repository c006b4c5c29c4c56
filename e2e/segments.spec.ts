import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotDir, test, openApp } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.use({ bridgeArgs: ['--demo-customers', '4000'] });

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** Each card's customer count, by segment name. */
async function cardCounts(page: Page): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const card of await page.getByTestId('segment-card').all()) {
    out.set((await card.getByRole('heading').textContent()) ?? '', digits(await card.getByTestId('segment-customers').textContent()));
  }
  return out;
}

test('find segments, read the cards, filter them, reach the empty state and reset', async ({ page, app }) => {
  await openApp(page, app);
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden({ timeout: 60_000 });
  const segments = page.getByRole('region', { name: 'Customer segments' });
  await expect(segments.getByText('No segments yet')).toBeVisible();
  await expect(page.getByTestId('freshness')).toHaveText('Sales up to 31 Oct 2026 · no segments yet');
  await page.screenshot({ path: path.join(screenshotDir, 'segments-none.png'), fullPage: true });

  await segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(page.getByTestId('segment-card').first()).toBeVisible({ timeout: 90_000 });
  const k = app.query<number>('SELECT k FROM model_versions WHERE active = 1');
  // The top bar says which model the numbers come from.
  await expect(page.getByTestId('freshness')).toHaveText(/^Sales up to 31 Oct 2026 · model v1 trained \d{1,2} \w{3} \d{4}$/);
  await expect(page.getByTestId('segment-card')).toHaveCount(k);
  const sqlCount = (name: string, where = '1') =>
    app.query<number>(
      `SELECT count(*) FROM customer_segments s JOIN customers c ON c.id = s.customer_id
       JOIN segments g ON g.model_id = s.model_id AND g.segment = s.segment
       WHERE g.name = '${name.replaceAll("'", "''")}' AND ${where}`,
    );
  for (const [name, count] of await cardCounts(page)) expect(count, name).toBe(sqlCount(name));
  // Each card: traits in words and a suggested campaign.
  const first = page.getByTestId('segment-card').first();
  await expect(first.getByRole('listitem').first()).toBeVisible();
  await expect(first).toContainText('Suggested campaign');
  await expect(page.getByRole('img', { name: /Customers per segment/ })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'segments-1366x768.png'), fullPage: true });

  // Age 30 to 45, bought luxury: the cards follow, and equal a direct count.
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Age from').fill('30');
  await filters.getByLabel('Age to').fill('45');
  await filters.getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
  await expect(page.getByRole('button', { name: 'Remove filter: Bought luxury' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove filter: Age 30–45' })).toBeVisible();
  await expect(async () => {
    const counts = await cardCounts(page);
    expect(counts.size).toBeGreaterThan(0);
    for (const [name, count] of counts) expect(count, name).toBe(sqlCount(name, 'c.age BETWEEN 30 AND 45 AND s.luxury > 0'));
  }).toPass({ timeout: 10_000 });
  await page.screenshot({ path: path.join(screenshotDir, 'segments-filtered.png'), fullPage: true });

  // Last purchase within 7 days and an outlet.
  await filters.getByRole('combobox', { name: 'Last purchase' }).selectOption('7');
  // Outlets: found by typing, two of them.
  await filters.getByRole('button', { name: /Outlets/ }).click();
  const picker = filters.getByRole('group', { name: 'Choose outlets' });
  await picker.getByRole('searchbox', { name: 'Search outlets' }).fill('kan');
  await picker.getByRole('checkbox', { name: 'Kandy' }).check();
  await picker.getByRole('searchbox', { name: 'Search outlets' }).fill('gall');
  await expect(picker.getByRole('checkbox')).toHaveCount(1);
  await picker.getByRole('checkbox', { name: 'Galle' }).check();
  await picker.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('button', { name: 'Remove filter: Outlets: Kandy, Galle' })).toBeVisible();
  const kandy = app.query<number>("SELECT id FROM outlets WHERE name = 'Kandy'");
  const galle = app.query<number>("SELECT id FROM outlets WHERE name = 'Galle'");
  const lastDay = app.query<number>("SELECT CAST(julianday(window_to) - 2440587.5 AS INTEGER) FROM model_versions WHERE active = 1");
  await expect(async () => {
    const counts = await cardCounts(page);
    expect(counts.size, 'someone matches').toBeGreaterThan(0);
    for (const [name, count] of counts) {
      expect(count, name).toBe(
        sqlCount(
          name,
          `c.age BETWEEN 30 AND 45 AND s.luxury > 0 AND s.last_day >= ${lastDay - 7} AND (',' || s.outlets || ',' LIKE '%,${kandy},%' OR ',' || s.outlets || ',' LIKE '%,${galle},%')`,
        ),
      );
    }
  }).toPass({ timeout: 10_000 });

  await page.screenshot({ path: path.join(screenshotDir, 'segments-outlets.png'), fullPage: true });

  // Nobody is 119: the empty state, then Reset brings everyone back.
  await filters.getByLabel('Age from').fill('119');
  await filters.getByLabel('Age to').fill('120');
  await expect(page.getByText('No matching customers found. Try adjusting filters.')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'segments-empty.png'), fullPage: true });
  await page.getByRole('button', { name: 'Reset filters' }).click();
  await expect(page.getByTestId('segment-card')).toHaveCount(k);
  await expect(filters.getByLabel('Age from')).toHaveValue('');
  for (const [name, count] of await cardCounts(page)) expect(count, name).toBe(sqlCount(name));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(screenshotDir, 'segments-1920x1080.png'), fullPage: true });

  // The RFM lens: the ten standard groups, under the same filters, equal to a direct count.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'RFM' }).click();
  await expect(page.getByTestId('rfm-card')).toHaveCount(10);
  await filters.getByRole('combobox', { name: 'Bought in' }).selectOption('fresh');
  await expect(async () => {
    for (const card of await page.getByTestId('rfm-card').all()) {
      const name = (await card.getByRole('heading').textContent()) ?? '';
      const count = digits(await card.getByTestId('rfm-customers').textContent());
      expect(count, name).toBe(app.query<number>(`SELECT count(*) FROM customer_segments WHERE fresh > 0 AND rfm_segment = '${name.replaceAll("'", "''")}'`));
    }
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('rfm-card').filter({ hasText: 'Champions' })).toContainText(/Reward them/);
  await page.screenshot({ path: path.join(screenshotDir, 'segments-rfm.png'), fullPage: true });
});
