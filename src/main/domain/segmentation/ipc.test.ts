import { describe, expect, it } from 'vitest';
import type { RfmSummary, SegmentList } from '../../../shared/segments';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { contextPerTest } from '../../testing/context';

const env = contextPerTest({ signedIn: 'administrator' });

function door() {
  const dispatch = appDispatch(env.ctx, silentLogger);
  return async <T>(name: Parameters<typeof dispatch>[0], input: unknown = {}): Promise<T> => {
    const answer = await dispatch(name, input);
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { kind: answer.error.kind });
    return answer.value as T;
  };
}

describe('segmentation through the IPC door', () => {
  it('trains, lists, renames, shows the RFM lens, and switches versions', async () => {
    const call = door();
    expect(await call<SegmentList>('listSegments')).toEqual({ modelId: null, window: null, customers: 0, segments: [], drift: null, measure: 'money' });
    await expect(call('startSegmentation', { k: 50 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(call('startSegmentation', { k: 5, sql: 'x' })).rejects.toMatchObject({ kind: 'validation' });

    const demo = await call<{ jobId: string }>('loadDemoData', { customers: 2500 });
    await env.ctx.jobs.wait(demo.jobId);
    const { jobId } = await call<{ jobId: string }>('startSegmentation', {});
    await expect(call('startSegmentation', {})).rejects.toMatchObject({ kind: 'conflict' });
    await env.ctx.jobs.wait(jobId);
    const first = await call<{ modelId: number; k: number; customers: number }>('getSegmentationResult', { jobId });

    const list = await call<SegmentList>('listSegments');
    expect(list.modelId).toBe(first.modelId);
    expect(list.segments).toHaveLength(first.k);
    expect(list.customers).toBe(first.customers);
    const [biggest] = list.segments;
    if (!biggest) throw new Error('no segments');
    expect(biggest.traits.length).toBeGreaterThan(0);

    await expect(call('renameSegment', { modelId: first.modelId, segment: biggest.segment, name: '   ' })).rejects.toThrow(/needs a name/);
    const other = list.segments[1]?.name as string;
    await expect(call('renameSegment', { modelId: first.modelId, segment: biggest.segment, name: other.toUpperCase() })).rejects.toThrow(/already called/);
    expect(await call('renameSegment', { modelId: first.modelId, segment: biggest.segment, name: '  Kandy   weekend families ' })).toEqual({
      name: 'Kandy weekend families',
    });
    const renamed = (await call<SegmentList>('listSegments')).segments.find((s) => s.segment === biggest.segment);
    expect(renamed).toMatchObject({ name: 'Kandy weekend families', namedBy: 'user' });
    // issue 15, names: the user reads one plain sentence, and the name stays as it was.
    await expect(call('renameSegment', { modelId: first.modelId, segment: biggest.segment, name: 'Kandy\u0000families' })).rejects.toThrow(
      /^The segment name contains an invisible control character \(U\+0000, null character\)\. Type the segment name again without it\.$/,
    );
    await expect(call('renameSegment', { modelId: first.modelId, segment: biggest.segment, name: 'Shoppers\u202Efdp.exe' })).rejects.toThrow(
      /^The segment name contains an invisible control character \(U\+202E, right-to-left override\)\. Type the segment name again without it\.$/,
    );
    expect((await call<SegmentList>('listSegments')).segments.find((s) => s.segment === biggest.segment)?.name).toBe('Kandy weekend families');

    const rfm = await call<RfmSummary>('getRfmSummary');
    expect(rfm.customers).toBe(first.customers);
    expect(rfm.segments).toHaveLength(10);
    expect(rfm.segments.reduce((s, x) => s + x.customers, 0) + rfm.unscored).toBe(rfm.customers);
    expect(rfm.grid.flat().reduce((a, b) => a + b, 0)).toBe(rfm.customers - rfm.unscored);

    const second = await call<{ jobId: string }>('startSegmentation', { k: 4 });
    await env.ctx.jobs.wait(second.jobId);
    const versions = await call<{ versions: Array<{ id: number; active: boolean }> }>('listModelVersions');
    expect(versions.versions.map((v) => v.active)).toEqual([true, false]);
    expect((await call<SegmentList>('listSegments')).segments).toHaveLength(4);

    // Back to the first version: its network assigns everyone again; the user's name is still there.
    await expect(call('activateModelVersion', { modelId: versions.versions[0]?.id })).rejects.toMatchObject({ kind: 'conflict' });
    const back = await call<{ jobId: string }>('activateModelVersion', { modelId: first.modelId });
    await env.ctx.jobs.wait(back.jobId);
    const again = await call<SegmentList>('listSegments');
    expect(again.modelId).toBe(first.modelId);
    expect(again.segments.find((s) => s.segment === biggest.segment)?.name).toBe('Kandy weekend families');
    expect(again.customers).toBe(first.customers);
    await expect(call('activateModelVersion', { modelId: 999 })).rejects.toMatchObject({ kind: 'not_found' });
  }, 120_000);
});
