import type { Locator } from '@playwright/test';
import { expect, openApp, type RunningApp, screenshotBothSizes, seriousViolations, test } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.use({ bridgeArgs: ['--demo-customers', '4000'] });

const quoted = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The customers of a segment (by name, active model) under `where`, as SQL orders them for the table. */
function sqlCodes(app: RunningApp, name: string, where: string, order: string, limit: number): string[] {
  const joined = app.query<string | null>(
    `SELECT group_concat(code, ' ') FROM (
       SELECT c.code FROM customer_segments s JOIN customers c ON c.id = s.customer_id
       JOIN segments g ON g.model_id = s.model_id AND g.segment = s.segment
       WHERE g.name = ${quoted(name)} AND ${where} ORDER BY ${order}, s.customer_id LIMIT ${limit})`,
  );
  return joined ? joined.split(' ') : [];
}

function sqlCount(app: RunningApp, name: string, where = '1'): number {
  return app.query<number>(
    `SELECT count(*) FROM customer_segments s JOIN customers c ON c.id = s.customer_id
     JOIN segments g ON g.model_id = s.model_id AND g.segment = s.segment WHERE g.name = ${quoted(name)} AND ${where}`,
  );
}

/** The customer codes of the first `n` rows on screen. */
async function shownCodes(table: Locator, n: number): Promise<string[]> {
  const rows = table.getByTestId('customer-row');
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await rows.nth(i).getByRole('cell').first().textContent()) ?? '');
  return out;
}

