import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, openApp, screenshotBothSizes, test } from './fixtures';

// A database of its own holding only a warehouse's customer-level sales: totals per customer, no dates, ages or genders.
test.use({ bridgeArgs: ['--no-demo'] });

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-support-'));
test.afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('filters the data cannot support are switched off and say why; the others still work', async ({ page, app }) => {
  const outlets = ['Kandy', 'Galle', 'Colombo', 'Jaffna'];
  const lines = ['Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend,Visits'];
  for (let i = 1; i <= 160; i++) {
    lines.push(`W${i},${outlets[i % 4]},${((i * 37) % 900) * 10},${((i * 53) % 700) * 10 + 100},${i % 3 === 0 ? 0 : ((i * 71) % 400) * 10},${(i % 12) + 1}`);
  }
  const file = path.join(workDir, 'warehouse totals.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);

  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Import Data' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByLabel('This file holds')).toHaveValue('customerSpend');
  await page.getByRole('button', { name: 'Next: outlets and categories' }).click();
  await page.getByRole('button', { name: 'Import 160 rows' }).click();
  await expect(page.getByRole('heading', { name: 'Imported warehouse totals.csv' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Customer Segmentation' }).click();
  await page.getByRole('region', { name: 'Customer segments' }).getByRole('button', { name: 'Find segments' }).click();
  await expect(page.getByTestId('segment-card').first()).toBeVisible({ timeout: 90_000 });

  // No ages, no purchase dates, no genders: those filters are off, each saying why in a tooltip and to screen readers.
  const filters = page.getByRole('form', { name: 'Filters' });
  for (const slider of ['Youngest age', 'Oldest age']) {
    await expect(filters.getByRole('slider', { name: slider })).toBeDisabled();
    await expect(filters.getByRole('slider', { name: slider })).toHaveAccessibleDescription(/Your data has no customer ages/);
  }
  await expect(filters.getByRole('group', { name: 'Age' })).toHaveAttribute('title', /no customer ages, so customers cannot be filtered by age/);
  const lastPurchase = filters.getByRole('combobox', { name: 'Last purchase' });
  await expect(lastPurchase).toBeDisabled();
  await expect(lastPurchase).toHaveAccessibleDescription(/no purchase dates \(a customer-level import gives totals only\)/);
  await expect(filters.getByRole('group', { name: 'Last purchase' })).toHaveAttribute('title', /no purchase dates/);
  const gender = filters.getByRole('combobox', { name: 'Gender' });
  await expect(gender).toBeDisabled();
  await expect(gender).toHaveAccessibleDescription(/no customer genders/);
  await expect(filters.getByText('Not in your data')).toHaveCount(3);
  await screenshotBothSizes(page, 'segments-customer-level');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // What the data has still filters: the outlet of each row, what customers mostly buy, their spend.
  const sqlCount = (where: string) =>
    app.query<number>(`SELECT count(*) FROM customer_segments s JOIN customer_spend w ON w.customer_id = s.customer_id WHERE ${where}`);
  const shown = async () => {
    let sum = 0;
    for (const card of await page.getByTestId('segment-card').all()) sum += digits(await card.getByTestId('segment-customers').textContent());
    return sum;
  };
  await filters.getByRole('button', { name: /Outlets/ }).click();
  await filters.getByRole('group', { name: 'Choose outlets' }).getByRole('checkbox', { name: 'Kandy' }).check();
  await page.keyboard.press('Escape');
  await expect(filters.getByRole('group', { name: 'Choose outlets' })).toBeHidden();
  await expect(filters.getByRole('button', { name: /Outlets/ })).toBeFocused();
  const kandy = app.query<number>("SELECT id FROM outlets WHERE name = 'Kandy'");
  await expect.poll(shown).toBe(sqlCount(`w.outlet_id = ${kandy}`));
  expect(sqlCount(`w.outlet_id = ${kandy}`)).toBe(40);
  await filters.getByRole('combobox', { name: 'Mostly buys' }).selectOption('fresh');
  await filters.getByLabel('Spend from').fill('5000');
  const where = `w.outlet_id = ${kandy} AND w.fresh_cents > 0 AND w.fresh_cents >= w.dry_cents AND w.fresh_cents >= w.luxury_cents AND s.spend >= 5000`;
  expect(sqlCount(where)).toBeGreaterThan(0);
  await expect.poll(shown).toBe(sqlCount(where));
});
