import type { Page } from '@playwright/test';
import { expect, openApp, screenshotBothSizes, test } from './fixtures';

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
  await screenshotBothSizes(page, 'segments-none');

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
  await screenshotBothSizes(page, 'segments');

  // The cards keep the order of the segments' sizes before any filter, which is where they start.
  const order = [...(await cardCounts(page)).keys()];
  expect(order).toEqual(
    [...(await cardCounts(page)).entries()].sort((x, y) => y[1] - x[1]).map(([name]) => name),
  );
  // The tiles are these customers' figures.
  const tile = (id: string) => page.getByTestId(id).locator('.kpi-value');
  const sqlTotal = (where = '1') =>
    app.query<number>(`SELECT round(total(s.spend)) FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE ${where}`);
  expect(digits(await tile('kpi-customers').textContent())).toBe(app.query<number>('SELECT count(*) FROM customer_segments'));
  expect(digits(await tile('kpi-sales').getAttribute('title'))).toBe(sqlTotal());
  await expect(page.getByTestId('outlet-sales-scope')).toContainText('All customers and all sales, filters not applied');

  /** Waits until every card, and the customers tile, equal a direct count under `where`. */
  const expectCards = async (where: string) => {
    await expect(async () => {
      const counts = await cardCounts(page);
      expect([...counts.keys()], 'the cards keep their places').toEqual(order);
      let sum = 0;
      for (const [name, count] of counts) {
        expect(count, name).toBe(sqlCount(name, where));
        sum += count;
      }
      expect(sum, 'someone matches').toBeGreaterThan(0);
      expect(digits(await tile('kpi-customers').textContent()), 'customers tile').toBe(sum);
      expect(digits(await tile('kpi-sales').getAttribute('title')), 'spend tile').toBe(sqlTotal(where));
    }).toPass({ timeout: 10_000 });
  };

  // No flicker: from here to the outlets, whatever the filters do, the cards and tiles never leave the screen while new numbers come.
  // (Written as text: this file is type-checked without the DOM's types.)
  await page.evaluate(`
    window.figuresLeft = false;
    window.figuresWatch = new MutationObserver(() => {
      if (document.querySelectorAll('[data-testid="segment-card"]').length === 0 || !document.querySelector('[data-testid="kpi-customers"]')) window.figuresLeft = true;
    });
    window.figuresWatch.observe(document.body, { childList: true, subtree: true });
  `);

  // Age 30 to 45 on the slider, by keyboard, and bought luxury.
  const filters = page.getByRole('form', { name: 'Filters' });
  const youngest = filters.getByRole('slider', { name: 'Youngest age' });
  const oldest = filters.getByRole('slider', { name: 'Oldest age' });
  const [ageMin, ageMax] = [app.query<number>('SELECT min(age) FROM customers'), app.query<number>('SELECT max(age) FROM customers')];
  await expect(youngest).toHaveValue(String(ageMin));
  await expect(oldest).toHaveValue(String(ageMax));
  await youngest.focus();
  for (let age = ageMin; age < 30; age++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await expect(oldest).toBeFocused();
  for (let age = ageMax; age > 45; age--) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('age-range-value')).toHaveText('30–45');
  await filters.getByRole('combobox', { name: 'Bought in' }).selectOption('luxury');
  await expect(page.getByRole('button', { name: 'Remove filter: Bought luxury' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove filter: Age 30–45' })).toBeVisible();
  await expectCards('c.age BETWEEN 30 AND 45 AND s.luxury > 0');
  // The traits speak of these customers: a median age, where a card gives one, now lies within 30–45.
  await expect(async () => {
    const ages = (await page.getByTestId('segment-card').locator('li').allTextContents()).flatMap((t) => {
      const m = /is (\d+) years old on median/i.exec(t);
      return m ? [Number(m[1])] : [];
    });
    expect(ages.length).toBeGreaterThan(0);
    for (const age of ages) {
      expect(age).toBeGreaterThanOrEqual(30);
      expect(age).toBeLessThanOrEqual(45);
    }
  }).toPass({ timeout: 10_000 });
  await screenshotBothSizes(page, 'segments-filtered');

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
  const recentInKandyOrGalle = `c.age BETWEEN 30 AND 45 AND s.luxury > 0 AND s.last_day >= ${lastDay - 7} AND (',' || s.outlets || ',' LIKE '%,${kandy},%' OR ',' || s.outlets || ',' LIKE '%,${galle},%')`;
  await expectCards(recentInKandyOrGalle);
  // Every outlet these customers bought at, Kandy and Galle among them.
  const outletsUsed = app.query<number>(
    `SELECT count(DISTINCT o.value) FROM customer_segments s JOIN customers c ON c.id = s.customer_id, json_each('[' || s.outlets || ']') o WHERE ${recentInKandyOrGalle}`,
  );
  expect(outletsUsed).toBeGreaterThanOrEqual(2);
  await expect(tile('kpi-outlets')).toHaveText(String(outletsUsed));
  await screenshotBothSizes(page, 'segments-outlets');
  expect(await page.evaluate('window.figuresWatch.disconnect(), window.figuresLeft'), 'the figures stayed on screen while filtering').toBe(false);

  // Chips take filters off one by one; the slider goes back to the ends.
  await page.getByRole('button', { name: 'Remove filter: Age 30–45' }).click();
  await expect(youngest).toHaveValue(String(ageMin));
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Active filters' })).toBeHidden();

  // Last purchase between two dates, mostly buys dry, and a spend range.
  await filters.getByRole('combobox', { name: 'Last purchase' }).selectOption('range');
  await filters.getByLabel('Last purchase from').fill('2026-08-01');
  await filters.getByLabel('Last purchase to').fill('2026-09-30');
  await expect(page.getByRole('button', { name: 'Remove filter: Last purchase 1 Aug 2026 – 30 Sept 2026' })).toBeVisible();
  const day = (iso: string) => `CAST(julianday('${iso}') - 2440587.5 AS INTEGER)`;
  const between = `s.last_day BETWEEN ${day('2026-08-01')} AND ${day('2026-09-30')}`;
  await expectCards(between);
  await filters.getByRole('combobox', { name: 'Mostly buys' }).selectOption('dry');
  await expect(page.getByRole('button', { name: 'Remove filter: Mostly buys dry' })).toBeVisible();
  const mostlyDry = 's.dry > 0 AND s.dry > s.fresh AND s.dry >= s.luxury';
  await expectCards(`${between} AND ${mostlyDry}`);
  await filters.getByLabel('Spend from').fill('20000');
  await filters.getByLabel('Spend to').fill('90000');
  await expect(page.getByRole('button', { name: /^Remove filter: Spend LKR\s20,000 – LKR\s90,000$/ })).toBeVisible();
  await expectCards(`${between} AND ${mostlyDry} AND s.spend BETWEEN 20000 AND 90000`);
  await screenshotBothSizes(page, 'segments-dates-spend');
  // A range the wrong way round is not applied, and says so.
  await filters.getByLabel('Spend to').fill('10000');
  await expect(filters.getByText('The lowest spend is above the highest.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Remove filter: Spend/ })).toBeHidden();
  await expectCards(`${between} AND ${mostlyDry}`);

  // Nobody spends a billion rupees: the empty state, then Reset brings everyone back.
  await filters.getByLabel('Spend to').fill('');
  await filters.getByLabel('Spend from').fill('1000000000');
  await expect(page.getByText('No matching customers found. Try adjusting filters.')).toBeVisible();
  await screenshotBothSizes(page, 'segments-empty');
  await page.getByRole('button', { name: 'Reset filters' }).click();
  await expect(page.getByTestId('segment-card')).toHaveCount(k);
  await expect(filters.getByLabel('Spend from')).toHaveValue('');
  await expect(filters.getByRole('combobox', { name: 'Last purchase' })).toHaveValue('');
  await expect(async () => {
    for (const [name, count] of await cardCounts(page)) expect(count, name).toBe(sqlCount(name));
  }).toPass({ timeout: 10_000 });
  // Gender, where the data has it.
  await filters.getByRole('combobox', { name: 'Gender' }).selectOption('F');
  await expect(page.getByRole('button', { name: 'Remove filter: Women' })).toBeVisible();
  await expectCards("c.gender = 'F'");
  await page.getByRole('button', { name: 'Remove filter: Women' }).click();
  await expect(async () => {
    for (const [name, count] of await cardCounts(page)) expect(count, name).toBe(sqlCount(name));
  }).toPass({ timeout: 10_000 });

  // The RFM lens: the ten standard groups, under the same filters, equal to a direct count.
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
  await screenshotBothSizes(page, 'segments-rfm');
});
