import { expect, openApp, screenshotDir, test } from './fixtures';
import path from 'node:path';

test.use({ bridgeArgs: ['--no-demo'] });

// issue 15, names: a name with an invisible character is refused in one plain sentence, shown under its field.
test('an outlet name with a right-to-left override is refused under the field, in plain words', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Settings' }).click();
  const field = page.getByRole('textbox', { name: 'New outlet: name' });
  await field.fill('Kandy\u202Eweiv');
  const sentence = 'The outlet name contains an invisible control character (U+202E, right-to-left override). Type the outlet name again without it.';
  await expect(page.getByRole('alert').filter({ hasText: sentence })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Add outlet' })).toBeDisabled();
  await page.getByRole('region', { name: 'Outlets' }).screenshot({ path: path.join(screenshotDir, 'names-outlet-refused.png') });

  // The backend says the same, without "Invalid request addOutlet: ...", to any caller.
  expect(await app.call('addOutlet', { name: 'Kandy\u0000', city: '', province: '' })).toEqual({
    ok: false,
    error: { kind: 'validation', message: 'The outlet name contains an invisible control character (U+0000, null character). Type the outlet name again without it.' },
  });

  await field.fill('Kandy Lake');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Add outlet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Kandy Lake.' })).toBeVisible();
});
