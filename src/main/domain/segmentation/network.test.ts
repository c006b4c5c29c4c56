import { describe, expect, it } from 'vitest';
import { Random } from '../../../shared/random';
import { assignSegments, trainNetwork } from './network';

/** n points around k well-apart centres in d dimensions, with their true labels. */
function blobs(n: number, d: number, k: number, seed: number): { x: Float64Array; labels: Int32Array } {
  const rng = new Random(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal(0, 4)));
  const x = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = (centres[c]?.[j] as number) + rng.normal(0, 0.6);
  }
  return { x, labels };
}

describe('the segment network (tfjs, WebAssembly)', () => {
  it('learns segments and scores itself on customers it did not train on', async () => {
    const { x, labels } = blobs(6000, 8, 5, 3);
    const { network, scores } = await trainNetwork(x, 8, labels, 5, { seed: 7, epochs: 6 });
    expect(scores.heldOut).toBe(1200);
    expect(scores.trainedOn).toBe(4800);
    expect(scores.macroF1).toBeGreaterThan(0.97);
    const assigned = await assignSegments(network, x, 8);
    let agree = 0;
    for (let i = 0; i < labels.length; i++) if (assigned[i] === labels[i]) agree++;
    expect(agree / labels.length).toBeGreaterThan(0.97);
  }, 60_000);

  it('trains to the same weights from the same data and seed', async () => {
    const { x, labels } = blobs(1500, 4, 3, 11);
    const a = await trainNetwork(x, 4, labels, 3, { seed: 5, epochs: 2 });
    const b = await trainNetwork(x, 4, labels, 3, { seed: 5, epochs: 2 });
    expect(b.network).toEqual(a.network);
    const c = await trainNetwork(x, 4, labels, 3, { seed: 6, epochs: 2 });
    expect(c.network).not.toEqual(a.network);
  }, 60_000);
});
