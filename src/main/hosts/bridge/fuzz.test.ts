import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../composition/compose';
import { type AppContext } from '../../app/context';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger, type Logger } from '../../platform/log';
import { signInAs } from '../../testing/accounts';
import { startBridgeProcess, type BridgeProcess } from '../../testing/bridgeProcess';
import { rawRequest, requestHead, type RawAnswer } from '../../testing/rawHttp';
import { builtBridge, builtWorker, tempDir } from '../../testing/temp';
import { bridgeFileRoutes } from './files';
import { startBridge, type Bridge } from './server';

/**
 * Requests that once stopped the bridge (issue 15), sent as raw bytes, and a
 * seeded fuzz of targets and of bodies cut off midway. The bridge must answer
 * each one or drop it, and go on serving.
 */

interface Nasty {
  what: string;
  bytes: string;
  /** The answer expected; null when the client leaves before any answer can come. */
  status: number | null;
  abortAfter?: number;
}

function nastyRequests(port: number, token: string): Nasty[] {
  const head = (method: string, target: string, headers: Record<string, string | number> = {}) => requestHead(method, target, port, headers);
  const auth = { Authorization: `Bearer ${token}` };
  return [
    { what: 'a broken percent escape', bytes: head('GET', '/%E0%A4%A'), status: 400 },
    { what: 'NUL in a file name', bytes: head('GET', '/index.html%00.js'), status: 400 },
    { what: 'a target of //', bytes: head('GET', '//'), status: 400 },
    { what: 'a target of //host/path', bytes: head('GET', '//evil.example/x'), status: 400 },
    { what: 'the asterisk form', bytes: head('OPTIONS', '*'), status: 400 },
    { what: 'an absolute form to another host', bytes: head('GET', 'http://evil/x'), status: 400 },
    { what: 'an absolute form to the bridge', bytes: head('GET', `http://127.0.0.1:${port}/index.html`), status: 400 },
    { what: 'a long target', bytes: head('GET', `/${'a'.repeat(9000)}`), status: 414 },
    { what: 'a target longer than the headers may be', bytes: head('GET', `/${'%41'.repeat(10_000)}`), status: 431 },
    { what: 'a parent folder in the raw target', bytes: head('GET', '/../secret.txt'), status: 404 },
    { what: 'an encoded parent folder', bytes: head('GET', '/..%2f..%2fsecret.txt'), status: 404 },
    { what: 'a broken escape in a call name', bytes: head('POST', '/api/call/%E0%A4%A', { ...auth, 'Content-Length': 2 }) + '{}', status: 400 },
    { what: 'a broken escape in a download', bytes: head('GET', '/api/download/%E0%A4%A', auth), status: 400 },
    { what: 'a broken escape in an upload name', bytes: head('POST', '/api/upload?name=%E0%A4%A', { ...auth, 'Content-Length': 3 }) + 'a,b', status: 200 },
    { what: 'a call with a body too large', bytes: head('POST', '/api/call/getAppStatus', { ...auth, 'Content-Length': 1_100_000 }) + ' '.repeat(1_100_000), status: 413 },
    { what: 'a call without Host', bytes: 'GET / HTTP/1.0\r\n\r\n', status: 403 },
    { what: 'a token in the wrong scheme', bytes: head('POST', '/api/call/getAppStatus', { Authorization: `Basic ${token}`, 'Content-Length': 0 }), status: 401 },
    { what: 'a huge wrong token', bytes: head('POST', '/api/call/getAppStatus', { Authorization: `Bearer ${'x'.repeat(8000)}`, 'Content-Length': 0 }), status: 401 },
    { what: 'a request line that is not HTTP', bytes: 'HELLO\r\n\r\n', status: 400 },
    { what: 'a Content-Length that is not a number', bytes: head('POST', '/api/call/getAppStatus', { ...auth, 'Content-Length': 'lots' }), status: 400 },
    { what: 'a call cut off mid-body', bytes: head('POST', '/api/call/signIn', { ...auth, 'Content-Length': 500 }) + '{"username":"ad', status: null, abortAfter: 20 },
    { what: 'a call cut off mid-chunk', bytes: head('POST', '/api/call/signIn', { ...auth, 'Transfer-Encoding': 'chunked' }) + '40\r\n{"user', status: null, abortAfter: 20 },
    { what: 'an upload cut off mid-file', bytes: head('POST', '/api/upload?name=till.csv', { ...auth, 'Content-Length': 100_000 }) + 'Date,Amount\n2026-01-01,1', status: null, abortAfter: 20 },
    { what: 'an upload cut off before the body', bytes: head('POST', '/api/upload?name=till.csv', { ...auth, 'Content-Length': 10 }), status: null, abortAfter: 20 },
  ];
}

