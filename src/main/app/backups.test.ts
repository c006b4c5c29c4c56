import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BackupEntry, BackupList, DatabaseHealth, SalvageResult } from '../../shared/backups';
import type { Envelope } from '../../shared/contract';
import type { ImportCheck } from '../../shared/importViews';
import type { AppContext } from './context';
import { createAppContext } from '../composition/compose';
import type { HostDialogs } from './host';
import { appDispatch, createHandlers } from '../composition/ipc/handlers';
import { guardAgainstDamage } from '../composition/ipc/damageGuard';
import { silentLogger } from '../platform/log';
import { errorOf, failureOf } from '../platform/threads/protocol';
import { signInAs } from '../testing/accounts';
import { builtWorker, tempDir } from '../testing/temp';
import { backupsFolder, takeBackup } from '../platform/db/backups';
import { openDatabase } from '../platform/db/connection';
import { damageSalesLines } from '../testing/damage';
import { suggestedDecisions } from '../testing/importDecisions';

// Backups, the check at start, restore and saving what can be read, on real files, through the window's door.
const dialog = { open: null as string | null, save: null as string | null };
const dialogs: HostDialogs = { openFile: async () => dialog.open, saveFile: async () => dialog.save };
const tmp = tempDir();
const open: AppContext[] = [];
afterEach(async () => {
  for (const ctx of open.splice(0)) await ctx.close();
});
afterAll(() => tmp.remove());

function start(file: string): { ctx: AppContext; call: <T>(name: string, input?: unknown) => Promise<T>; fails: (name: string, input?: unknown) => Promise<{ kind: string; message: string }> } {
  const ctx = createAppContext({ databasePath: file, log: silentLogger, version: 'test', workerFile: builtWorker, dialogs });
  open.push(ctx);
  const dispatch = appDispatch(ctx, silentLogger);
  return {
    ctx,
    async call<T>(name: string, input: unknown = {}): Promise<T> {
      const answer = (await dispatch(name, input)) as Envelope<T>;
      if (!answer.ok) throw new Error(`${answer.error.kind}: ${answer.error.message}`);
      return answer.value;
    },
    async fails(name: string, input: unknown = {}) {
      const answer = await dispatch(name, input);
      if (answer.ok) throw new Error(`${name} should have failed`);
      return answer.error;
    },
  };
}

/** Every table's rows, as a hash per table: two files hold the same data when these are equal. */
function tableHashes(file: string): Record<string, string> {
  const db = new Sqlite(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    return Object.fromEntries(
      tables.map(({ name, sql }) => {
        const order = /WITHOUT\s+ROWID/i.test(sql) ? '' : ' ORDER BY rowid';
        const hash = crypto.createHash('sha256');
        for (const row of db.prepare(`SELECT * FROM "${name}"${order}`).iterate()) hash.update(JSON.stringify(row));
        return [name, hash.digest('hex')];
      }),
    );
  } finally {
    db.close();
  }
}

