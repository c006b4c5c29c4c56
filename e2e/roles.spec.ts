import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, openApp, screenshotBothSizes, test, type RunningApp } from './fixtures';

test.describe.configure({ mode: 'serial' });
test.use({ bridgeArgs: ['--demo-customers', '600'] });

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-roles-'));
test.afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function value<T>(app: RunningApp, name: string, input?: unknown): Promise<T> {
  const answer = await app.call(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.message}`);
  return answer.value as T;
}

async function finished(app: RunningApp, jobId: string): Promise<void> {
  await expect.poll(async () => (await value<{ status: string }>(app, 'getJob', { jobId })).status, { timeout: 90_000 }).toBe('succeeded');
}

async function exportSegment(app: RunningApp, modelId: number, segment: number): Promise<void> {
  const started = await value<{ status: string; jobId: string }>(app, 'startReportExport', { params: { modelId, segment, format: 'pdf', rows: { top: 20 } }, whenExists: 'newVersion' });
  await finished(app, started.jobId);
}

test('a Marketing Executive deletes only their own reports, sees the reports folder read-only, and the refusal is in the audit log', async ({ page, app }) => {
  await openApp(page, app);
  await expect(page.getByRole('region', { name: 'Loading demo data' })).toBeHidden({ timeout: 60_000 });
  expect(await app.call('setReportsFolder', { folder })).toMatchObject({ ok: true });
  const { jobId } = await value<{ jobId: string }>(app, 'startSegmentation', { k: 3 });
  await finished(app, jobId);
  const { versions } = await value<{ versions: { id: number; active: boolean }[] }>(app, 'listModelVersions');
  const modelId = versions.find((v) => v.active)!.id;
  await exportSegment(app, modelId, 0);

  await openApp(page, app, 'marketingExecutive');
  await exportSegment(app, modelId, 1);
  // Asked behind the window's back: refused, whatever the screen shows.
  expect(await app.call('setReportsFolder', { folder: os.tmpdir() })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  await page.getByRole('button', { name: 'Reports History' }).click();
  const rows = page.getByTestId('report-row');
  await expect(rows).toHaveCount(2);
  const mine = rows.filter({ hasText: 'Dilani Fernando' });
  const theirs = rows.filter({ hasText: 'Nimali Perera' });
  await expect(mine.getByRole('button', { name: 'Delete' })).toBeEnabled();
  await expect(theirs.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(theirs.getByRole('button', { name: 'Delete' })).toHaveAttribute('title', 'Only the person who made this report, or an administrator, can delete or overwrite it.');
  await screenshotBothSizes(page, 'roles-history-executive');
  await mine.getByRole('button', { name: 'Delete' }).click();
  await mine.getByRole('button', { name: 'Delete entry and file' }).click();
  await expect(rows).toHaveCount(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Reports folder' });
  await expect(card.getByRole('textbox', { name: 'Folder' })).toHaveValue(folder);
  await expect(card.getByRole('textbox', { name: 'Folder' })).toHaveAttribute('readonly', '');
  await expect(card.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(card).toContainText('only an administrator can change it');
  await screenshotBothSizes(page, 'roles-settings-executive');

  await openApp(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const audit = page.getByRole('region', { name: 'Audit log' });
  // (The window the executive took over may have asked for administrators' lists too: refusals of their own.)
  const refused = audit
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Refused', exact: true }) })
    .filter({ hasText: 'setReportsFolder: needs permission settings' });
  await expect(refused).toHaveCount(1);
  await expect(refused.getByRole('cell', { name: 'e2e-marketingExecutive', exact: true })).toBeVisible();
  await refused.scrollIntoViewIfNeeded();
  await screenshotBothSizes(page, 'roles-audit-administrator');
});