/** What a client must never see: a stack trace, a file path, or a 500 for something it sent. */
function expectPlainAnswer(answer: RawAnswer, what: string): void {
  expect(answer.status, what).not.toBe(500);
  expect(answer.text, what).not.toMatch(/\n\s+at |\/(home|tmp|work|Users)\/|[A-Z]:\\/);
}

async function sendNasty(port: number, token: string): Promise<void> {
  for (const request of nastyRequests(port, token)) {
    const answer = await rawRequest(port, request.bytes, request.abortAfter === undefined ? {} : { abortAfter: request.abortAfter });
    if (request.status !== null) expect(answer.status, request.what).toBe(request.status);
    expectPlainAnswer(answer, request.what);
  }
}

const targetPiece = fc.oneof(
  fc.constantFrom('/', '//', '%', '%E0', '%A4', '%A', '%00', '%2e', '%2f', '%5c', '%ff', '..', '.', '?', '#', '*', '\\', ':', '@', ';', 'http:', '%u0041'),
  fc.constantFrom('api', 'call', 'getAppStatus', 'download', 'import-report', 'report', 'upload', 'events', 'index.html', '?name=', '&name=', '1'),
  fc.string({ unit: 'binary-ascii', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const randomTarget = fc.array(targetPiece, { minLength: 0, maxLength: 12 }).map((pieces) => pieces.join(''));

const cutBody = fc.record({
  target: fc.constantFrom('/api/call/getAppStatus', '/api/call/signIn', '/api/call/addOutlet', '/api/upload?name=sales.csv'),
  withToken: fc.boolean(),
  chunked: fc.boolean(),
  declared: fc.integer({ min: 1, max: 2_000_000 }),
  sent: fc.uint8Array({ maxLength: 300 }),
});

async function fuzz(port: number, token: string, runs: { targets: number; bodies: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(randomTarget, fc.constantFrom('GET', 'POST', 'HEAD', 'PUT'), fc.boolean(), async (target, method, withToken) => {
      const headers: Record<string, string | number> = withToken ? { Authorization: `Bearer ${token}`, 'Content-Length': 0 } : { 'Content-Length': 0 };
      expectPlainAnswer(await rawRequest(port, requestHead(method, target, port, headers)), `${method} ${JSON.stringify(target)}`);
    }),
    { seed: 15, numRuns: runs.targets },
  );
  await fc.assert(
    fc.asyncProperty(cutBody, async ({ target, withToken, chunked, declared, sent }) => {
      const headers: Record<string, string | number> = chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': declared };
      if (withToken) headers.Authorization = `Bearer ${token}`;
      const body = Buffer.from(sent).subarray(0, chunked ? sent.length : Math.max(0, declared - 1));
      const framed = chunked ? Buffer.concat([Buffer.from(`${(body.length + 10).toString(16)}\r\n`), body]) : body;
      const bytes = Buffer.concat([Buffer.from(requestHead('POST', target, port, headers)), framed]);
      expectPlainAnswer(await rawRequest(port, bytes, { abortAfter: 5 }), `${target} cut off`);
    }),
    { seed: 15, numRuns: runs.bodies },
  );
}

describe('the browser bridge under hostile requests, in process', () => {
  let tmp: ReturnType<typeof tempDir>;
  let ctx: AppContext;
  let bridge: Bridge;
  let port: number;
  const crashes: unknown[] = [];
  const faults: string[] = [];
  const log: Logger = { info() {}, warn() {}, error: (m) => faults.push(m) };
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(() => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
  });
  afterAll(() => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
  });
  beforeEach(async () => {
    tmp = tempDir();
    fs.mkdirSync(tmp.file('static'));
    fs.writeFileSync(tmp.file('static/index.html'), '<!doctype html><title>Octave</title>');
    fs.writeFileSync(tmp.file('secret.txt'), 'not for the browser');
    ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: 'test', workerFile: builtWorker });
    await signInAs(ctx);
    bridge = await startBridge({ dispatch: appDispatch(ctx, log), subscribe: (l) => ctx.subscribe(l), staticDir: tmp.file('static'), log, ...bridgeFileRoutes(ctx) });
    port = Number(new URL(bridge.origin).port);
    crashes.length = 0;
    faults.length = 0;
  });
  afterEach(async () => {
    await bridge.close();
    await ctx.close();
    tmp.remove();
  });

  /** Lets late rejections and stream errors surface before the test looks for them. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  async function expectStillServing(): Promise<void> {
    const res = await fetch(`${bridge.origin}/api/call/addOutlet`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Galle Fort', city: 'Galle', province: 'Southern' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, value: { id: expect.any(Number) } });
    expect((await fetch(`${bridge.origin}/`)).status).toBe(200);
  }

  it('answers each request that once stopped it, drops the ones cut off, and goes on serving', async () => {
    await sendNasty(port, bridge.token);
    await settle();
    expect(crashes).toEqual([]);
    expect(faults).toEqual([]);
    await expectStillServing();
  });

  it('survives a seeded fuzz of request targets and of bodies cut off midway', async () => {
    await fuzz(port, bridge.token, { targets: 300, bodies: 120 });
    await settle();
    expect(crashes).toEqual([]);
    expect(faults).toEqual([]);
    await expectStillServing();
  });

  it('lets a client leave mid-download and mid-event-stream without writing after the end', async () => {
    const db = ctx.connection.sqlite;
    db.prepare(`INSERT INTO imports (id, kind, source_name, started_at, finished_at, summary) VALUES (1, 'file', 'till.csv', '', '', '{}')`).run();
    const insert = db.prepare(`INSERT INTO import_errors (import_id, row_number, column_name, value, reason) VALUES (1, ?, 'Amount', 'x', 'Amount is not a number')`);
    db.transaction(() => {
      for (let row = 1; row <= 30_000; row++) insert.run(row);
    })();
    const download = requestHead('GET', '/api/download/import-report/1', port, { Authorization: `Bearer ${bridge.token}` });
    for (let i = 0; i < 5; i++) expect((await rawRequest(port, download, { abortOnData: true })).status).toBe(200);
    const events = requestHead('GET', '/api/events', port, { Authorization: `Bearer ${bridge.token}` });
    for (let i = 0; i < 5; i++) await rawRequest(port, events, { abortOnData: true });
    ctx.emit({ type: 'dataChanged', what: 'sales' });
    await settle();
    expect(crashes).toEqual([]);
    expect(faults).toEqual([]);
    // The whole report still downloads for a client that stays.
    const whole = await fetch(`${bridge.origin}/api/download/import-report/1`, { headers: { Authorization: `Bearer ${bridge.token}` } });
    expect((await whole.text()).split('\r\n').length).toBe(30_002);
  });

  it('answers a fault of its own with a plain 500, the detail only in the log', async () => {
    const broken = await startBridge({
      dispatch: () => Promise.reject(new TypeError(`Cannot read properties of undefined (reading 'x') at ${tmp.dir}/handlers.ts:12`)),
      subscribe: () => () => undefined,
      staticDir: tmp.file('static'),
      log,
      download: () => ({ fileName: 'half.csv', type: 'text/csv', chunks: halfReport() }),
    });
    const brokenPort = Number(new URL(broken.origin).port);
    try {
      const res = await fetch(`${broken.origin}/api/call/getAppStatus`, { method: 'POST', headers: { Authorization: `Bearer ${broken.token}` }, body: '{}' });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ ok: false, error: { kind: 'internal', message: 'The app could not answer this request. Details are in the log.' } });
      expect(text).not.toContain(tmp.dir);
      // A report that fails halfway: the client gets a cut-off download, never a second answer.
      const half = await rawRequest(brokenPort, requestHead('GET', '/api/download/half', brokenPort, { Authorization: `Bearer ${broken.token}` }));
      expect(half.status).toBe(200);
      expect(half.text).not.toContain('database disk image');
      await settle();
      expect(faults).toHaveLength(2);
      expect(crashes).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});

function* halfReport(): Generator<string> {
  yield 'Row,Reason\r\n';
  throw new Error('database disk image is malformed');
}

describe('the built bridge as its own process', () => {
  let tmp: ReturnType<typeof tempDir>;
  let bridge: BridgeProcess | undefined;

  beforeAll(() => {
    if (!fs.existsSync(builtBridge)) throw new Error(`${builtBridge} is missing: run npm run -s build`);
    tmp = tempDir();
  });
  afterAll(async () => {
    await bridge?.stop();
    tmp.remove();
  });

  it('is still alive and serving after the hostile requests and the fuzz', async () => {
    bridge = await startBridgeProcess(tmp.file('octave.sqlite'), ['--no-demo']);
    const { child, url, token } = bridge;
    const port = Number(url.port);
    await sendNasty(port, token);
    await fuzz(port, token, { targets: 100, bodies: 40 });
    expect(child.exitCode).toBeNull();
    const call = bridge.call;
    await expect(call('createFirstAdministrator', { displayName: 'Nimali Perera', username: 'nimali', password: 'Kandy-2026-lead' })).resolves.toMatchObject({ ok: true });
    await expect(call('getAppStatus', {})).resolves.toMatchObject({ ok: true, value: { hasData: false } });
    expect(bridge.stderr()).not.toMatch(/Unhandled|uncaught|URIError|ERR_INVALID_ARG_VALUE/i);
  });
});