function count(file: string, table: string): number {
  const db = new Sqlite(file, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

async function health(call: <T>(name: string) => Promise<T>): Promise<DatabaseHealth> {
  for (let i = 0; i < 200; i++) {
    const answer = await call<DatabaseHealth>('getDatabaseHealth');
    if (answer.status !== 'checking') return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The check at start never answered');
}

async function loadDemo(ctx: AppContext, customers: number): Promise<void> {
  await ctx.jobs.wait(ctx.jobs.start('demoLoad', { customers }).jobId);
}

describe('backups', () => {
  it('takes a backup before an import, a training and a deletion, and keeps only the number set', async () => {
    const file = path.join(tmp.dir, 'kept', 'octave.sqlite');
    const { ctx, call } = start(file);
    await signInAs(ctx);
    await loadDemo(ctx, 300);
    await call('setBackupsToKeep', { keep: 2 });
    // What a backup cut short by a crash left: never listed, and cleared by the next backup.
    fs.mkdirSync(backupsFolder(file), { recursive: true });
    const half = path.join(backupsFolder(file), '.octave-2026-11-30T09-00-00-before-import.sqlite.partial');
    fs.writeFileSync(half, 'SQLite format 3\0');
    expect((await call<BackupList>('listBackups')).backups).toEqual([]);
    const csv = path.join(tmp.dir, 'sales.csv');
    fs.writeFileSync(csv, ['Invoice,Date,Customer,Outlet,Category,Qty,Amount', 'A1,2026-03-01 10:00,C1,Kandy,Vegetables,1,100.00', 'A2,2026-03-02 10:00,C2,Kandy,Chocolates,2,250.00'].join('\n'));
    dialog.open = csv;
    const chosen = await call<{ fileId: string }>('chooseImportFile');
    const { jobId: checkId } = await call<{ jobId: string }>('startImportCheck', { fileId: chosen.fileId });
    await ctx.jobs.wait(checkId);
    const check = await call<ImportCheck>('getImportCheck', { jobId: checkId });
    const { jobId } = await call<{ jobId: string }>('startImport', suggestedDecisions(check, { removeDemo: false }));
    await ctx.jobs.wait(jobId);
    let list = await call<BackupList>('listBackups');
    expect(list.backups.map((b) => b.reason)).toEqual(['import']);
    expect(list.keep).toBe(2);
    expect(fs.existsSync(half)).toBe(false);

    await ctx.jobs.wait((await call<{ jobId: string }>('startSegmentation', { k: 3 })).jobId);
    const { imports } = await call<{ imports: Array<{ importId: number; kind: string }> }>('listImports');
    await call('deleteImport', { importId: imports.find((i) => i.kind !== 'demo')!.importId });
    list = await call<BackupList>('listBackups');
    expect(list.backups.map((b) => b.reason)).toEqual(['deleteImport', 'training']);
    await call('clearDemoData');
    list = await call<BackupList>('listBackups');
    expect(list.backups.map((b) => b.reason)).toEqual(['clearDemo', 'deleteImport']);
    expect(fs.readdirSync(backupsFolder(file)).filter((n) => n.endsWith('.sqlite'))).toHaveLength(2);
    // Each kept backup has its fingerprint beside it; a pruned one's went with it.
    expect(fs.readdirSync(backupsFolder(file)).filter((n) => n.endsWith('.json')).sort()).toEqual(list.backups.map((b) => `${b.name}.json`).sort());
    // The backup before the deletion holds the import the deletion removed.
    expect(count(path.join(list.folder, list.backups[1]!.name), 'imports')).toBe(2);
    if (process.platform !== 'win32') {
      expect(fs.statSync(list.folder).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(list.folder, list.backups[0]!.name)).mode & 0o777).toBe(0o600);
    }
  }, 120_000);

  it('refuses to back up a damaged file, so the newest backup is always a good one', async () => {
    const file = path.join(tmp.dir, 'refused', 'octave.sqlite');
    const first = start(file);
    await loadDemo(first.ctx, 400);
    await first.ctx.close();
    damageSalesLines(file);
    const connection = openDatabase(file);
    await expect(takeBackup(connection.sqlite, file, { reason: 'onRequest', keep: 3 })).rejects.toMatchObject({ kind: 'damaged' });
    connection.close();
    expect(fs.existsSync(backupsFolder(file)) ? fs.readdirSync(backupsFolder(file)) : []).toEqual([]);
  }, 60_000);

  it('reports damage at the next start, refuses writes, and a restore brings back exactly the backed-up data', async () => {
    const file = path.join(tmp.dir, 'restore', 'octave.sqlite');
    const first = start(file);
    await signInAs(first.ctx);
    await loadDemo(first.ctx, 600);
    const backup = await first.call<BackupEntry>('makeBackup');
    const backupFile = path.join(backupsFolder(file), backup.name);
    await first.call('setCurrency', { currency: 'USD' }); // a change after the backup, which the restore undoes
    const customers = count(file, 'customers');
    await first.ctx.close();
    damageSalesLines(file);

    const second = start(file);
    await signInAs(second.ctx);
    const found = await health(second.call);
    expect(found.status).toBe('damaged');
    expect(found.message).toMatch(/^Your data file is damaged, so Octave Segments has stopped saving changes to it\. You can restore the latest good backup \(\d{1,2} \w{3} \d{4}, \d{2}:\d{2}\) or save what can still be read to a new file\.$/);
    const refused = await second.fails('setCurrency', { currency: 'EUR' });
    expect(refused).toMatchObject({ kind: 'damaged', message: found.message });
    await expect(second.fails('makeBackup')).resolves.toMatchObject({ kind: 'damaged' });

    // What can still be read goes to a new file: every customer, and the sales lines outside the damaged pages.
    dialog.save = path.join(tmp.dir, 'restore', 'readable.sqlite');
    const salvage = await second.call<SalvageResult>('saveReadableData');
    expect(salvage.saved).toBe(true);
    const lines = salvage.tables.find((t) => t.table === 'sales_lines')!;
    expect(lines.unreadable).toBeGreaterThan(0);
    expect(lines.rows).toBeGreaterThan(0);
    expect(count(dialog.save, 'customers')).toBe(customers);
    expect(count(dialog.save, 'sales_lines')).toBe(lines.rows);
    expect(lines.rows + lines.unreadable).toBeGreaterThanOrEqual(count(backupFile, 'sales_lines'));
    const saved = new Sqlite(dialog.save, { readonly: true });
    expect(saved.pragma('quick_check', { simple: true })).toBe('ok');
    saved.close();
    openDatabase(dialog.save).close(); // the app can open it as its data file (same schema version)

    const restored = await second.call<BackupEntry>('restoreBackup', { name: backup.name });
    expect(restored.name).toBe(backup.name);
    expect((await health(second.call)).status).toBe('good');
    const after = tableHashes(file);
    const expected = tableHashes(backupFile);
    const { audit_log: auditAfter, ...restOfAfter } = after;
    const { audit_log: auditBefore, ...restOfBackup } = expected;
    expect(restOfAfter).toEqual(restOfBackup);
    expect(auditAfter).not.toBe(auditBefore); // the restore itself is audited in the restored file
    const last = second.ctx.connection.sqlite.prepare('SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; detail: string };
    expect(last.action).toBe('backupRestored');
    // The damaged file's audit log was readable: the change made after the backup is still in the trail, nothing reported lost.
    expect(last.detail).not.toMatch(/could not be read/);
    expect(second.ctx.connection.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'settingsChanged' AND detail = 'Currency: USD'").pluck().get()).toBe(1);
    // Writes work again, on every connection: the dashboard reads from the background thread.
    expect(await second.call('getCurrency')).toEqual({ currency: 'LKR' });
    await second.call('setCurrency', { currency: 'EUR' });
    const summary = await second.call<{ customers: number }>('getDashboardSummary');
    expect(summary.customers).toBe(customers);
  }, 120_000);
});

describe('restore on a sound file', () => {
  it('keeps a backup of the current data first, never prunes the backup being restored, and refuses while a job runs', async () => {
    const file = path.join(tmp.dir, 'sound', 'octave.sqlite');
    const { ctx, call, fails } = start(file);
    await signInAs(ctx);
    await call('setBackupsToKeep', { keep: 2 });
    const older = await call<BackupEntry>('makeBackup');
    await call('setCurrency', { currency: 'USD' });
    const newer = await call<BackupEntry>('makeBackup');
    const olderHashes = tableHashes(path.join(backupsFolder(file), older.name));

    const job = ctx.jobs.start('demoLoad', { customers: 300 });
    expect(await fails('restoreBackup', { name: older.name })).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/^A job is running/) });
    await ctx.jobs.wait(job.jobId);

    await call('restoreBackup', { name: older.name });
    const { backups } = await call<BackupList>('listBackups');
    // The backup before the restore holds the demo data; with two kept, the one restored stays all the same.
    expect(backups.map((b) => b.reason)).toEqual(['restore', 'onRequest', 'onRequest']);
    expect(backups.map((b) => b.name).slice(1)).toEqual([newer.name, older.name]);
    expect(count(path.join(backupsFolder(file), backups[0]!.name), 'customers')).toBe(300);
    const { audit_log: _audit, ...restored } = tableHashes(file);
    const { audit_log: _olderAudit, ...expected } = olderHashes;
    expect(restored).toEqual(expected);
    expect(await call('getCurrency')).toEqual({ currency: 'LKR' });
    expect((await call<{ customers: number }>('getDashboardSummary')).customers).toBe(0);
    expect(await fails('restoreBackup', { name: 'octave-2020-01-01T00-00-00-on-request.sqlite' })).toMatchObject({ kind: 'not_found' });
    expect(await fails('restoreBackup', { name: '../octave.sqlite' })).toMatchObject({ kind: 'validation' });
    // A backup damaged in its folder is checked before anything is replaced, and refused.
    const fd = fs.openSync(path.join(backupsFolder(file), newer.name), 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
    fs.closeSync(fd);
    expect(await fails('restoreBackup', { name: newer.name })).toMatchObject({ kind: 'validation', message: expect.stringMatching(/^The backup of .* is damaged too, so it was not restored\. Choose an older one\.$/) });
    expect(await call('getCurrency')).toEqual({ currency: 'LKR' });
  }, 60_000);
});

describe('repeats of the same data', () => {
  it('are not backed up twice: the newest backup is handed back, and the trail says no new one was needed', async () => {
    const file = path.join(tmp.dir, 'repeats', 'octave.sqlite');
    const { ctx, call } = start(file);
    await signInAs(ctx);
    await call('setBackupsToKeep', { keep: 2 });
    const first = await call<BackupEntry>('makeBackup');
    await signInAs(ctx); // a sign-in changes no data
    expect(await call<BackupEntry>('makeBackup')).toEqual(first);
    expect(await call<BackupEntry>('makeBackup')).toEqual(first);
    await call('setCurrency', { currency: 'USD' });
    const second = await call<BackupEntry>('makeBackup');
    expect(second.name).not.toBe(first.name);
    expect((await call<BackupList>('listBackups')).backups.map((b) => b.name)).toEqual([second.name, first.name]);
    const details = ctx.connection.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'backupMade' ORDER BY id").pluck().all();
    expect(details).toEqual([`Backup ${first.name}`, `No new backup: ${first.name} already holds this data`, `No new backup: ${first.name} already holds this data`, `Backup ${second.name}`]);
  }, 60_000);
});

describe('the audit log across a restore', () => {
  it('keeps the entries written after the backup (sign-ins, refusals, an account since made), then the restore', async () => {
    const file = path.join(tmp.dir, 'trail', 'octave.sqlite');
    const { ctx, call, fails } = start(file);
    await signInAs(ctx);
    const backup = await call<BackupEntry>('makeBackup');
    // An account the backup does not hold, its sign-in and a refusal, then a change the restore undoes.
    await signInAs(ctx, 'marketingExecutive');
    expect(await fails('makeBackup')).toMatchObject({ kind: 'forbidden' });
    await signInAs(ctx);
    await call('setCurrency', { currency: 'USD' });
    type Entry = { id: number; at: string; username: string | null; action: string; detail: string };
    const trail = (): Entry[] => ctx.connection.sqlite.prepare('SELECT id, at, username, action, detail FROM audit_log ORDER BY id').all() as Entry[];
    const before = trail();
    const inBackup = new Sqlite(path.join(backupsFolder(file), backup.name), { readonly: true });
    const backupMax = inBackup.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    inBackup.close();
    expect(before.filter((e) => e.id > backupMax).map((e) => e.action)).toEqual(expect.arrayContaining(['userAdded', 'signIn', 'refused', 'settingsChanged']));

    await call('restoreBackup', { name: backup.name });
    expect(await call('getCurrency')).toEqual({ currency: 'LKR' });
    const after = trail();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => e.action)).toEqual(['backupRestored']);
    expect(after.at(-1)?.detail).toMatch(/^Backup of \d{1,2} \w{3} \d{4}, \d{2}:\d{2}(:\d{2})? restored \(made from settings\)$/);
    // The account made after the backup is gone with the data; its entries keep its name.
    expect(after.filter((e) => e.username?.startsWith('marketingExecutive')).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('a file too damaged to open', () => {
  it('says where the latest good backup is and how to put it back', async () => {
    const file = path.join(tmp.dir, 'unopenable', 'octave.sqlite');
    const { ctx } = start(file);
    const backup = await takeBackup(ctx.connection.sqlite, file, { reason: 'onRequest', keep: 3 });
    await ctx.close();
    open.length = 0;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    fs.closeSync(fd);
    expect(() => openDatabase(file)).toThrow(
      `The file ${file} is not an Octave Segments database, or it is damaged. The latest good backup is ${path.join(backupsFolder(file), backup.name)}`,
    );
  });
});

describe('damage met by a call', () => {
  it('turns SQLite\'s "malformed" from any call into the damaged state and its message, and refuses the writes after it', async () => {
    const file = path.join(tmp.dir, 'call', 'octave.sqlite');
    const { ctx } = start(file);
    await signInAs(ctx, 'marketingLead');
    const lead = ctx.auth.current()!;
    await expect.poll(() => ctx.health.view(false).status).toBe('good'); // the check at start has answered
    const malformed = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    const handlers = guardAgainstDamage(ctx, { ...createHandlers(ctx), listReports: () => { throw malformed; } });
    await expect(handlers.listReports({}, lead)).rejects.toMatchObject({ kind: 'damaged', message: expect.stringMatching(/Ask an administrator to /) });
    expect(ctx.health.damaged).toBe(true);
    await expect(handlers.renameSegment({ modelId: 1, segment: 0, name: 'Loyal' }, lead)).rejects.toMatchObject({ kind: 'damaged' });
    await expect(handlers.getCurrency({}, lead)).resolves.toEqual({ currency: 'LKR' });
  });

  it('takes damage met on a helper thread or in a job, which arrives already in words, as damage too', async () => {
    const file = path.join(tmp.dir, 'thread', 'octave.sqlite');
    const { ctx } = start(file);
    await signInAs(ctx, 'administrator');
    await expect.poll(() => ctx.health.view(true).status).toBe('good');
    const malformed = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    // What the background thread sends back and the main process rebuilds (src/main/background/work.ts).
    const fromBackground = errorOf(failureOf(malformed), silentLogger, 'Background rfmSummary');
    const handlers = guardAgainstDamage(ctx, { ...createHandlers(ctx), getRfmSummary: () => { throw fromBackground; } });
    await expect(handlers.getRfmSummary({}, ctx.auth.current()!)).rejects.toMatchObject({ kind: 'damaged', message: expect.stringMatching(/You can .*save what can still be read/) });
    expect(ctx.health.damaged).toBe(true);
  });
});
