import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../shared/csp';
import type { AppEvent } from '../../../shared/contracts';
import { createAppContext } from '../../composition/compose';
import { type AppContext } from '../../app/context';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { builtWorker, tempDir } from '../../testing/temp';
import { bridgeFileRoutes } from './files';
import { signInAs } from '../../testing/accounts';
import { startBridge, type Bridge } from './server';

let tmp: ReturnType<typeof tempDir>;
let ctx: AppContext;
let bridge: Bridge;

beforeEach(async () => {
  tmp = tempDir();
  fs.mkdirSync(tmp.file('static/assets'), { recursive: true });
  fs.writeFileSync(tmp.file('static/index.html'), '<!doctype html><title>Octave</title>');
  fs.writeFileSync(tmp.file('static/assets/app.js'), 'console.log(1)');
  fs.writeFileSync(tmp.file('secret.txt'), 'not for the browser');
  ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: 'test', workerFile: builtWorker });
  await signInAs(ctx);
  bridge = await startBridge({
    dispatch: appDispatch(ctx, silentLogger),
    subscribe: (l) => ctx.subscribe(l),
    staticDir: tmp.file('static'),
    log: silentLogger,
    ...bridgeFileRoutes(ctx),
  });
});
afterEach(async () => {
  await bridge.close();
  await ctx.close();
  tmp.remove();
});

const call = (name: string, body: unknown, token: string | null, extra: Record<string, string> = {}) =>
  fetch(`${bridge.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser bridge', () => {
  it('listens on loopback only and hands out the token in the address fragment', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the same handler table to a caller with the token', async () => {
    const res = await call('getAppStatus', {}, bridge.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { version: 'test', demo: 'none' } });
    const invalid = await call('loadDemoData', { customers: -1 }, bridge.token);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const garbage = await call('getAppStatus', '{not json', bridge.token);
    expect(await garbage.json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('refuses calls without the right token, from another origin, or to another host name', async () => {
    expect((await call('getAppStatus', {}, null)).status).toBe(401);
    expect((await call('getAppStatus', {}, 'guess')).status).toBe(401);
    expect((await call('getAppStatus', {}, bridge.token, { Origin: 'https://evil.example' })).status).toBe(403);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = http.request(`${bridge.origin}/`, { headers: { Host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the renderer with the strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)/);
    expect((await fetch(`${bridge.origin}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${bridge.origin}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${bridge.origin}/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('streams job progress and the end of the job to the page', async () => {
    const controller = new AbortController();
    const res = await fetch(`${bridge.origin}/api/events`, {
      headers: { Authorization: `Bearer ${bridge.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events: AppEvent[] = [];
    const reading = (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (const frame of buffer.split('\n\n').slice(0, -1)) {
          if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as AppEvent);
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
        if (events.some((e) => e.type === 'dataChanged')) return;
      }
    })();
    await call('loadDemoData', { customers: 600 }, bridge.token);
    await reading;
    controller.abort();
    const jobs = events.flatMap((e) => (e.type === 'job' ? [e.job] : []));
    expect(jobs.some((j) => j.status === 'running' && j.total === 600)).toBe(true);
    expect(jobs.at(-1)?.status).toBe('succeeded');
  });

  it('takes an uploaded file (with the token only) and hands back an id, never a path', async () => {
    const upload = (token: string | null) =>
      fetch(`${bridge.origin}/api/upload?name=${encodeURIComponent('../../März sales.csv')}`, {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body: 'Date,Amount\n2026-01-01,10\n',
      });
    expect((await upload(null)).status).toBe(401);
    const answer = (await (await upload(bridge.token)).json()) as { ok: true; value: { fileId: string; name: string; size: number } };
    expect(answer).toMatchObject({ ok: true, value: { name: 'März sales.csv', size: 26 } });
    expect(JSON.stringify(answer)).not.toContain(tmp.dir);
    const check = await call('startImportCheck', { fileId: answer.value.fileId }, bridge.token);
    expect(await check.json()).toMatchObject({ ok: true });
    // The token opens the door; the signed-in user's role decides what is behind it.
    ctx.auth.signOut();
    expect(await (await upload(bridge.token)).json()).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect((await fetch(`${bridge.origin}/api/download/import-report/1`, { headers: { Authorization: `Bearer ${bridge.token}` } })).status).toBe(403);
  });

  it('downloads an import report as CSV, and answers 404 for anything else', async () => {
    const download = (what: string, token: string | null = bridge.token) =>
      fetch(`${bridge.origin}/api/download/${what}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    expect((await download('import-report/1', null)).status).toBe(401);
    expect((await download('import-report/1')).status).toBe(404);
    expect((await download('..%2f..%2fsecret.txt')).status).toBe(404);
    const db = ctx.connection.sqlite;
    db.prepare(`INSERT INTO imports (id, kind, source_name, started_at, finished_at, summary) VALUES (1, 'file', 'till.csv', '', '', '{"rejected":1}')`).run();
    db.prepare(`INSERT INTO import_errors (import_id, row_number, column_name, value, reason) VALUES (1, 7, 'Amount', '1,5', 'Amount is not a number')`).run();
    const res = await download('import-report/1');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''till%20-%20rejected%20rows.csv`);
    // Bytes, not text(): fetch's decoder would drop the BOM that tells Excel this is UTF-8.
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('\uFEFFRow,Column,Value,Reason\r\n7,Amount,"1,5",Amount is not a number\r\n');
  });
});
