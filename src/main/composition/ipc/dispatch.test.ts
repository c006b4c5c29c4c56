import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract, defineContracts } from '../../../shared/contract';
import { contracts } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import { createAppContext } from '../compose';
import { type AppContext } from '../../app/context';
import { testPasswordCost } from '../../domain/auth/passwords';
import { silentLogger, type Logger } from '../../platform/log';
import { signInAs } from '../../testing/accounts';
import { builtWorker, tempDir } from '../../testing/temp';
import { createDispatch, type Dispatch, type HandlerTable } from './dispatch';
import { createHandlers, effectsOf } from './handlers';

let tmp: ReturnType<typeof tempDir>;
let ctx: AppContext;
let handlers: HandlerTable;
let dispatch: Dispatch;
const logged: string[] = [];
const details: unknown[] = [];
const log: Logger = { info() {}, warn: (m) => logged.push(m), error: (m, d) => (logged.push(m), details.push(d)) };

beforeEach(async () => {
  tmp = tempDir();
  ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: '9.9.9', workerFile: builtWorker, passwordCost: testPasswordCost });
  await signInAs(ctx);
  handlers = createHandlers(ctx);
  dispatch = createDispatch(handlers, log, effectsOf(ctx));
  logged.length = 0;
  details.length = 0;
});
afterEach(async () => {
  await ctx.close();
  tmp.remove();
});

describe('the IPC door', () => {
  it('answers a valid call with {ok: true, value}', async () => {
    const answer = await dispatch('getAppStatus', {});
    expect(answer).toMatchObject({ ok: true, value: { version: '9.9.9', demo: 'none', hasData: false } });
  });

  it.each([
    ['a wrong type', 'loadDemoData', { customers: 'lots' }, /customers/],
    ['a value out of range', 'loadDemoData', { customers: 5 }, /customers/],
    ['an unexpected field', 'getDashboardSummary', { sql: 'DROP TABLE customers' }, /Unrecognized key/i],
    ['a missing field', 'cancelJob', {}, /jobId/],
    ['not an object at all', 'getJob', 'hello', /expected object/i],
  ])('rejects %s with a validation error and does not run the handler', async (_what, name, input, message) => {
    const answer = await dispatch(name, input);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.kind).toBe('validation');
    expect(answer.error.message).toMatch(message);
    expect(ctx.jobs.running('demoLoad')).toBeNull();
  });

  it('answers an unknown call with not_found', async () => {
    expect(await dispatch('dropEverything', {})).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'Unknown request "dropEverything".' },
    });
  });

  it('turns a handler that throws into an {ok: false} envelope with a message, keeping the AppError kind', async () => {
    const broken = createDispatch(
      {
        ...handlers,
        getDashboardSummary: () => {
          throw new TypeError('Cannot read properties of undefined');
        },
        clearDemoData: () => {
          throw new AppError('conflict', 'The demo data is still loading.');
        },
      },
      log,
      effectsOf(ctx),
    );
    const crash = await broken('getDashboardSummary', {});
    // The user reads a plain sentence with a reference; the log has the same reference and the whole error.
    expect(crash).toEqual({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/^Something went wrong \(ref [0-9A-F]{4}\)\. Details are in the app's log\.$/) } });
    const reference = /ref ([0-9A-F]{4})/.exec(crash.ok ? '' : crash.error.message)![1];
    expect(logged).toContain(`Handler getDashboardSummary failed (ref ${reference})`);
    expect(String((details.at(-1) as Error).stack)).toMatch(/TypeError: Cannot read properties of undefined/);
    // With a log file, the sentence says where it is.
    const withFile = createDispatch({ ...handlers, getDashboardSummary: () => Promise.reject(new URIError('URI malformed')) }, { ...log, file: '/home/nimali/.config/Octave Segments/octave.log' }, effectsOf(ctx));
    expect(await withFile('getDashboardSummary', {})).toEqual({
      ok: false,
      error: { kind: 'internal', message: expect.stringMatching(/^Something went wrong \(ref [0-9A-F]{4}\)\. Details are in the log file \/home\/nimali\/\.config\/Octave Segments\/octave\.log\.$/) },
    });
    expect(await broken('clearDemoData', {})).toEqual({ ok: false, error: { kind: 'conflict', message: 'The demo data is still loading.' } });
  });

  it('refuses to return data that breaks the output contract', async () => {
    const lying = createDispatch({ ...handlers, getJob: () => ({ nonsense: true }) as never }, log, effectsOf(ctx));
    const answer = await lying('getJob', { jobId: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/^Something went wrong \(ref [0-9A-F]{4}\)/) } });
    expect(logged.at(-1)).toMatch(/^Handler getJob failed \(ref [0-9A-F]{4}\)$/);
    expect(String(details.at(-1))).toMatch(/breaks its contract/);
  });

  it('fails at start-up when a call name is defined twice or the handler table does not match', () => {
    expect(() =>
      defineContracts([defineContract('ping', z.object({}), z.null()), defineContract('ping', z.object({}), z.null())]),
    ).toThrow(/defined twice/);
    const { getJob: _dropped, ...partial } = handlers;
    expect(() => createDispatch(partial as HandlerTable, log, effectsOf(ctx))).toThrow(/missing: getJob/);
  });

  it('serves every contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contracts).sort());
  });
});

describe('demo data through the handlers', () => {
  it('loads, shows in the dashboard, and clears back to an empty dashboard that stays empty', async () => {
    const started = await dispatch('loadDemoData', { customers: 800 });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const { jobId } = started.value as { jobId: string };
    expect(await dispatch('getAppStatus', {})).toMatchObject({ ok: true, value: { demo: 'loading' } });
    await ctx.jobs.wait(jobId);

    const summary = await dispatch('getDashboardSummary', {});
    const db = ctx.connection.sqlite;
    expect(summary).toMatchObject({
      ok: true,
      value: {
        customers: 800,
        outlets: db.prepare('SELECT count(DISTINCT outlet_id) FROM sales_lines').pluck().get(),
        salesLines: db.prepare('SELECT count(*) FROM sales_lines').pluck().get(),
        totalCents: db.prepare('SELECT sum(amount_cents) FROM sales_lines').pluck().get(),
      },
    });
    expect(await dispatch('getAppStatus', {})).toMatchObject({ ok: true, value: { demo: 'loaded', hasData: true } });
    expect(await dispatch('loadDemoData', {})).toMatchObject({ ok: false, error: { kind: 'conflict' } });

    const cleared = await dispatch('clearDemoData', {});
    expect(cleared).toMatchObject({ ok: true, value: { removedCustomers: 800 } });
    expect(await dispatch('getDashboardSummary', {})).toMatchObject({ ok: true, value: { customers: 0, salesLines: 0, totalCents: 0 } });
    expect(await dispatch('getAppStatus', {})).toMatchObject({ ok: true, value: { demo: 'dismissed', hasData: false } });
    expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);
  });

  it('remembers a cancelled demo load so it does not start again by itself', async () => {
    const { startDemoIfEmpty } = await import('../../app/demo');
    const jobId = startDemoIfEmpty(ctx, 40_000);
    expect(jobId).not.toBeNull();
    await new Promise<void>((resolve) => ctx.subscribe((e) => e.type === 'job' && e.job.current > 1000 && resolve()));
    expect(await dispatch('cancelJob', { jobId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await dispatch('getAppStatus', {})).toMatchObject({ ok: true, value: { demo: 'dismissed', hasData: false } });
    expect(startDemoIfEmpty(ctx)).toBeNull();
  });
});