test('open a segment from a card and from a chart bar; its figures, table, sort, search and filters agree with SQL', async ({ page, app }) => {
  await openApp(page, app);
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden({ timeout: 60_000 });
  await page.getByRole('region', { name: 'Customer segments' }).getByRole('button', { name: 'Find segments' }).click();
  const cards = page.getByTestId('segment-card');
  await expect(cards.first()).toBeVisible({ timeout: 90_000 });

  // The second card (not the largest, so the chart test below opens another one); while the detail loads, a skeleton.
  const card = cards.nth(1);
  const name = (await card.getByRole('heading').textContent()) ?? '';
  await page.route('**/api/call/getSegmentDetail', async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  // A click anywhere on the card.
  await card.getByRole('listitem').first().click();
  const detail = page.getByRole('region', { name });
  await expect(detail.getByRole('heading', { level: 3, name })).toBeFocused();
  await expect(detail.getByLabel('Loading the segment')).toBeVisible();

  const everyone = sqlCount(app, name);
  await expect(detail.getByTestId('detail-customers')).toHaveText(everyone.toLocaleString('en-US'));
  await page.unrouteAll({ behavior: 'wait' });
  await expect(detail.getByTestId('detail-filters')).toContainText('All customers of the segment (no filters)');
  await expect(detail.getByText('Recommended campaign')).toBeVisible();
  for (const label of ['Channel', 'Timing', 'KPI', 'Why']) await expect(detail.locator('dt', { hasText: new RegExp(`^${label}$`) })).toBeVisible();
  for (const chart of ['Category mix', 'Spend in the period (LKR)', 'Visits a month', 'Age', 'Outlets they bought at']) {
    await expect(detail.getByRole('region', { name: chart, exact: true }).getByRole('img', { name: `${chart}, share of`, exact: false })).toBeVisible();
  }
  const exportButton = detail.getByRole('button', { name: 'Export report' });
  // Exporting is e2e/reports.spec.ts's; here the button is there and opens its panel.
  await exportButton.click();
  await expect(detail.getByRole('dialog', { name: 'Export report' })).toBeVisible();
  await detail.getByRole('dialog', { name: 'Export report' }).getByRole('button', { name: 'Close' }).click();

  // The table: count and first rows as SQL gives them (most spend first).
  const table = detail.getByRole('table', { name: `Customers of ${name}` });
  await expect(detail.getByTestId('table-total')).toHaveText(`${everyone.toLocaleString('en-US')} customers`);
  await expect(table).toHaveAttribute('aria-rowcount', String(everyone + 1));
  expect(await shownCodes(table, 8)).toEqual(sqlCodes(app, name, '1', 'coalesce(s.spend, 0) DESC', 8));
  // Only the rows in view are in the page.
  expect(await table.getByTestId('customer-row').count()).toBeLessThan(60);
  await screenshotBothSizes(page, 'segment-detail');
  expect(await seriousViolations(page), 'segment detail').toEqual([]);

  // Sort by age: ascending, then descending; unknown ages last.
  const age = table.getByRole('columnheader', { name: 'Age' });
  await age.getByRole('button').click();
  await expect(age).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('columnheader', { name: 'Spend' })).toHaveAttribute('aria-sort', 'none');
  await expect(async () => expect(await shownCodes(table, 8)).toEqual(sqlCodes(app, name, '1', 'c.age IS NULL, c.age ASC', 8))).toPass({ timeout: 10_000 });
  await age.getByRole('button').click();
  await expect(age).toHaveAttribute('aria-sort', 'descending');
  await expect(async () => expect(await shownCodes(table, 8)).toEqual(sqlCodes(app, name, '1', 'c.age IS NULL, c.age DESC', 8))).toPass({ timeout: 10_000 });

  // The keyboard scrolls the table: End reaches the last row, which is the one SQL puts last.
  await table.focus();
  await page.keyboard.press('End');
  const lastRow = table.locator(`[aria-rowindex="${everyone + 1}"]`);
  await expect(lastRow).toBeVisible();
  const lastSql = sqlCodes(app, name, '1', 'c.age IS NULL, c.age DESC', everyone).at(-1);
  await expect(lastRow.getByRole('cell').first()).toHaveText(lastSql ?? '');
  await page.keyboard.press('Home');
  await expect(table.locator('[aria-rowindex="2"]')).toBeVisible();

  // Search by part of a code.
  const code = (await shownCodes(table, 3))[2] ?? '';
  const search = detail.getByRole('searchbox', { name: 'Search customers by code' });
  await search.fill(code.toLowerCase());
  await expect(detail.getByTestId('table-total')).toHaveText(`1 customer whose code contains “${code.toLowerCase()}”`);
  expect(await shownCodes(table, 1)).toEqual([code]);
  const part = code.slice(-3, -1);
  await search.fill(part);
  const withPart = sqlCount(app, name, `c.code LIKE '%${part}%'`);
  await expect(detail.getByTestId('table-total')).toHaveText(`${withPart.toLocaleString('en-US')} ${withPart === 1 ? 'customer' : 'customers'} whose code contains “${part}”`);
  await search.fill('');

  // A filter in the bar above applies to the detail at once.
  await page.getByRole('form', { name: 'Filters' }).getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
  const luxury = sqlCount(app, name, 's.luxury > 0');
  expect(luxury).toBeLessThan(everyone);
  await expect(detail.getByTestId('detail-filters')).toContainText('Filters applied: Bought luxury');
  await expect(detail.getByTestId('detail-customers')).toHaveText(luxury.toLocaleString('en-US'));
  await expect(detail.getByTestId('table-total')).toHaveText(`${luxury.toLocaleString('en-US')} customers`);
  await expect(async () => expect(await shownCodes(table, 5)).toEqual(sqlCodes(app, name, 's.luxury > 0', 'c.age IS NULL, c.age DESC', 5))).toPass({ timeout: 10_000 });

  // Back: the cards again, focus on the card the detail was opened from, the filter still applied.
  await detail.getByRole('button', { name: 'Back to segments' }).click();
  await expect(page.getByRole('button', { name: `View details: ${name}` })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Remove filter: Bought luxury' })).toBeVisible();

  // From a chart bar: the first bar is the largest segment under the filter, the first card.
  const firstName = (await cards.first().getByRole('heading').textContent()) ?? '';
  const chart = page.getByRole('img', { name: /Customers per segment/ });
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart has no box');
  const bars = await cards.count();
  // Within the first bar's row, halfway across: the plot area is most of the canvas's height, the axis below it.
  await chart.click({ position: { x: box.width * 0.5, y: ((box.height - 30) / bars) * 0.5 + 4 } });
  const fromChart = page.getByRole('region', { name: firstName });
  await expect(fromChart.getByRole('heading', { level: 3, name: firstName })).toBeVisible();
  await expect(fromChart.getByTestId('detail-customers')).toHaveText(sqlCount(app, firstName, 's.luxury > 0').toLocaleString('en-US'));
  await screenshotBothSizes(page, 'segment-detail-from-chart');
});

test('a failed read shows an error with Retry, and Retry reads again', async ({ page, app }) => {
  await openApp(page, app);
  const cards = page.getByTestId('segment-card');
  await expect(cards.first()).toBeVisible({ timeout: 90_000 });
  const name = (await cards.first().getByRole('heading').textContent()) ?? '';
  await page.route('**/api/call/getSegmentDetail', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { kind: 'io', message: 'The app is not answering. Check that it is still running, then try again.' } }) }),
  );
  // By keyboard: the card's button.
  await cards.first().getByRole('button', { name: `View details: ${name}` }).focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name });
  await expect(detail.getByRole('alert')).toContainText('The app is not answering');
  await screenshotBothSizes(page, 'segment-detail-error');
  await page.unroute('**/api/call/getSegmentDetail');
  await detail.getByRole('button', { name: 'Retry' }).click();
  await expect(detail.getByTestId('detail-customers')).toHaveText(sqlCount(app, name).toLocaleString('en-US'));
});
