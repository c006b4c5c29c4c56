import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth';
import type { ReportEntry } from '../../../shared/reports';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { signInAs, testPassword } from '../../testing/accounts';
import { contextPerTest } from '../../testing/context';

const env = contextPerTest();

describe('who may change the reports folder and delete reports, through the real door', () => {
  it('lets only administrators set the folder, each user delete their own reports, and administrators any; refusals are audited', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    const call = async (name: string, input: unknown) => {
      const answer = await dispatch(name, input);
      if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error);
      return answer.value as Record<string, unknown>;
    };
    const refusal = async (name: string, input: unknown) => {
      const answer = await dispatch(name, input);
      if (answer.ok) throw new Error(`${name} was allowed`);
      return answer.error;
    };

    // The administrator sets up: data, segments, and the folder reports go to.
    const admin = await signInAs(env.ctx, 'administrator');
    await env.ctx.jobs.wait(env.ctx.jobs.start('demoLoad', { customers: 400 }).jobId);
    const { modelId } = await env.ctx.jobs.run('segment', { k: 3 });
    const folder = env.tmp.file('reports');
    fs.mkdirSync(folder);
    expect(await call('setReportsFolder', { folder })).toEqual({ folder });

    const users: Partial<Record<Role, { id: number; username: string }>> = { administrator: admin };
    const signIn = async (role: Role) => {
      env.ctx.auth.signOut();
      if (users[role]) await env.ctx.auth.signIn(users[role].username, testPassword);
      else users[role] = await signInAs(env.ctx, role);
    };
    const exportAs = async (role: Role, segment: number, whenExists = 'ask'): Promise<ReportEntry> => {
      await signIn(role);
      const started = await call('startReportExport', { params: { modelId, segment, format: 'pdf', rows: { top: 20 } }, whenExists });
      expect(started.status).toBe('started');
      const { reportId } = await env.ctx.jobs.wait<'export'>(started.jobId as string);
      return ((await call('listReports', {})).reports as ReportEntry[]).find((r) => r.id === reportId)!;
    };
    const executives = await exportAs('marketingExecutive', 0);
    const leads = await exportAs('marketingLead', 1);
    const admins = await exportAs('administrator', 2);
    expect([executives.createdById, leads.createdById, admins.createdById]).toEqual([users.marketingExecutive!.id, users.marketingLead!.id, admin.id]);
    // A report from before makers were recorded (migration 11 leaves them unknown).
    const old = await exportAs('administrator', 0, 'newVersion');
    env.ctx.connection.sqlite.prepare('UPDATE reports SET created_by_user_id = NULL WHERE id = ?').run(old.id);
    const adminsFileTime = fs.statSync(admins.path).mtimeMs;
    const exists = (r: ReportEntry) => fs.existsSync(r.path) && env.ctx.connection.sqlite.prepare('SELECT 1 FROM reports WHERE id = ?').get(r.id) !== undefined;

    for (const role of ['marketingExecutive', 'marketingLead'] as const) {
      await signIn(role);
      // The folder is app-wide: the other roles read it but may not change it.
      expect(await call('getReportsFolder', {})).toEqual({ folder });
      expect(await refusal('setReportsFolder', { folder: env.tmp.dir })).toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/Changing settings needs an administrator/) });
      for (const other of [role === 'marketingLead' ? executives : leads, admins, old]) {
        expect(await refusal('deleteReport', { id: other.id, deleteFile: true })).toEqual({
          kind: 'forbidden',
          message: 'Only the person who made this report, or an administrator, can delete or overwrite it.',
        });
        expect(exists(other)).toBe(true);
      }
      // Overwriting someone else's report would replace their file: refused too; a new version is fine.
      const othersParams = { modelId, segment: 2, format: 'pdf', rows: { top: 20 } };
      expect(await refusal('startReportExport', { params: othersParams, whenExists: 'overwrite' })).toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/Save it as a new version instead/) });
      expect(fs.statSync(admins.path).mtimeMs).toBe(adminsFileTime);
    }
    expect(env.ctx.auth.current()?.role).toBe('marketingLead');
    expect(await call('deleteReport', { id: leads.id, deleteFile: true })).toEqual({ removed: true, fileRemoved: true });
    expect(exists(leads)).toBe(false);
    await signIn('marketingExecutive');
    expect(await call('deleteReport', { id: executives.id, deleteFile: false })).toEqual({ removed: true, fileRemoved: false });
    expect(fs.existsSync(executives.path)).toBe(true);

    // An administrator may delete anyone's, and those of unknown maker.
    await signIn('administrator');
    expect(await call('deleteReport', { id: old.id, deleteFile: true })).toEqual({ removed: true, fileRemoved: true });
    expect(await call('deleteReport', { id: admins.id, deleteFile: true })).toEqual({ removed: true, fileRemoved: true });
    expect((await call('listReports', {})).reports).toEqual([]);

    const log = (await call('listAuditLog', { action: 'refused', limit: 50 })).entries as Array<{ username: string; detail: string; repeats: number }>;
    expect(log.map((e) => `${e.username} ${e.detail} ×${e.repeats}`).reverse()).toEqual([
      `${users.marketingExecutive!.username} setReportsFolder: needs permission settings ×1`,
      `${users.marketingExecutive!.username} deleteReport: Only the person who made this report, or an administrator, can delete or overwrite it. ×3`,
      `${users.marketingExecutive!.username} startReportExport: Only the person who made this report, or an administrator, can delete or overwrite it. Save it as a new version instead. ×1`,
      `${users.marketingLead!.username} setReportsFolder: needs permission settings ×1`,
      `${users.marketingLead!.username} deleteReport: Only the person who made this report, or an administrator, can delete or overwrite it. ×3`,
      `${users.marketingLead!.username} startReportExport: Only the person who made this report, or an administrator, can delete or overwrite it. Save it as a new version instead. ×1`,
    ]);
  });
});
