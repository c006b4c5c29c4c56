import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../platform/db/migrations';
import { migrate } from '../../platform/db/migrate';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { signInAs } from '../../testing/accounts';
import { contextPerTest } from '../../testing/context';
import { listAudit, RefusalLog } from './audit';

const env = contextPerTest();

describe('refused calls in the audit log', () => {
  it('keeps a flood of the same refusal to one entry with a count, signed in or not', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    await signInAs(env.ctx, 'administrator');
    const executive = await signInAs(env.ctx, 'marketingExecutive');
    for (let i = 0; i < 300; i++) expect((await dispatch('setCurrency', { currency: 'USD' })).ok).toBe(false);
    await dispatch('listUsers', {});
    await dispatch('signOut', {});
    for (let i = 0; i < 200; i++) expect(await dispatch('getAppStatus', {})).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    // A refusal a public call gives itself (a wrong password) is that call's own entry, not a refusal.
    await dispatch('signIn', { username: executive.username, password: 'not the password' });

    const refused = listAudit(env.ctx.connection.sqlite, { offset: 0, limit: 100, action: 'refused' }).entries.reverse();
    expect(refused.map((e) => [e.username, e.detail, e.repeats])).toEqual([
      [executive.username, 'setCurrency: needs permission settings', 300],
      [executive.username, 'listUsers: needs permission users', 1],
      [null, 'getAppStatus: needs permission view', 200],
    ]);
    expect(refused[0]!.lastAt! >= refused[0]!.at).toBe(true);
    expect(refused[1]!.lastAt).toBeNull();
    expect(listAudit(env.ctx.connection.sqlite, { offset: 0, limit: 1 }).entries[0]).toMatchObject({ action: 'signInFailed', username: executive.username });
  });

  it('starts a new entry when the same refusal comes a minute or more after the last one', async () => {
    const user = await signInAs(env.ctx, 'marketingLead');
    const db = env.ctx.connection.sqlite;
    const log = new RefusalLog(() => db);
    const t0 = Date.parse('2026-11-23T09:00:00Z');
    // Every 50 seconds for five minutes: never a minute apart, so one entry.
    for (let t = t0; t <= t0 + 300_000; t += 50_000) log.write(t, user, 'deleteReport: needs permission settings');
    log.write(t0 + 300_000 + 60_000, user, 'deleteReport: needs permission settings');
    log.write(t0 + 300_000 + 60_001, user, 'getAppStatus: needs permission view');
    log.write(t0 + 300_000 + 60_002, null, 'deleteReport: needs permission settings');
    const rows = db.prepare("SELECT username, detail, at, last_at, repeats FROM audit_log WHERE action = 'refused' ORDER BY id").all();
    expect(rows).toEqual([
      { username: user.username, detail: 'deleteReport: needs permission settings', at: '2026-11-23T09:00:00.000Z', last_at: '2026-11-23T09:05:00.000Z', repeats: 7 },
      { username: user.username, detail: 'deleteReport: needs permission settings', at: '2026-11-23T09:06:00.000Z', last_at: null, repeats: 1 },
      { username: user.username, detail: 'getAppStatus: needs permission view', at: '2026-11-23T09:06:00.001Z', last_at: null, repeats: 1 },
      { username: null, detail: 'deleteReport: needs permission settings', at: '2026-11-23T09:06:00.002Z', last_at: null, repeats: 1 },
    ]);
  });
});

it('migration 11 keeps every report and audit entry; the makers of older reports are unknown', () => {
  const version = migrations.findIndex((m) => m.name === 'report-makers') + 1;
  expect(version).toBe(11);
  const db = new Sqlite(env.tmp.file('old.sqlite'));
  migrate(db, { target: version - 1 });
  db.prepare(
    `INSERT INTO reports (title, segment_name, model_id, segment, filters, filter_words, format, rows, customers, path, size, version, created_by, created_at)
     VALUES ('Segment report: Fresh', 'Fresh', 1, 0, '{}', '[]', 'pdf', '{"top":500}', 10, '/r/Fresh.pdf', 100, 1, 'Nimali Perera', '2026-11-01T10:00:00Z')`,
  ).run();
  db.prepare("INSERT INTO audit_log (at, username, action, detail) VALUES ('2026-11-01T10:00:00Z', 'nimali', 'signIn', '')").run();
  migrate(db);
  expect(db.prepare('SELECT created_by, created_by_user_id FROM reports').all()).toEqual([{ created_by: 'Nimali Perera', created_by_user_id: null }]);
  expect(db.prepare('SELECT username, action, repeats, last_at FROM audit_log').all()).toEqual([{ username: 'nimali', action: 'signIn', repeats: 1, last_at: null }]);
  db.close();
});
