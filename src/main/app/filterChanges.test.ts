import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract';
import type { SegmentOverview } from '../../shared/filters';
import type { ImportCheck } from '../../shared/importViews';
import type { OutletList } from '../../shared/outlets';
import type { SegmentDetail } from '../../shared/segmentDetail';
import { appDispatch } from '../composition/ipc/handlers';
import { silentLogger } from '../platform/log';
import { contextPerTest } from '../testing/context';
import { suggestedDecisions } from '../testing/importDecisions';

// What each kind of change costs the filter thread, through the window's door on a real file and the built worker:
// a segment rename or an outlet edit keeps the customer snapshot; new sales build it again.
const dialog = { open: null as string | null };
const env = contextPerTest({ signedIn: 'administrator', dialogs: { openFile: async () => dialog.open, saveFile: async () => null } });

describe('change events and the filter snapshot', () => {
  it('a rename or an outlet edit is answered from the snapshot already built; an import builds it again', async () => {
    const { ctx } = env;
    const dispatch = appDispatch(ctx, silentLogger);
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const answer = (await dispatch(name, input)) as Envelope<T>;
      if (!answer.ok) throw new Error(`${answer.error.kind}: ${answer.error.message}`);
      return answer.value;
    };
    const reads = async () => {
      const reply = await ctx.filters.reads();
      if (!reply.answer) throw new Error('the filter thread did not say what it read');
      return reply.answer;
    };
    await ctx.jobs.wait(ctx.jobs.start('demoLoad', { customers: 1500 }).jobId);
    await ctx.jobs.run('segment', { k: 4 });
    const filters = { category: 'luxury' };
    const first = await call<SegmentOverview>('getSegmentOverview', filters);
    const built = await reads();
    expect(built.snapshots).toBe(1);

    const renamed = first.segments[0]!;
    await call('renameSegment', { modelId: first.modelId, segment: renamed.segment, name: 'Weekend families' });
    const afterRename = await call<SegmentOverview>('getSegmentOverview', filters);
    expect(afterRename.segments.find((s) => s.segment === renamed.segment)?.name).toBe('Weekend families');
    const detail = await call<SegmentDetail>('getSegmentDetail', { modelId: first.modelId, segment: renamed.segment, filters });
    expect(detail.name).toBe('Weekend families');
    // The same customers, counted from the same snapshot: only the small segments table was read again.
    expect(afterRename.segments.map((s) => [s.segment, s.customers])).toEqual(first.segments.map((s) => [s.segment, s.customers]));
    expect(await reads()).toEqual({ snapshots: built.snapshots, segments: built.segments + 1 });

    const { outlets } = await call<OutletList>('listOutlets');
    const outlet = outlets[0]!;
    await call('updateOutlet', { id: outlet.id, name: 'Kandy City Centre', city: outlet.city, province: outlet.province });
    await call<SegmentOverview>('getSegmentOverview', { outletIds: [outlet.id] });
    // Outlet names are read with each detail, so the new one shows without a rebuild.
    const top = (await call<SegmentDetail>('getSegmentDetail', { modelId: first.modelId, segment: renamed.segment, filters: { outletIds: [outlet.id] } })).outlets.top;
    expect(top.find((o) => o.outletId === outlet.id)?.name).toBe('Kandy City Centre');
    expect(await reads()).toEqual({ snapshots: built.snapshots, segments: built.segments + 1 });

    // New sales: the active model places their customers, and the snapshot is built again with them.
    dialog.open = env.tmp.file('sales.csv');
    fs.writeFileSync(dialog.open, ['Invoice,Date,Customer,Outlet,Category,Qty,Amount', 'N1,2026-03-01 10:00,NEW1,Kandy,Chocolates,1,900.00', 'N2,2026-03-02 10:00,NEW2,Kandy,Chocolates,2,2500.00'].join('\n'));
    const { fileId } = await call<{ fileId: string }>('chooseImportFile');
    const { jobId: checkId } = await call<{ jobId: string }>('startImportCheck', { fileId });
    await ctx.jobs.wait(checkId);
    const check = await call<ImportCheck>('getImportCheck', { jobId: checkId });
    await ctx.jobs.wait((await call<{ jobId: string }>('startImport', suggestedDecisions(check, { removeDemo: false }))).jobId);
    const assign = ctx.jobs.latest('assign');
    if (assign) await ctx.jobs.wait(assign.jobId);
    const afterImport = await call<SegmentOverview>('getSegmentOverview', filters);
    expect((await reads()).snapshots).toBeGreaterThan(built.snapshots);
    expect(afterImport.allCustomers).toBe(first.allCustomers + 2);
    expect(afterImport.segments.find((s) => s.segment === renamed.segment)?.name).toBe('Weekend families');
  });
});
