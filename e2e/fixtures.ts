import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, type Page } from '@playwright/test';
import Sqlite from 'better-sqlite3';
import { startBridgeProcess } from '../src/main/testing/bridgeProcess';

export interface RunningApp {
  url: string;
  databasePath: string;
  /** Runs one read-only query on the app's database file, as a second opinion. */
  query<T = unknown>(sql: string): T;
  /** Makes one call through the bridge's HTTP door, as the page would; answers the envelope. */
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }>;
}

export const admin = { displayName: 'Nimali Perera', username: 'nimali', password: 'Kandy-2026-lead' } as const;
export const testPassword = 'Galle-fort-1663';

export const screenshotDir = path.join(__dirname, 'screenshots');

/**
 * Starts the browser bridge on a fresh temporary database, once per worker.
 * A file that sets other `bridgeArgs` (`test.use`) gets a bridge of its own.
 */
export const test = base.extend<object, { app: RunningApp; bridgeArgs: string[] }>({
  bridgeArgs: [[], { scope: 'worker', option: true }],
  app: [
    async ({ bridgeArgs }, use) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-e2e-'));
      const databasePath = path.join(dir, 'octave.sqlite');
      const bridge = await startBridgeProcess(databasePath, bridgeArgs);
      fs.mkdirSync(screenshotDir, { recursive: true });
      await use({
        url: bridge.url.href,
        databasePath,
        call: (name, input) => bridge.call(name, input),
        query<T>(sql: string): T {
          const db = new Sqlite(databasePath, { readonly: true });
          try {
            return db.prepare(sql).pluck().get() as T;
          } finally {
            db.close();
          }
        },
      });
      await bridge.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

async function must(app: RunningApp, name: string, input?: unknown): Promise<unknown> {
  const answer = await app.call(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error?.kind}: ${answer.error?.message}`);
  return answer.value;
}

/**
 * Opens the app in the page signed in as `role`: the administrator made on
 * first start, or a colleague that administrator added. (Signing in through
 * the screens is what e2e/auth.spec.ts tests; the others start signed in.)
 */
export async function openApp(page: Page, app: RunningApp, role: 'administrator' | 'marketingLead' | 'marketingExecutive' = 'administrator'): Promise<void> {
  const state = (await must(app, 'getAuthState')) as { needsSetup: boolean };
  if (state.needsSetup) await must(app, 'createFirstAdministrator', { displayName: admin.displayName, username: admin.username, password: admin.password });
  else await must(app, 'signIn', { username: admin.username, password: admin.password });
  if (role !== 'administrator') {
    const username = `e2e-${role}`;
    const { users } = (await must(app, 'listUsers')) as { users: { username: string }[] };
    if (!users.some((u) => u.username === username)) await must(app, 'addUser', { displayName: role === 'marketingLead' ? 'Kasun Silva' : 'Dilani Fernando', username, role, password: testPassword });
    await must(app, 'signIn', { username, password: testPassword });
  }
  await page.goto(app.url);
}

/** Serious and critical findings of axe-core on what is on screen now, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Saves what the page shows at the common laptop size and at full HD (full page), then goes back to the laptop size. */
export async function screenshotBothSizes(page: Page, name: string): Promise<void> {
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

export { expect } from '@playwright/test';
