import { expect, test, openApp, seriousViolations } from './fixtures';

test.use({ bridgeArgs: ['--demo-customers', '2000'] });

test('every screen passes axe-core with no serious or critical violations', async ({ page, app }) => {
  await openApp(page, app);
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden({ timeout: 60_000 });
  const segments = page.getByRole('region', { name: 'Customer segments' });
  await expect(segments.getByRole('button', { name: 'Find segments' })).toBeVisible();
  expect(await seriousViolations(page), 'Customer Segmentation, no segments yet').toEqual([]);

  await segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(page.getByTestId('segment-card').first()).toBeVisible({ timeout: 60_000 });
  expect(await seriousViolations(page), 'Customer Segmentation, segments').toEqual([]);
  // The filter bar with every kind of control open: a date range, a spend range, the outlet list.
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByRole('combobox', { name: 'Last purchase' }).selectOption('range');
  await filters.getByLabel('Last purchase from').fill('2026-05-01');
  await filters.getByLabel('Last purchase to').fill('2026-10-31');
  await filters.getByLabel('Spend from').fill('5000');
  await filters.getByRole('button', { name: /Outlets/ }).click();
  await expect(filters.getByRole('group', { name: 'Choose outlets' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Remove filter: Spend from/ })).toBeVisible();
  expect(await seriousViolations(page), 'Customer Segmentation, filters open').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await filters.getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'RFM' }).click();
  await expect(page.getByTestId('rfm-card')).toHaveCount(10);
  expect(await seriousViolations(page), 'Customer Segmentation, RFM with a filter').toEqual([]);
  expect(app.query<number>('SELECT count(*) FROM model_versions')).toBe(1);

  const menu = page.getByRole('navigation', { name: 'Main menu' });
  for (const screen of ['Import Data', 'Reports History', 'Settings']) {
    await menu.getByRole('button', { name: screen }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
    expect(await seriousViolations(page), screen).toEqual([]);
  }
});
