import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import type { ImportCheck } from '../../../shared/importViews';
import type { HostDialogs } from '../../app/host';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { contextPerTest } from '../../testing/context';

// The Import Data screen's check, through the same zod-checked door the window uses.
const dialog = { open: null as string | null };
const dialogs: HostDialogs = { openFile: async () => dialog.open, saveFile: async () => null };
const env = contextPerTest({ dialogs, signedIn: 'administrator' });

describe('the check step', () => {
  async function call<T>(name: string, input: unknown = {}): Promise<T> {
    const answer = (await appDispatch(env.ctx, silentLogger)(name, input)) as Envelope<T>;
    if (!answer.ok) throw new Error(`${answer.error.kind}: ${answer.error.message}`);
    return answer.value;
  }

  async function checked(file: string, change: Record<string, unknown> = {}): Promise<ImportCheck> {
    dialog.open = file;
    const chosen = await call<{ fileId: string }>('chooseImportFile');
    const { jobId } = await call<{ jobId: string }>('startImportCheck', { fileId: chosen.fileId, ...change });
    await env.ctx.jobs.wait(jobId);
    return call<ImportCheck>('getImportCheck', { jobId });
  }

  it('shows each column with how sure the match is and why; a column the person picks says so', async () => {
    const file = env.tmp.file('warehouse.csv');
    fs.writeFileSync(file, 'Customer ID,store_city,Fresh Spend,Dry Spend,Luxury Spend\nC1,Kandy,100,200,50\n');
    const check = await checked(file);
    expect(check.missing).toEqual([]);
    expect(check.columnMatches).toContainEqual({ field: 'outlet', column: 1, header: 'store_city', confidence: 0.9, reason: 'outlet named with a qualifier: city' });
    expect(check.columnMatches).toContainEqual({ field: 'customer', column: 0, header: 'Customer ID', confidence: 1, reason: 'same name' });

    const chosen = await checked(file, { mapping: { ...check.mapping, outlet: null, segment: 1 }, useSavedMapping: false });
    expect(chosen.columnMatches.find((m) => m.column === 1)).toEqual({ field: 'segment', column: 1, header: 'store_city', confidence: 1, reason: 'chosen by you' });
    expect(chosen.columnMatches.find((m) => m.field === 'fresh')?.reason).toBe('same name');
  });
});
