import type { Database } from 'better-sqlite3';
import { can, rolePermissions, type AuthState, type NewUser, type Permission, type Role, type SignedInUser, type UserView } from '../../../shared/auth';
import { AppError } from '../../../shared/errors';
import { getMeta, setMeta } from '../../platform/meta';
import { RefusalLog, writeAudit } from './audit';
import { decoyHash, hashPassword, needsRehash, passwordCost, verifyPassword, type PasswordCost } from './passwords';
import { UnknownNames } from './unknownNames';
import { activeAdministrators, allUsers, anyUser, insertUser, replacePasswordHash, updateUserRow, userById, userByName, type UserRow } from './users';

export const maxFailedAttempts = 5;
export const lockMinutes = 5;
export const defaultIdleMinutes = 15;

interface Session {
  user: SignedInUser;
  lastActivity: number;
}

const wrongPassword = `The user name or password is not right. After ${maxFailedAttempts} wrong tries in a row the account locks for ${lockMinutes} minutes.`;

function toSignedIn(row: UserRow): SignedInUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, permissions: [...rolePermissions[row.role]] };
}

/** The answer to the try that locks an account (or an unknown name, see UnknownNames). */
const lockingWords = (until: number): string =>
  `That was the ${maxFailedAttempts}th wrong password, so the account is locked for ${lockMinutes} minutes (until ${clockTime(until)}). An administrator can unlock it sooner.`;

/** The answer to every try while it is locked. */
const lockedWords = (until: number): string =>
  `This account is locked after ${maxFailedAttempts} wrong passwords. Try again after ${clockTime(until)}, or ask an administrator to unlock it.`;

/** "16:45": a time of day on this machine's clock, for lock messages. */
function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * Local accounts and the one session of this app (one window, one person at a
 * time). Every IPC call passes `authorize` first, with the permission its
 * contract needs. The session ends on sign-out or after the configured idle
 * time; the window reports the user's activity with `touch`.
 */
export class AuthService {
  private session: Session | null = null;
  private endedBecause: AuthState['endedBecause'] = null;
  private readonly firstAdministratorListeners: Array<() => void> = [];
  private readonly refusals: RefusalLog;
  private readonly unknownNames = new UnknownNames();
  /** Who writes when nobody signs in: the command line, as "command line (OS user NAME)". */
  private actor: string | null = null;

  private readonly database: () => Database;

  /** `db` may be a function, so that a restore that reopens the file is followed (see Connection.reopen). */
  constructor(
    db: Database | (() => Database),
    private readonly now: () => number = Date.now,
    private readonly cost: PasswordCost = passwordCost,
  ) {
    this.database = typeof db === 'function' ? db : () => db;
    this.refusals = new RefusalLog(this.database);
  }

  private get db(): Database {
    return this.database();
  }

  state(): AuthState {
    this.expireIfIdle();
    return {
      needsSetup: this.needsSetup(),
      user: this.session?.user ?? null,
      idleMinutes: this.idleMinutes(),
      endedBecause: this.session ? null : this.endedBecause,
    };
  }

  /** The signed-in user, when they may do `permission`; else a clear refusal. */
  authorize(permission: Permission): SignedInUser {
    this.expireIfIdle();
    if (!this.session) {
      throw new AppError(
        'unauthenticated',
        this.endedBecause === 'idle' ? 'You were signed out after a while without activity. Sign in again to go on.' : 'Please sign in first.',
      );
    }
    const { user } = this.session;
    if (!can(user.role, permission)) {
      throw new AppError('forbidden', `${permissionWords[permission]} needs an administrator${permission === 'model' ? ' or a Marketing Lead' : ''}. Ask your administrator if you need it.`);
    }
    return user;
  }

  /**
   * A call was refused (`forbidden` or `unauthenticated`): written to the
   * audit log as "Refused" with the call and why, in the signed-in user's
   * name or nobody's. The same refusal again within a minute counts on the
   * same entry.
   */
  refused(call: string, reason: string): void {
    const user = this.session?.user;
    this.refusals.write(this.now(), user ? { id: user.id, username: user.username } : null, `${call}: ${reason}`.slice(0, 300));
  }

  current(): SignedInUser | null {
    this.expireIfIdle();
    return this.session?.user ?? null;
  }

  /** The user did something in the window: the idle clock starts again. */
  touch(): void {
    this.expireIfIdle();
    if (this.session) this.session.lastActivity = this.now();
  }

  needsSetup(): boolean {
    return !anyUser(this.db);
  }

  /** First start: the administrator account, made only while there is no account at all. */
  async createFirstAdministrator(input: Omit<NewUser, 'role'>): Promise<AuthState> {
    const hash = await hashPassword(input.password, this.cost);
    // Immediate: the check and the insert hold the write lock together (a deferred transaction that reads first
    // fails at once with SQLITE_BUSY when a job commits in between).
    const created = this.db
      .transaction(() => {
        if (!this.needsSetup()) return null;
        return this.insertUser({ ...input, role: 'administrator' }, hash);
      })
      .immediate();
    if (created === null) throw new AppError('conflict', 'The administrator account already exists. Sign in with it instead.');
    updateUserRow(this.db, created, { last_sign_in_at: new Date(this.now()).toISOString() });
    const row = this.row(created)!;
    writeAudit(this.db, this.now(), row, 'accountCreated', `First administrator ${row.username} created`);
    this.begin(row);
    for (const listener of this.firstAdministratorListeners.splice(0)) listener();
    return this.state();
  }

