import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAccess } from '../../../shared/access';
import { can, type Permission } from '../../../shared/auth';
import { callNames, type CallName } from '../../../shared/contracts';
import { openDatabase, type Connection } from '../../platform/db/connection';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { signInAs, testPassword } from '../../testing/accounts';
import { contextPerTest } from '../../testing/context';
import { tempDir } from '../../testing/temp';
import { listAudit } from './audit';
import { decoyHash, needsRehash, testPasswordCost } from './passwords';
import { AuthService } from './service';

const wrongPasswordWords = 'The user name or password is not right. After 5 wrong tries in a row the account locks for 5 minutes.';

describe('accounts and the session', () => {
  let tmp: ReturnType<typeof tempDir>;
  let connection: Connection;
  let clock: number;
  let auth: AuthService;
  beforeEach(() => {
    tmp = tempDir();
    connection = openDatabase(tmp.file('app.sqlite'));
    clock = Date.parse('2026-11-23T09:00:00Z');
    // Rules of sign-in at a test cost; the tests about hashing itself make their own service at the full cost.
    auth = new AuthService(connection.sqlite, () => clock, testPasswordCost);
  });
  afterEach(() => {
    connection.close();
    tmp.remove();
  });
  const actions = () => listAudit(connection.sqlite, { offset: 0, limit: 100 }).entries.map((e) => `${e.username ?? '-'} ${e.action}`).reverse();

  it('asks for the administrator on first start, keeps only salted scrypt hashes, and makes the first account once', async () => {
    auth = new AuthService(connection.sqlite, () => clock);
    expect(auth.state()).toMatchObject({ needsSetup: true, user: null });
    const state = await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    expect(state).toMatchObject({ needsSetup: false, user: { username: 'nimali', role: 'administrator' } });
    await auth.addUser({ username: 'kasun', displayName: 'Kasun Silva', role: 'marketingExecutive', password: 'tea-estate-42' });

    const hashes = connection.sqlite.prepare('SELECT password_hash FROM users ORDER BY id').pluck().all() as string[];
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(hash).not.toContain('tea-estate');
    }
    expect(hashes[0]).not.toBe(hashes[1]); // the same password, a salt each

    auth.signOut();
    await expect(auth.createFirstAdministrator({ username: 'mallory', displayName: 'M', password: 'whatever-123' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(auth.state().user).toBeNull();
    // User names are not case-sensitive.
    expect((await auth.signIn('KASUN', 'tea-estate-42')).user).toMatchObject({ username: 'kasun', role: 'marketingExecutive', permissions: ['view', 'export'] });
  });

  it('locks an account for five minutes after five wrong passwords in a row, even against the right one', async () => {
    await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    auth.signOut();
    for (let i = 1; i <= 4; i++) await expect(auth.signIn('nimali', `wrong-${i}`)).rejects.toThrow(/user name or password is not right/);
    // A right password in between starts the count again.
    await auth.signIn('nimali', 'tea-estate-42');
    auth.signOut();
    for (let i = 1; i <= 4; i++) await expect(auth.signIn('nimali', `wrong-${i}`)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(auth.signIn('nimali', 'wrong-5')).rejects.toThrow(/locked for 5 minutes/);
    await expect(auth.signIn('nimali', 'tea-estate-42')).rejects.toThrow(/account is locked/);
    expect(auth.state().user).toBeNull();

    clock += 4 * 60_000;
    await expect(auth.signIn('nimali', 'tea-estate-42')).rejects.toThrow(/account is locked/);
    clock += 61_000;
    expect((await auth.signIn('nimali', 'tea-estate-42')).user?.username).toBe('nimali');
    expect(actions()).toEqual([
      'nimali accountCreated',
      'nimali signOut',
      ...Array.from({ length: 4 }, () => 'nimali signInFailed'),
      'nimali signIn',
      'nimali signOut',
      ...Array.from({ length: 4 }, () => 'nimali signInFailed'),
      'nimali accountLocked',
      'nimali signInRefused',
      'nimali signInRefused',
      'nimali signIn',
    ]);
  });

  it('answers an unknown user name try for try as it answers an account with a wrong password, so the answers do not tell which names exist', async () => {
    await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    auth.signOut();
    const start = clock;
    const answers = async (username: string): Promise<string[]> => {
      clock = start;
      const out: string[] = [];
      for (let i = 1; i <= 7; i++) {
        const error = (await auth.signIn(username, `wrong-${i}`).catch((e: unknown) => e)) as { kind: string; message: string };
        out.push(`${error.kind}: ${error.message}`);
        clock += 1000;
      }
      return out;
    };
    const known = await answers('nimali');
    const unknown = await answers('nobody');
    expect(unknown).toEqual(known);
    // What each answer is, so the two cannot be equal by both being wrong the same way.
    expect(known.slice(0, 4)).toEqual(Array.from({ length: 4 }, () => `forbidden: ${wrongPasswordWords}`));
    expect(known[4]).toMatch(/^forbidden: That was the 5th wrong password, so the account is locked for 5 minutes \(until \d\d:\d\d\)/);
    expect(known.slice(5)).toEqual(Array.from({ length: 2 }, () => expect.stringMatching(/^forbidden: This account is locked after 5 wrong passwords\. Try again after \d\d:\d\d/)));
    // User names match without regard to case, an unknown one too.
    expect(await auth.signIn('NoBody', 'x').catch((e: unknown) => e)).toMatchObject({ message: known[5]!.replace('forbidden: ', '') });
    // The right password of the locked account is still refused.
    await expect(auth.signIn('nimali', 'tea-estate-42')).rejects.toThrow(/This account is locked/);
    // After the lock, both answer a wrong password plainly again, the account then letting its owner in.
    clock = start + 5 * 60_000 + 6000;
    await expect(auth.signIn('nobody', 'x')).rejects.toThrow(wrongPasswordWords);
    await expect(auth.signIn('nimali', 'x')).rejects.toThrow(wrongPasswordWords);
    expect((await auth.signIn('nimali', 'tea-estate-42')).user?.username).toBe('nimali');
    // The audit log still tells the administrator which tries were for a name nobody has.
    expect(listAudit(connection.sqlite, { offset: 0, limit: 100 }).entries.filter((e) => e.username === null).map((e) => e.detail).reverse().slice(0, 7)).toEqual([
      ...[1, 2, 3, 4].map((n) => `Unknown user name "nobody" (${n} of 5)`),
      'Unknown user name "nobody" (5 of 5, answered as a locked account)',
      'Unknown user name "nobody" (answered as a locked account)',
      'Unknown user name "nobody" (answered as a locked account)',
    ]);
  });

  it('ends the session after the idle time, says why, and activity keeps it alive', async () => {
    await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    auth.setIdleMinutes(10);
    clock += 9 * 60_000;
    auth.touch();
    clock += 9 * 60_000;
    expect(auth.authorize('users').username).toBe('nimali');
    clock += 60_001;
    expect(() => auth.authorize('view')).toThrow(/signed out after a while without activity/);
    expect(auth.state()).toMatchObject({ user: null, endedBecause: 'idle', idleMinutes: 10 });
    expect(actions().slice(-1)).toEqual(['nimali sessionExpired']);
    await auth.signIn('nimali', 'tea-estate-42');
    expect(auth.state().endedBecause).toBeNull();
  });

  it('keeps one active administrator at least, and an administrator cannot switch themself off', async () => {
    await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    const me = auth.current()!.id;
    expect(() => auth.updateUser(me, { role: 'marketingLead' })).toThrow(/only active administrator/);
    const { id } = await auth.addUser({ username: 'ruwan', displayName: 'Ruwan', role: 'administrator', password: 'tea-estate-42' });
    expect(() => auth.updateUser(me, { active: false })).toThrow(/your own account/);
    auth.updateUser(id, { active: false });
    auth.signOut();
    // The right password on a switched-off account gets the wrong password's answer, word for word.
    const right = await auth.signIn('ruwan', 'tea-estate-42').catch((e: unknown) => e);
    const wrong = await auth.signIn('ruwan', 'not-the-password').catch((e: unknown) => e);
    expect(right).toMatchObject({ kind: 'forbidden', message: wrongPasswordWords });
    expect(wrong).toMatchObject({ kind: 'forbidden', message: wrongPasswordWords });
    expect(auth.state().user).toBeNull();
    // Nor does the audit log tell which of the two tries had the right password.
    expect(listAudit(connection.sqlite, { offset: 0, limit: 2 }).entries.map((e) => e.detail)).toEqual(['Account switched off (2 of 5)', 'Account switched off (1 of 5)']);
  });

  it('counts tries on a switched-off account towards the lock like wrong passwords, and switching it on starts afresh', async () => {
    await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    const { id } = await auth.addUser({ username: 'ruwan', displayName: 'Ruwan', role: 'marketingLead', password: 'tea-estate-42' });
    auth.updateUser(id, { active: false });
    auth.signOut();
    for (let i = 1; i <= 4; i++) await expect(auth.signIn('ruwan', 'tea-estate-42')).rejects.toThrow(wrongPasswordWords);
    // The fifth try locks, right password or not: a lock only wrong passwords could reach would give the right one away.
    await expect(auth.signIn('ruwan', 'tea-estate-42')).rejects.toThrow(/locked for 5 minutes/);
    await auth.signIn('nimali', 'tea-estate-42');
    auth.updateUser(id, { active: true });
    auth.signOut();
    expect((await auth.signIn('ruwan', 'tea-estate-42')).user?.username).toBe('ruwan');
  });

  it('stores an old, cheaper hash again at today\'s cost at the next right sign-in, and the password still works', async () => {
    auth = new AuthService(connection.sqlite, () => clock);
    await auth.createFirstAdministrator({ username: 'nimali', displayName: 'Nimali Perera', password: 'tea-estate-42' });
    auth.signOut();
    // What the app stored before the cost rose: scrypt at N=2^14.
    const salt = randomBytes(16);
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync('tea-estate-42', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
    connection.sqlite.prepare("UPDATE users SET password_hash = ? WHERE username = 'nimali'").run(old);
    const stored = () => connection.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'nimali'").pluck().get() as string;

    await expect(auth.signIn('nimali', 'wrong-password')).rejects.toThrow(wrongPasswordWords);
    expect(stored()).toBe(old); // a wrong password upgrades nothing
    await auth.signIn('nimali', 'tea-estate-42');
    expect(stored()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(stored())).toBe(false);
    auth.signOut();

    // Reopened from the file, as at the next start: the new hash signs in.
    connection.close();
    connection = openDatabase(tmp.file('app.sqlite'));
    auth = new AuthService(connection.sqlite, () => clock);
    expect((await auth.signIn('nimali', 'tea-estate-42')).user?.username).toBe('nimali');
    await expect(auth.signIn('nimali', 'tea-estate-4')).rejects.toThrow(wrongPasswordWords);
    // An unknown user name is checked against a hash of today's cost, so it takes as long as a known one.
    expect(needsRehash(decoyHash())).toBe(false);
  });
});

describe('every call checks the role it needs', () => {
  const env = contextPerTest();
  const kinds = async (dispatch: ReturnType<typeof appDispatch>) => {
    const out = new Map<CallName, string>();
    // An empty input is enough: the door checks the user before it reads the input.
    for (const name of callNames) {
      if (name === 'signOut') continue;
      const answer = await dispatch(name, {});
      out.set(name, answer.ok ? 'ok' : answer.error.kind);
    }
    return out;
  };

  it('refuses everything but signing in before anyone has, and what a role may not do after', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    const signedOut = await kinds(dispatch);
    for (const name of callNames) {
      if (name === 'signOut') continue;
      if (callAccess[name] === 'public') expect(signedOut.get(name), name).not.toBe('unauthenticated');
      else expect(signedOut.get(name), name).toBe('unauthenticated');
    }

    for (const role of ['marketingExecutive', 'marketingLead', 'administrator'] as const) {
      await signInAs(env.ctx, role);
      const answers = await kinds(dispatch);
      for (const name of callNames) {
        const access = callAccess[name];
        if (access === 'public' || name === 'signOut') continue;
        const allowed = can(role, access as Permission);
        if (allowed) expect(answers.get(name), `${role} ${name}`).not.toMatch(/^(forbidden|unauthenticated)$/);
        else expect(answers.get(name), `${role} ${name}`).toBe('forbidden');
      }
      env.ctx.auth.signOut();
    }
  });

  it('writes sign-ins, imports and model changes to an audit log only an administrator can read', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    await signInAs(env.ctx, 'administrator');
    const started = await dispatch('loadDemoData', { customers: 300 });
    if (!started.ok) throw new Error(started.error.message);
    await env.ctx.jobs.wait((started.value as { jobId: string }).jobId);
    await dispatch('setCategoryRule', { source: 'Bakery', category: 'fresh' });
    await signInAs(env.ctx, 'marketingExecutive');
    expect(await dispatch('listAuditLog', {})).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringMatching(/Managing users needs an administrator/) } });
    await dispatch('signOut', {});
    await dispatch('signIn', { username: 'admin', password: testPassword });
    const log = await dispatch('listAuditLog', {});
    if (!log.ok) throw new Error(log.error.message);
    const lines = (log.value as { entries: { username: string | null; action: string; detail: string }[] }).entries.map((e) => `${e.username ?? '-'} ${e.action} ${e.detail}`);
    expect(lines.reverse()).toEqual([
      'admin accountCreated First administrator admin created',
      'admin demoLoad 300 demo customers',
      expect.stringMatching(/^admin demoLoad:finished/),
      'admin settingsChanged Category rule: "Bakery" → fresh',
      'admin signIn ',
      'admin userAdded marketingExecutive-1 (A marketingExecutive) as marketingExecutive',
      'admin signOut ',
      'marketingExecutive-1 signIn ',
      'marketingExecutive-1 refused listAuditLog: needs permission users',
      'marketingExecutive-1 signOut ',
      'admin signIn ',
    ]);
  });

  it('writes a user name typed at sign-in to the audit log with its invisible characters shown, so it cannot reorder what the administrator reads', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    await signInAs(env.ctx, 'administrator');
    await dispatch('signOut', {});
    const typed = 'mallory\u202Edenmi\u202C signed in OK';
    expect(await dispatch('signIn', { username: typed, password: 'whatever-123' })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: wrongPasswordWords } });
    const stored = env.ctx.connection.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'signInFailed'").pluck().all() as string[];
    expect(stored).toEqual(['Unknown user name "mallory⟨U+202E⟩denmi⟨U+202C⟩ signed in OK" (1 of 5)']);
    expect(stored.join('')).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('refuses a look-alike outlet or user that holds an invisible character, and takes Sinhala and Tamil names with their joiners', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    await signInAs(env.ctx, 'administrator');
    expect(await dispatch('addOutlet', { name: 'Kan\u200Bdy', city: 'Kandy', province: 'Central' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: 'The outlet name contains an invisible character (U+200B, zero width space). Type the outlet name again without it.' },
    });
    expect(await dispatch('addUser', { username: 'tester', displayName: 'Tester\u200BAdmin', role: 'marketingLead', password: testPassword })).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: 'The name contains an invisible character (U+200B, zero width space). Type the name again without it.' },
    });
    for (const name of ['ශ්\u200Dරී ලංකා', 'කොළඹ', 'யாழ்ப்பாணம்']) {
      expect(await dispatch('addOutlet', { name, city: '', province: '' }), name).toMatchObject({ ok: true });
    }
    const outlets = await dispatch('listOutlets', {});
    if (!outlets.ok) throw new Error(outlets.error.message);
    const names = (outlets.value as { outlets: { name: string }[] }).outlets.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['ශ්‍රී ලංකා', 'කොළඹ', 'யாழ்ப்பாணம்']));
    expect(names.filter((n) => n.includes('Kan'))).toEqual(['Kandy']);
  });
});
