import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import Sqlite from 'better-sqlite3';

export interface RunningApp {
  url: string;
  databasePath: string;
  /** Runs one read-only query on the app's database file, as a second opinion. */
  query<T = unknown>(sql: string): T;
}

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
      const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, '..', 'out', 'main', 'bridge.js'), '--db', databasePath, ...bridgeArgs], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`The bridge did not start:\n${out}\n${stderr}`)), 20_000);
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`The bridge exited with ${code}:\n${out}\n${stderr}`)));
      });
      fs.mkdirSync(screenshotDir, { recursive: true });
      await use({
        url,
        databasePath,
        query<T>(sql: string): T {
          const db = new Sqlite(databasePath, { readonly: true });
          try {
            return db.prepare(sql).pluck().get() as T;
          } finally {
            db.close();
          }
        },
      });
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

/** Opens the app in the page, the way every test starts. */
export async function openApp(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url);
}

export { expect } from '@playwright/test';
