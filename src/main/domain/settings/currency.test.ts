import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appDispatch } from '../../composition/ipc/handlers';
import { importHeadless } from '../../app/headlessImport';
import { silentLogger } from '../../platform/log';
import { listAudit } from '../auth/audit';
import { signInAs } from '../../testing/accounts';
import { contextPerTest } from '../../testing/context';

describe('the chain’s currency', () => {
  const env = contextPerTest();

  it('is LKR until an administrator changes it; the change is checked, audited, and the import’s question uses it', async () => {
    const dispatch = appDispatch(env.ctx, silentLogger);
    await signInAs(env.ctx, 'marketingLead');
    expect(await dispatch('getCurrency', {})).toEqual({ ok: true, value: { currency: 'LKR' } });
    expect(await dispatch('setCurrency', { currency: 'GBP' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    await signInAs(env.ctx, 'administrator');
    expect(await dispatch('setCurrency', { currency: 'rupees' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await dispatch('setCurrency', { currency: ' gbp ' })).toEqual({ ok: true, value: { currency: 'GBP' } });
    expect(await dispatch('getCurrency', {})).toEqual({ ok: true, value: { currency: 'GBP' } });
    const audit = listAudit(env.ctx.connection.sqlite, { offset: 0, limit: 10 }).entries.map((e) => `${e.action} ${e.detail}`);
    expect(audit).toContain('settingsChanged Currency: GBP');

    // Pounds now: a first file in pounds is not judged by rupee bands, and a later one 20× off is asked about in pounds.
    const file = (name: string, amount: number) => {
      const lines = ['Invoice,Date,Customer ID,Outlet,Amount'];
      for (let i = 0; i < 30; i++) lines.push(`${name}${i},2026-03-0${1 + (i % 9)} 10:00,C${i % 10},Kandy,${amount}`);
      fs.writeFileSync(env.tmp.file(name), lines.join('\n'));
      return env.tmp.file(name);
    };
    await importHeadless(env.ctx, file('first.csv', 4));
    await expect(importHeadless(env.ctx, file('second.csv', 80))).rejects.toThrow(/^Amounts look about 20× larger than your earlier data\. Are they in GBP\?/);
  });
});
