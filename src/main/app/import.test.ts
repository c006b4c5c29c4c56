import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract';
import type { JobState } from '../../shared/contracts';
import type { ImportCheck, ImportSummaryView } from '../../shared/importViews';
import type { HostDialogs } from './host';
import type { Dispatch } from '../composition/ipc/dispatch';
import { appDispatch } from '../composition/ipc/handlers';
import { silentLogger } from '../platform/log';
import { contextPerTest } from '../testing/context';
import { suggestedDecisions } from '../testing/importDecisions';

// The Import Data screen's calls, through the same zod-checked door the window uses.
const dialog = { open: null as string | null, save: null as string | null };
const dialogs: HostDialogs = { openFile: async () => dialog.open, saveFile: async () => dialog.save };
const env = contextPerTest({ dialogs, signedIn: 'administrator' });
let dispatch: Dispatch;
beforeEach(() => {
  dispatch = appDispatch(env.ctx, silentLogger);
});

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const answer = (await dispatch(name, input)) as Envelope<T>;
  if (!answer.ok) throw new Error(`${answer.error.kind}: ${answer.error.message}`);
  return answer.value;
}

async function fails(name: string, input: unknown): Promise<{ kind: string; message: string }> {
  const answer = await dispatch(name, input);
  if (answer.ok) throw new Error(`${name} should have failed`);
  return answer.error;
}

async function finished(jobId: string): Promise<JobState> {
  await env.ctx.jobs.wait(jobId).catch(() => undefined);
  return call<JobState>('getJob', { jobId });
}

const salesCsv = [
  'Invoice,Date,Customer,Outlet,Product,Category,Qty,Amount',
  'A1,2026-03-01 10:00,C1,KANDY,P1,Vegetables,1,100.00',
  'A1,2026-03-01 10:00,C1,KANDY,P2,Chocolates,2,250.00',
  'A2,2026-03-02 11:00,C2,Head Office,P1,Vegetables,1,100.00',
  'A3,2026-03-03 12:00,C3,Colmbo,P3,Vegetables,1,=1+2',
].join('\n');

async function checked(file: string): Promise<ImportCheck> {
  dialog.open = file;
  const chosen = await call<{ fileId: string; name: string }>('chooseImportFile');
  const { jobId } = await call<{ jobId: string }>('startImportCheck', { fileId: chosen.fileId });
  await finished(jobId);
  return call<ImportCheck>('getImportCheck', { jobId });
}