  /** Runs `listener` once the first administrator exists: now, if they already do. */
  whenSetUp(listener: () => void): void {
    if (this.needsSetup()) this.firstAdministratorListeners.push(listener);
    else listener();
  }

  async signIn(username: string, password: string): Promise<AuthState> {
    const name = username.trim();
    const row = userByName(this.db, name);
    const ok = await verifyPassword(password, row?.password_hash ?? decoyHash(this.cost));
    const now = this.now();
    if (!row) return this.refuseUnknown(name, now);
    const current = this.row(row.id)!; // failed tries may have been counted while scrypt ran
    if (current.locked_until !== null && current.locked_until > now) {
      writeAudit(this.db, now, current, 'signInRefused', 'Account locked');
      throw new AppError('forbidden', lockedWords(current.locked_until));
    }
    // A switched-off account answers exactly as a wrong password does, and counts towards the lock the same way:
    // a different word, or a lock that only wrong passwords reach, would tell a guesser the password was right.
    // Its audit line says the account is off, right password or not, so not even the log tells.
    if (!ok || !current.active) {
      const failed = current.failed_attempts + 1;
      if (failed >= maxFailedAttempts) {
        const until = now + lockMinutes * 60_000;
        updateUserRow(this.db, current.id, { failed_attempts: 0, locked_until: until });
        writeAudit(this.db, now, current, 'accountLocked', `${maxFailedAttempts} wrong passwords; locked until ${new Date(until).toISOString()}`);
        throw new AppError('forbidden', lockingWords(until));
      }
      updateUserRow(this.db, current.id, { failed_attempts: failed, locked_until: null });
      writeAudit(this.db, now, current, 'signInFailed', `${current.active ? 'Wrong password' : 'Account switched off'} (${failed} of ${maxFailedAttempts})`);
      throw new AppError('forbidden', wrongPassword);
    }
    // Made at an older, lower cost: stored again at today's, now that the password is at hand.
    if (needsRehash(current.password_hash, this.cost)) {
      replacePasswordHash(this.db, current.id, current.password_hash, await hashPassword(password, this.cost));
    }
    updateUserRow(this.db, current.id, { failed_attempts: 0, locked_until: null, last_sign_in_at: new Date(now).toISOString() });
    writeAudit(this.db, now, current, 'signIn', '');
    this.begin(current);
    return this.state();
  }

  signOut(): AuthState {
    if (this.session) {
      writeAudit(this.db, this.now(), this.row(this.session.user.id) ?? null, 'signOut', '');
      this.session = null;
    }
    this.endedBecause = null;
    return this.state();
  }

  idleMinutes(): number {
    const stored = Number(getMeta(this.db, 'idle_minutes'));
    return Number.isInteger(stored) && stored > 0 ? stored : defaultIdleMinutes;
  }

  setIdleMinutes(minutes: number): AuthState {
    setMeta(this.db, 'idle_minutes', String(minutes));
    return this.state();
  }

  /** Writes one audit entry in the signed-in user's name (or the command line's, or nobody's). */
  audit(action: string, detail: string): void {
    writeAudit(this.db, this.now(), this.auditor(), action, detail);
  }

  /** The name audit entries are written in now: the signed-in user, else the command line's actor, else none. */
  auditor(): { id: number | null; username: string } | null {
    const user = this.session?.user;
    if (user) return { id: user.id, username: user.username };
    return this.actor === null ? null : { id: null, username: this.actor };
  }

  /**
   * The command line signs nobody in (it is the machine administrator's
   * tool), yet what it writes must show in the audit log: its entries are
   * written in this name.
   */
  actAs(name: string): void {
    this.actor = name;
  }

  // ----- User management (administrators) -----

