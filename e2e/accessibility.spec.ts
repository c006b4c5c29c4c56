import { seriousViolations } from './axe';
import { expect, test, openApp } from './fixtures';

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
  await page.getByRole('form', { name: 'Filters' }).getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
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