describe('the Import Data calls', () => {
  it('refer to files by id only: a made-up id or a path is refused', async () => {
    expect(await fails('startImportCheck', { fileId: '/etc/passwd' })).toMatchObject({ kind: 'validation' });
    expect(await fails('startImportCheck', { fileId: '8c1f0a52-3a43-4c1b-9d0e-0f5b8a2b7c11' })).toMatchObject({
      kind: 'not_found',
      message: 'That file is no longer available. Choose it again.',
    });
    dialog.open = null;
    expect(await call('chooseImportFile')).toBeNull();
  });

  it('check, confirm, import, read the report, save it as CSV, and delete the import', async () => {
    const file = env.tmp.file('till.csv');
    fs.writeFileSync(file, salesCsv);
    const check = await checked(file);
    expect(check).toMatchObject({ name: 'till.csv', rows: 4, shape: 'salesLines', missing: [], demoLoaded: false, previousImport: null });
    expect(check.outlets.map((o) => [o.spelling, o.suggestion?.name ?? null, o.newName])).toEqual([
      ['KANDY', 'Kandy', 'Kandy'],
      ['Head Office', null, 'Head Office'],
      ['Colmbo', 'Colombo', 'Colmbo'],
    ]);
    expect(check.shapes.map((s) => s.shape)).toContain('customers');

    const { jobId } = await call<{ jobId: string }>('startImport', suggestedDecisions(check));
    expect((await finished(jobId)).status).toBe('succeeded');
    const summary = await call<ImportSummaryView>('getImportResult', { jobId });
    expect(summary).toMatchObject({ file: 'till.csv', rowsRead: 4, imported: 2, rejected: 2 });

    const list = await call<{ imports: Array<{ importId: number; rejected: number; rowsImported: number }> }>('listImports');
    expect(list.imports).toEqual([expect.objectContaining({ importId: summary.importId, rowsImported: 2, rejected: 2 })]);

    const importId = summary.importId!;
    const page = await call<{ stored: number; rows: Array<{ row: number; reason: string }> }>('getImportReport', { importId, limit: 1 });
    expect(page.stored).toBe(2);
    expect(page.rows).toEqual([expect.objectContaining({ row: 4, reason: 'Outlet was rejected as an outlet' })]);

    // Saved where the user chose; a formula in the file does not become a formula in Excel.
    dialog.save = env.tmp.file('rejected.csv');
    expect(await call('saveImportReport', { importId })).toEqual({ saved: true, path: dialog.save });
    const csv = fs.readFileSync(dialog.save, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFRow,Column,Value,Reason');
    expect(csv).toContain(`5,Amount,'=1+2,`);
    dialog.save = null;
    expect(await call('saveImportReport', { importId })).toEqual({ saved: false, path: null });

    expect(await call('deleteImport', { importId })).toEqual({ removedSalesLines: 2, removedCustomers: 1 });
    expect((await call<{ imports: unknown[] }>('listImports')).imports).toEqual([]);
    expect(await fails('getImportReport', { importId })).toMatchObject({ kind: 'not_found' });
  });

  it('a failed import reports its own error and leaves nothing behind', async () => {
    const file = env.tmp.file('till.csv');
    fs.writeFileSync(file, salesCsv);
    const check = await checked(file);
    fs.appendFileSync(file, '\nA9,2026-03-09 10:00,C9,KANDY,P1,Vegetables,1,100.00');
    const { jobId } = await call<{ jobId: string }>('startImport', suggestedDecisions(check));
    expect(await finished(jobId)).toMatchObject({ status: 'failed', error: 'till.csv changed since it was checked. Check it again before importing.' });
    expect(await fails('getImportResult', { jobId })).toMatchObject({ kind: 'conflict' });
    expect((await call<{ imports: unknown[] }>('listImports')).imports).toEqual([]);
  });

  it('an import of the user’s own data replaces the demo data when chosen, in the same transaction', async () => {
    await env.ctx.jobs.run('demoLoad', { customers: 300 });
    const file = env.tmp.file('till.csv');
    fs.writeFileSync(file, salesCsv);
    const check = await checked(file);
    expect(check.demoLoaded).toBe(true);
    const { jobId } = await call<{ jobId: string }>('startImport', { ...suggestedDecisions(check), removeDemo: true });
    await finished(jobId);
    expect(await call<ImportSummaryView>('getImportResult', { jobId })).toMatchObject({ demoRemoved: true, imported: 2 });
    const db = env.ctx.connection.sqlite;
    expect(db.prepare("SELECT count(*) FROM imports WHERE kind = 'demo'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    expect(await call('getAppStatus')).toMatchObject({ demo: 'dismissed', hasData: true });
  });

  it('a customer-level file without an outlet column imports with one outlet chosen for every customer', async () => {
    const file = env.tmp.file('spend.csv');
    fs.writeFileSync(file, 'Card No,Fresh Sales Value,Dry Sales Value,Luxury Sales Value,Notes\nC1,100,200,50,x\nC2,10,20,5,y\n');
    const check = await checked(file);
    expect(check).toMatchObject({ shape: 'customerSpend', missing: ['Outlet'] });
    const { jobId } = await call<{ jobId: string }>('startImport', { ...suggestedDecisions(check), defaultOutlet: { kind: 'new', name: 'Ella' }, amountsConfirmed: true });
    expect((await finished(jobId)).status).toBe('succeeded');
    expect(await call<ImportSummaryView>('getImportResult', { jobId })).toMatchObject({ imported: 2, rejected: 0 });
    const outlets = env.ctx.connection.sqlite.prepare('SELECT DISTINCT o.name FROM customer_spend s JOIN outlets o ON o.id = s.outlet_id').pluck().all();
    expect(outlets).toEqual(['Ella']);
  });
});

