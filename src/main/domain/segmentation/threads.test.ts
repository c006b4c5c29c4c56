import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Random } from '../../../shared/random';
import { builtWorker } from '../../testing/temp';
import { kmeans } from './kmeans';
import { kmeansInThreads } from './threads';

function cloud(n: number, d: number, seed: number): Float64Array {
  const rng = new Random(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = rng.normal((i % 5) * 1.5, 1.2);
  return x;
}

describe('k-means restarts in threads', () => {
  it('choose exactly what one thread running every restart would', async () => {
    const x = cloud(20_000, 6, 8);
    const options = { k: 5, restarts: 4, seed: 3 };
    const alone = kmeans(x, 6, options);
    const shared = await kmeansInThreads(x, 6, options, builtWorker, () => undefined);
    expect(shared.restart).toBe(alone.restart);
    expect(shared.inertia).toBe(alone.inertia);
    expect(Array.from(shared.labels)).toEqual(Array.from(alone.labels));
    expect(Array.from(shared.centroids)).toEqual(Array.from(alone.centroids));
    expect(shared.distances).toBe(alone.distances);
  });

  it('stop every thread when the job is cancelled', async () => {
    const x = cloud(200_000, 8, 9);
    let calls = 0;
    const poll = () => {
      if (++calls > 2) throw new AppError('cancelled', 'Stopped. Nothing was changed.');
    };
    const error = await kmeansInThreads(x, 8, { k: 8, restarts: 4, seed: 1, tolerance: 0 }, builtWorker, poll).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('cancelled');
  });
});
