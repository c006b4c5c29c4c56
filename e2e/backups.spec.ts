import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { test as base, type Page } from '@playwright/test';
import { startBridgeProcess as startBridge, type BridgeProcess as Bridge } from '../src/main/testing/bridgeProcess';
import { admin, expect, screenshotBothSizes, screenshotDir, seriousViolations, testPassword } from './fixtures';
import { damageSalesLines } from '../src/main/testing/damage';

// A damaged data file between two runs of the app: the message, the restore path, and the backed-up data back on the dashboard.
const test = base;
test.describe.configure({ mode: 'serial' });

async function must(bridge: Bridge, name: string, input?: unknown): Promise<unknown> {
  const answer = await bridge.call(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.kind}: ${answer.error?.message}`);
  return answer.value;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-backups-'));
const databasePath = path.join(dir, 'octave.sqlite');
let bridge: Bridge | null = null;
test.afterAll(async () => {
  await bridge?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page, b: Bridge): Promise<void> {
  await page.goto(b.url.href);
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
}

test('a damaged data file is reported at the next start, and restoring the latest backup brings the backed-up data back', async ({ page }) => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  bridge = await startBridge(databasePath, ['--demo-customers', '2000']);
  await must(bridge, 'createFirstAdministrator', { displayName: admin.displayName, username: admin.username, password: admin.password });
  await expect.poll(async () => ((await must(bridge!, 'getAppStatus')) as { demo: string }).demo, { timeout: 90_000 }).toBe('loaded');
  await open(page, bridge);
  await expect(page.getByTestId('kpi-customers')).toContainText('2,000');

  // Settings → Backups: one made on request.
  await page.getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Backups' });
  await expect(card).toContainText('No backups yet.');
  await card.getByRole('button', { name: 'Make a backup now' }).click();
  await expect(card.getByRole('status')).toHaveText('A backup of all data was made; it is listed below.');
  await expect(card.getByRole('table', { name: 'Backups' }).getByRole('row')).toHaveCount(2);
  await expect(card).toContainText('Made from Settings');
  // Asked again with nothing changed: no second copy of the same data to push an older backup out.
  await card.getByRole('button', { name: 'Make a backup now' }).click();
  await expect(card.getByRole('status')).toHaveText(/^Your data has not changed since the latest backup \(\d{1,2} \w{3} \d{4}, \d{2}:\d{2}\), so no new one was needed\.$/);
  await expect(card.getByRole('table', { name: 'Backups' }).getByRole('row')).toHaveCount(2);
  await card.scrollIntoViewIfNeeded();
  await screenshotBothSizes(page, 'backups-card');
  await card.getByRole('button', { name: 'Restore' }).click();
  await expect(card.getByRole('group', { name: 'Confirm the restore' })).toContainText(/^Replace all current data with the backup of \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\?/);
  await card.screenshot({ path: path.join(screenshotDir, 'backups-card-confirm.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await card.getByRole('button', { name: 'Cancel' }).click();

  const colleague = { displayName: 'Dilani Fernando', username: 'dilani', role: 'marketingExecutive', password: testPassword };
  await must(bridge, 'addUser', colleague);
  // A change after the backup, which the restore will undo: amounts in US dollars.
  await must(bridge, 'setCurrency', { currency: 'USD' });
  await page.getByRole('button', { name: 'Customer Segmentation' }).click();
  await page.reload();
  await expect(page.getByTestId('kpi-fresh')).toContainText('USD');

  // The app stops; the file is damaged on disk; the app starts again on it.
  await bridge.stop();
  bridge = null;
  damageSalesLines(databasePath);
  bridge = await startBridge(databasePath, ['--no-demo']);
  // A marketing colleague sees the damage too, and is told who can act on it.
  await must(bridge, 'signIn', { username: colleague.username, password: colleague.password });
  await open(page, bridge);
  const told = page.getByRole('alert').filter({ hasText: 'Your data file is damaged' });
  await expect(told).toContainText('Ask an administrator to restore the latest good backup');
  await expect(told.getByRole('button')).toHaveCount(0);
  await told.screenshot({ path: path.join(screenshotDir, 'damaged-file-colleague.png') });
  expect((await bridge.call('restoreBackup', { name: (await fs.promises.readdir(path.join(dir, 'backups')))[0] })).error?.kind).toBe('forbidden');

  await must(bridge, 'signIn', { username: admin.username, password: admin.password });
  await open(page, bridge);
  const notice = page.getByRole('alert').filter({ hasText: 'Your data file is damaged' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(
    /Your data file is damaged, so Octave Segments has stopped saving changes to it\. You can restore the latest good backup \(\d{1,2} \w{3} \d{4}, \d{2}:\d{2}\) or save what can still be read to a new file\./,
  );
  // Writes are refused with the same words; reading goes on.
  const refused = await bridge.call('setCurrency', { currency: 'EUR' });
  expect(refused.error?.kind).toBe('damaged');
  // What can still be read is still shown.
  await expect(page.getByTestId('kpi-customers')).toContainText('2,000');
  await screenshotBothSizes(page, 'damaged-file');
  expect(await seriousViolations(page)).toEqual([]);

  await notice.getByRole('button', { name: 'Restore the latest good backup' }).click();
  await expect(notice).toContainText(/Replace all current data with the backup of/);
  await notice.getByRole('button', { name: 'Yes, restore it' }).click();
  await expect(notice).toBeHidden({ timeout: 30_000 });

  // The dashboard shows the backed-up data: the 2,000 customers, in rupees again.
  await expect(page.getByTestId('kpi-customers')).toContainText('2,000');
  await expect(page.getByTestId('kpi-fresh')).toContainText('LKR');
  const db = new Sqlite(databasePath, { readonly: true });
  expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2000);
  expect(db.prepare("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get()).toBe('backupRestored');
  db.close();
  await page.screenshot({ path: path.join(screenshotDir, 'after-restore-1366.png'), fullPage: true });
  expect(await bridge.call('setCurrency', { currency: 'LKR' })).toMatchObject({ ok: true });
});
