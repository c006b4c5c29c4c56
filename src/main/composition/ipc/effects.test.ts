import { describe, expect, it } from 'vitest';
import { callAccess } from '../../../shared/access';
import { can, permissions, type Permission } from '../../../shared/auth';
import { callNames, changeTopics, type AppEvent, type CallName } from '../../../shared/contracts';
import { callEffects, type CallEffects } from '../../../shared/effects';
import { silentLogger } from '../../platform/log';
import { signInAs, testPassword } from '../../testing/accounts';
import { contextPerTest } from '../../testing/context';
import { appDispatch } from './handlers';

const env = contextPerTest();
const declared = (name: CallName): CallEffects<CallName> => callEffects[name] as CallEffects<CallName>;

/** Every action a call's declaration says it writes to the audit log. */
function actionsOf(name: CallName): string[] {
  const effects = declared(name);
  return [...(effects.audit ? [effects.audit.action] : []), ...(effects.ownEntries ?? [])];
}

type Row = { id: number; action: string; detail: string; username: string | null };

/** What one call wrote to the audit log and told the views. */
function watch() {
  const db = () => env.ctx.connection.sqlite;
  const events: AppEvent[] = [];
  env.ctx.subscribe((event) => {
    if (event.type === 'dataChanged') events.push(event);
  });
  return async (dispatch: ReturnType<typeof appDispatch>, name: string, input: unknown) => {
    const last = db().prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;
    events.length = 0;
    const answer = await dispatch(name, input);
    const rows = db().prepare('SELECT id, action, detail, username FROM audit_log WHERE id > ? ORDER BY id').all(last) as Row[];
    return { answer, rows, events: [...events] };
  };
}

describe('each call declares its effects once', () => {
  it('has one declaration per call: who may make it, what it writes to the audit log, what it tells the views', () => {
    expect(Object.keys(callEffects).sort()).toEqual([...callNames].sort());
    for (const name of callNames) {
      const effects = declared(name);
      expect([...permissions, 'public'], name).toContain(effects.access);
      expect(callAccess[name], name).toBe(effects.access);
      expect(changeTopics, name).toEqual(expect.arrayContaining([...(effects.changes ?? [])]));
      if (effects.audit) {
        expect(effects.audit.action, name).toMatch(/^[a-z][A-Za-z]+$/);
        // Dispatch writes it, or the call does: never both.
        expect(effects.ownEntries, name).toBeUndefined();
      }
      // Only calls that need no sign-in write their own entries, and the restore (see callEffects).
      if (effects.ownEntries) expect(effects.access === 'public' || name === 'restoreBackup', name).toBe(true);
    }
  });

  it('writes nothing of a refused call but the refusal, and tells no view of a change', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    const call = watch();
    const refusedCleanly = async (name: CallName, kind: 'unauthenticated' | 'forbidden') => {
      const { answer, rows, events } = await call(dispatch, name, {});
      expect(answer, name).toMatchObject({ ok: false, error: { kind } });
      expect(rows.map((r) => r.action), name).toEqual(['refused']);
      expect(rows[0]!.detail, name).toBe(`${name}: needs permission ${declared(name).access}`);
      expect(events, name).toEqual([]);
    };
    await signInAs(env.ctx, 'marketingExecutive');
    const guarded = callNames.filter((name) => declared(name).access !== 'public');
    for (const name of guarded) {
      if (!can('marketingExecutive', declared(name).access as Permission)) await refusedCleanly(name, 'forbidden');
    }
    await dispatch('signOut', {});
    for (const name of guarded) await refusedCleanly(name, 'unauthenticated');
    // No entry of any call's own action came from all those refusals.
    const written = env.ctx.connection.sqlite.prepare('SELECT action FROM audit_log').pluck().all() as string[];
    const sessionActions = new Set(['accountCreated', 'userAdded', 'signIn', 'signOut', 'refused']);
    expect(written.filter((a) => !sessionActions.has(a))).toEqual([]);
    expect(guarded.flatMap(actionsOf).filter((a) => written.includes(a))).toEqual(['userAdded']); // signInAs added the executive
  });

  it('refuses stopping a job whose kind the user may not start, before the handler runs', async () => {
    await signInAs(env.ctx, 'administrator');
    const { jobId } = env.ctx.jobs.start('demoLoad', { customers: 300 });
    await signInAs(env.ctx, 'marketingExecutive');
    const { answer, rows, events } = await watch()(appDispatch(env.ctx, silentLogger), 'cancelJob', { jobId });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringMatching(/^Importing data needs an administrator/) } });
    expect(rows.map((r) => [r.action, r.detail])).toEqual([['refused', expect.stringMatching(/^cancelJob: Importing data needs an administrator/)]]);
    expect(events).toEqual([]);
    const finished = await env.ctx.jobs.wait<'demoLoad'>(jobId);
    expect(finished.customers).toBe(300);
  });

  it('writes a call\'s entry once it succeeded, in the user\'s name, tells the views its topics once, and keeps the audit facts from the window', async () => {
    const admin = await signInAs(env.ctx, 'administrator');
    const dispatch = appDispatch(env.ctx, silentLogger);
    const call = watch();

    const added = await call(dispatch, 'addOutlet', { name: 'Galle Fort', city: 'Galle', province: 'Southern' });
    expect(added.answer).toMatchObject({ ok: true });
    expect(added.rows.map((r) => [r.username, r.action, r.detail])).toEqual([[admin.username, 'settingsChanged', 'Outlet added: Galle Fort']]);
    expect(added.events).toEqual([{ type: 'dataChanged', what: 'settings' }]);

    const currency = await call(dispatch, 'setCurrency', { currency: 'USD' });
    expect(currency.rows.map((r) => r.detail)).toEqual(['Currency: USD']);
    expect(currency.events).toEqual([]);

    // A failed call writes nothing and changes nothing.
    const failed = await call(dispatch, 'removeOutlet', { id: 999_999 });
    if (failed.answer.ok) expect(failed.answer.value).toEqual({ removed: false });
    else expect(failed.rows).toEqual([]);

    const lead = await call(dispatch, 'addUser', { username: 'ruwan', displayName: 'Ruwan', role: 'marketingLead', password: testPassword });
    const { id } = (lead.answer as { ok: true; value: { id: number } }).value;
    // The facts an entry needs (whose account, what changed) stay on this side of the door.
    const renamed = await call(dispatch, 'updateUser', { id, displayName: 'Ruwan Silva', role: 'marketingLead' });
    expect(renamed.answer).toEqual({ ok: true, value: { id } });
    expect(renamed.rows.map((r) => [r.action, r.detail])).toEqual([['userChanged', 'ruwan: name "Ruwan Silva"']]);
    // Nothing changed: no entry.
    expect((await call(dispatch, 'updateUser', { id, displayName: 'Ruwan Silva' })).rows).toEqual([]);
    const reset = await call(dispatch, 'resetPassword', { id, password: `${testPassword}!` });
    expect(reset.answer).toEqual({ ok: true, value: { id } });
    expect(reset.rows.map((r) => [r.action, r.detail])).toEqual([['passwordReset', 'ruwan']]);
  });
});
