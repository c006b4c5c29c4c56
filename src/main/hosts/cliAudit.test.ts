import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { cliOnFiles } from '../testing/cliFiles';

const files = cliOnFiles();
const who = `command line (OS user ${os.userInfo().username})`;

describe('the command line in the audit log', () => {
  it('writes every command that changes the database, start and end, in the OS user’s name', () => {
    const db = files.file('audit.sqlite');
    expect(files.cli('demo', '--customers', '300', '--db', db, '--json').code).toBe(0);
    expect(files.cli('segment', '--k', '3', '--db', db, '--json').code).toBe(0);
    const report = files.file('report.pdf');
    expect(files.cli('export', '--segment', '0', '--format', 'pdf', '--out', report, '--db', db, '--json').code).toBe(0);
    const csv = files.write('sales.csv', ['Date,Customer,Outlet,Amount', '02/01/2026,C1,Kandy,1500', '03/01/2026,C2,Galle,2500']);
    expect(files.cli('import', csv, '--db', db, '--json').code).toBe(0);
    // A command that fails is written too, with the reason.
    expect(files.cli('import', files.file('missing.csv'), '--db', db, '--json').code).toBe(1);
    // Reading writes nothing.
    expect(files.cli('info', '--db', db, '--json').code).toBe(0);
    expect(files.cli('segments', '--db', db, '--json').code).toBe(0);

    const rows = files.query(db, 'SELECT user_id, username, action, detail FROM audit_log ORDER BY id') as Array<{ user_id: number | null; username: string; action: string; detail: string }>;
    expect(rows.every((r) => r.username === who && r.user_id === null)).toBe(true);
    expect(rows.map((r) => r.action)).toEqual([
      'demoLoad',
      'demoLoad:finished',
      'segmentation',
      'segmentation:finished',
      'export',
      'export:finished',
      'import',
      'import:finished',
      'import',
      'import:failed',
    ]);
    expect(rows[0]?.detail).toBe('300 demo customers');
    expect(rows[4]?.detail).toMatch(/ as PDF to .*report\.pdf$/);
    expect(rows[7]?.detail).toBe('2 rows');
    expect(rows[9]?.detail).toMatch(/missing\.csv/);
    // The report's history entry names the command line as its maker, with no account: only an administrator may delete it.
    expect(files.query(db, 'SELECT created_by, created_by_user_id FROM reports')).toEqual([{ created_by: who, created_by_user_id: null }]);
  });
});
