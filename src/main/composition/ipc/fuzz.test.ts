import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema } from '../../../shared/contract';
import { callNames, contracts, type CallName } from '../../../shared/contracts';
import { createAppContext } from '../compose';
import { type AppContext } from '../../app/context';
import { silentLogger } from '../../platform/log';
import { signInAs } from '../../testing/accounts';
import { payloadsFor } from '../../testing/payloads';
import { builtWorker, tempDir } from '../../testing/temp';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers, effectsOf } from './handlers';

/**
 * Every call × hostile payloads, through the real dispatch and handler table
 * over a real database with an administrator signed in (issue 15). Seeded and
 * bounded, so it runs the same way in CI every time.
 */

const perCall = 120;
const envelope = envelopeSchema(z.unknown());

/**
 * Calls whose accepted payloads would change the signed-in administrator
 * (sign out, switch off, new password) or start heavy work (train, export,
 * load or wipe data). Their refused payloads are still sent; accepted ones
 * are not, so the rest of the run keeps an administrator and finishes in time.
 */
const notRunWhenAccepted = new Set<CallName>([
  'signIn', 'signOut', 'changeOwnPassword', 'updateUser', 'resetPassword',
  'loadDemoData', 'clearDemoData', 'deleteImport', 'startSegmentation', 'startReportExport', 'regenerateReport',
]);

let tmp: ReturnType<typeof tempDir>;
let ctx: AppContext;
let dispatch: Dispatch;

beforeAll(async () => {
  tmp = tempDir();
  ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: 'test', workerFile: builtWorker });
  await signInAs(ctx);
  dispatch = createDispatch(createHandlers(ctx), silentLogger, effectsOf(ctx));
  // Something for the handlers to read and to refuse to damage: a small demo chain, segmented.
  for (const [name, input] of [['loadDemoData', { customers: 300 }], ['startSegmentation', { k: 3 }]] as const) {
    const started = await dispatch(name, input);
    if (!started.ok) throw new Error(started.error.message);
    await ctx.jobs.wait((started.value as { jobId: string }).jobId);
  }
});
afterAll(async () => {
  await ctx.close();
  tmp.remove();
});

/** Every row of every table, hashed: what "the database did not change" means here. */
function databaseChecksum(): string {
  const db = ctx.connection.sqlite;
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all().map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    hash.update(`${table}\n${rows.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}

/** A short, printable account of a payload for a failure message (never the 2 MB itself). */
function summary(payload: unknown): string {
  const text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'string' && v.length > 40 ? `<${v.length} chars>` : Array.isArray(v) && v.length > 10 ? `<${v.length} items>` : v));
  return (text ?? String(payload)).slice(0, 300);
}

const leak = (tmpDir: string) => new RegExp(`\\n\\s+at |node:internal|node_modules|\\.(ts|js):\\d+|${tmpDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|/src/main/`);

async function expectGoodAnswer(name: CallName, payload: unknown): Promise<Awaited<ReturnType<Dispatch>>> {
  const what = `${name}(${summary(payload)})`;
  let answer: Awaited<ReturnType<Dispatch>>;
  try {
    answer = await dispatch(name, payload);
  } catch (error) {
    throw new Error(`${what} threw: ${String(error)}`, { cause: error });
  }
  expect(envelope.safeParse(answer).success, what).toBe(true);
  if (answer.ok) return answer;
  expect(answer.error.kind, `${what}: ${answer.error.message}`).not.toBe('internal');
  expect(answer.error.message, what).not.toMatch(leak(tmp.dir));
  // A refused 2 MB string comes back as a sentence, not as itself.
  expect(answer.error.message.length, what).toBeLessThan(1000);
  return answer;
}

describe('every IPC call under hostile payloads', () => {
  const refused: [CallName, unknown][] = [];
  const accepted: [CallName, unknown][] = [];
  for (const [index, name] of callNames.entries()) {
    const schema = contracts[name].input;
    const seen = new Set<string>();
    for (const payload of fc.sample(payloadsFor(schema), { seed: 1500 + index, numRuns: perCall })) {
      if (!schema.safeParse(payload ?? {}).success) refused.push([name, payload]);
      else if (!notRunWhenAccepted.has(name) && !seen.has(summary(payload))) accepted.push([name, payload]);
      // The same accepted payload twice tells nothing new (`{}` comes up often for calls without input).
      seen.add(summary(payload));
    }
  }

  it('refuses each invalid payload with a validation error, and the database stays as it was', async () => {
    const before = databaseChecksum();
    for (const [name, payload] of refused) {
      const answer = await expectGoodAnswer(name, payload);
      expect(answer.ok ? 'accepted' : answer.error.kind, `${name}(${summary(payload)})`).toBe('validation');
    }
    expect(databaseChecksum()).toBe(before);
    expect(refused.length).toBeGreaterThan(callNames.length * perCall * 0.6);
  });

  it('answers the odd payloads a schema accepts with an envelope the window can show, never an internal error', async () => {
    for (const [name, payload] of accepted) {
      await expectGoodAnswer(name, payload);
      expect(ctx.auth.current()?.role, `${name}(${summary(payload)}) left the administrator signed out`).toBe('administrator');
    }
    expect(accepted.length).toBeGreaterThan(0);
  });

  it('leaves Object.prototype alone and still serves a valid call afterwards', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const added = await dispatch('addOutlet', { name: 'Galle Fort', city: 'Galle', province: 'Southern' });
    expect(added).toMatchObject({ ok: true });
    const outlets = await dispatch('listOutlets', {});
    expect(outlets.ok && (outlets.value as { outlets: { name: string }[] }).outlets.some((o) => o.name === 'Galle Fort')).toBe(true);
    expect(await dispatch('getDashboardSummary', {})).toMatchObject({ ok: true, value: { customers: 300 } });
  });
});
