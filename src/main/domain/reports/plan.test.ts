import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportParams } from '../../../shared/reports';
import { openDatabase, type Connection } from '../../platform/db/connection';
import { tempDir } from '../../testing/temp';
import { addReport } from './history';
import { planExport } from './plan';

let tmp: ReturnType<typeof tempDir>;
let connection: Connection;
beforeEach(() => {
  tmp = tempDir();
  connection = openDatabase(tmp.file('app.sqlite'));
  // The account that made the earlier reports.
  connection.sqlite
    .prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (7, 'kasun', 'Kasun', 'marketingExecutive', 'x', '2026-11-01T09:00:00Z')")
    .run();
});
afterEach(() => {
  connection.close();
  tmp.remove();
});

const params: ReportParams = { modelId: 1, segment: 0, filters: { category: 'luxury' }, format: 'pdf', rows: { top: 500 } };
const maker = { id: 7, role: 'marketingExecutive' as const };

/** A report of `params` made by account 7 into the temp folder, as the export job records it. */
function madeBefore(fileName = 'Fresh Regulars.pdf', by: number | null = maker.id): { id: number; path: string } {
  const file = path.join(tmp.dir, fileName);
  const id = addReport(connection.sqlite, { params, title: 'Fresh Regulars', segmentName: 'Fresh Regulars', filterWords: ['Bought luxury'], customers: 20, path: file, size: 1000, createdBy: 'Kasun', createdAt: '2026-11-23T09:00:00Z', createdById: by });
  return { id, path: file };
}

describe('what an export does about the same report made before', () => {
  it('is a new report when nothing of the same segment, filters and format was made; the other filters are another report', () => {
    expect(planExport(connection.sqlite, params, 'ask', maker)).toEqual({ status: 'go', target: null, replaces: null });
    madeBefore();
    const otherFilters = { ...params, filters: { category: 'fresh' as const } };
    expect(planExport(connection.sqlite, otherFilters, 'ask', maker)).toEqual({ status: 'go', target: null, replaces: null });
    expect(planExport(connection.sqlite, { ...params, format: 'xlsx' }, 'ask', maker)).toEqual({ status: 'go', target: null, replaces: null });
  });

  it('asks first, then overwrites the same entry and file, or saves the next version beside it', () => {
    const before = madeBefore();
    expect(planExport(connection.sqlite, params, 'ask', maker)).toMatchObject({ status: 'exists', existing: { id: before.id, path: before.path, version: 1 } });
    expect(planExport(connection.sqlite, params, 'overwrite', maker)).toEqual({ status: 'go', target: before.path, replaces: before.id });
    expect(planExport(connection.sqlite, params, 'newVersion', maker)).toEqual({ status: 'go', target: path.join(tmp.dir, 'Fresh Regulars (v2).pdf'), replaces: null });
  });

  it('lets only the maker or an administrator overwrite, and the command line as the machine administrator', () => {
    const before = madeBefore();
    const colleague = { id: 8, role: 'marketingLead' as const };
    expect(() => planExport(connection.sqlite, params, 'overwrite', colleague)).toThrow('Only the person who made this report, or an administrator, can delete or overwrite it. Save it as a new version instead.');
    expect(planExport(connection.sqlite, params, 'newVersion', colleague)).toMatchObject({ status: 'go', replaces: null });
    expect(planExport(connection.sqlite, params, 'overwrite', { id: 9, role: 'administrator' })).toEqual({ status: 'go', target: before.path, replaces: before.id });
    expect(planExport(connection.sqlite, params, 'overwrite', 'commandLine')).toEqual({ status: 'go', target: before.path, replaces: before.id });
  });

  it('takes a place already chosen (the command line\'s --out): the earlier file asks, another place is a new entry, a new version goes beside the earlier one', () => {
    const before = madeBefore();
    const elsewhere = tmp.file('For the manager.pdf');
    expect(planExport(connection.sqlite, params, 'ask', 'commandLine', before.path)).toMatchObject({ status: 'exists', existing: { id: before.id } });
    expect(planExport(connection.sqlite, params, 'ask', 'commandLine', elsewhere)).toEqual({ status: 'go', target: elsewhere, replaces: null });
    expect(planExport(connection.sqlite, params, 'overwrite', 'commandLine', elsewhere)).toEqual({ status: 'go', target: elsewhere, replaces: null });
    expect(planExport(connection.sqlite, params, 'newVersion', 'commandLine', elsewhere)).toEqual({ status: 'go', target: path.join(tmp.dir, 'Fresh Regulars (v2).pdf'), replaces: null });
    // The newest of the same report is the one asked about.
    const second = madeBefore('Fresh Regulars (v2).pdf');
    expect(planExport(connection.sqlite, params, 'ask', maker)).toMatchObject({ status: 'exists', existing: { id: second.id, version: 2 } });
    expect(planExport(connection.sqlite, params, 'newVersion', maker)).toMatchObject({ target: path.join(tmp.dir, 'Fresh Regulars (v3).pdf') });
  });
});