  listUsers(): UserView[] {
    const rows = allUsers(this.db);
    const now = this.now();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      active: r.active === 1,
      lockedUntil: r.locked_until !== null && r.locked_until > now ? new Date(r.locked_until).toISOString() : null,
      createdAt: r.created_at,
      lastSignInAt: r.last_sign_in_at,
    }));
  }

  async addUser(input: NewUser): Promise<{ id: number }> {
    const hash = await hashPassword(input.password, this.cost);
    if (userByName(this.db, input.username) !== undefined) {
      throw new AppError('conflict', `There is already a user called "${input.username}". Choose another user name.`);
    }
    return { id: this.insertUser(input, hash) };
  }

  /** Changes an account; says whose and what changed (nothing, when every field was as it was), for the audit log. */
  updateUser(id: number, change: { displayName?: string; role?: Role; active?: boolean }): { id: number; username: string; changes: string[] } {
    const row = this.row(id);
    if (!row) throw new AppError('not_found', 'That user no longer exists. Reload the list.');
    const me = this.session?.user.id;
    const demotes = (change.role !== undefined && change.role !== 'administrator') || change.active === false;
    this.db.transaction(() => {
      if (demotes && row.role === 'administrator' && row.active === 1) {
        const admins = activeAdministrators(this.db);
        if (admins <= 1) throw new AppError('conflict', 'This is the only active administrator. Make another administrator first, so someone can still manage the app.');
      }
      if (change.active === false && id === me) throw new AppError('conflict', 'You cannot switch off your own account while signed in with it.');
      updateUserRow(this.db, id, { display_name: change.displayName, role: change.role, active: change.active === undefined ? undefined : Number(change.active) });
      // Tries on a switched-off account count towards its lock (see signIn); switching it on starts afresh.
      if (change.active === true && row.active === 0) updateUserRow(this.db, id, { failed_attempts: 0, locked_until: null });
    }).immediate();
    const changes = [
      change.displayName !== undefined && change.displayName !== row.display_name ? `name "${change.displayName}"` : '',
      change.role !== undefined && change.role !== row.role ? `role ${change.role}` : '',
      change.active !== undefined && Number(change.active) !== row.active ? (change.active ? 'switched on' : 'switched off') : '',
    ].filter(Boolean);
    if (this.session?.user.id === id) this.session.user = toSignedIn(this.row(id)!);
    return { id, username: row.username, changes };
  }

  async setPassword(id: number, password: string): Promise<{ id: number; username: string }> {
    const row = this.row(id);
    if (!row) throw new AppError('not_found', 'That user no longer exists. Reload the list.');
    const hash = await hashPassword(password, this.cost);
    updateUserRow(this.db, id, { password_hash: hash, failed_attempts: 0, locked_until: null });
    return { id, username: row.username };
  }

  unlock(id: number): { id: number; username: string } {
    const row = this.row(id);
    if (!row) throw new AppError('not_found', 'That user no longer exists. Reload the list.');
    updateUserRow(this.db, id, { failed_attempts: 0, locked_until: null });
    return { id, username: row.username };
  }

  async changeOwnPassword(user: SignedInUser, current: string, next: string): Promise<{ changed: true }> {
    const row = this.row(user.id)!;
    if (!(await verifyPassword(current, row.password_hash))) throw new AppError('validation', 'Your current password is not right, so the password was not changed.');
    updateUserRow(this.db, user.id, { password_hash: await hashPassword(next, this.cost) });
    return { changed: true };
  }

  // ----- Inside -----

  /**
   * A user name no account has: counted and locked exactly as an account is
   * (see UnknownNames), the same words at every try, so the answers do not
   * tell which names exist. The audit log says it was an unknown name.
   */
  private refuseUnknown(name: string, now: number): never {
    const tries = this.unknownNames.get(name);
    const detail = `Unknown user name "${name.slice(0, 40)}"`;
    if (tries.lockedUntil !== null && tries.lockedUntil > now) {
      writeAudit(this.db, now, null, 'signInFailed', `${detail} (answered as a locked account)`);
      throw new AppError('forbidden', lockedWords(tries.lockedUntil));
    }
    const failed = tries.failed + 1;
    if (failed >= maxFailedAttempts) {
      const until = now + lockMinutes * 60_000;
      this.unknownNames.set(name, { failed: 0, lockedUntil: until }, now);
      writeAudit(this.db, now, null, 'signInFailed', `${detail} (${failed} of ${maxFailedAttempts}, answered as a locked account)`);
      throw new AppError('forbidden', lockingWords(until));
    }
    this.unknownNames.set(name, { failed, lockedUntil: null }, now);
    writeAudit(this.db, now, null, 'signInFailed', `${detail} (${failed} of ${maxFailedAttempts})`);
    throw new AppError('forbidden', wrongPassword);
  }

  private begin(row: UserRow): void {
    this.session = { user: toSignedIn(row), lastActivity: this.now() };
    this.endedBecause = null;
  }

  private expireIfIdle(): void {
    if (!this.session) return;
    if (this.now() - this.session.lastActivity <= this.idleMinutes() * 60_000) return;
    writeAudit(this.db, this.now(), this.row(this.session.user.id) ?? null, 'sessionExpired', `No activity for ${this.idleMinutes()} minutes`);
    this.session = null;
    this.endedBecause = 'idle';
  }

  private row(id: number): UserRow | undefined {
    return userById(this.db, id);
  }

  private insertUser(input: Omit<NewUser, 'password'>, hash: string): number {
    return insertUser(this.db, { ...input, passwordHash: hash, createdAt: new Date(this.now()).toISOString() });
  }
}

const permissionWords: Record<Permission, string> = {
  view: 'Looking at the data',
  export: 'Exporting reports',
  model: 'Changing the segmentation model',
  import: 'Importing data',
  settings: 'Changing settings',
  users: 'Managing users',
};
