import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { kmeans, type KMeansOptions, type KMeansResult } from './kmeans';

/**
 * k-means restarts spread over the machine's cores: each thread runs its
 * share of the restarts on one shared copy of the matrix, and the lowest
 * inertia wins (the lowest restart on a tie), exactly as one thread running
 * them all would choose. The threads are the job worker's own bundle started
 * again in the `kmeans` role (`runKMeansThread`).
 */

export interface KMeansThreadStart {
  role: 'kmeans';
  data: SharedArrayBuffer;
  d: number;
  options: Omit<KMeansOptions, 'onIteration' | 'only'>;
  /** Int32 [cancel flag, next restart to run]: threads take restarts one at a time, so none waits idle for another. */
  shared: SharedArrayBuffer;
}

/** `result` is null when the other threads took every restart before this one started. */
type ThreadAnswer = { ok: true; result: KMeansResult | null } | { ok: false; cancelled: boolean; message: string };

/**
 * Runs k-means, in threads when `workerFile` (the bundled job worker) is given
 * and there are restarts to share; otherwise in this thread. `poll` is
 * called while waiting; throw from it to stop every thread.
 */
export async function kmeansInThreads(data: Float64Array, d: number, options: KMeansOptions, workerFile: string | undefined, poll: () => void): Promise<KMeansResult> {
  const restarts = options.restarts ?? 4;
  const threads = Math.min(restarts, os.availableParallelism());
  if (!workerFile || threads < 2) return kmeans(data, d, { ...options, onIteration: poll });
  const shared = new SharedArrayBuffer(data.byteLength);
  new Float64Array(shared).set(data);
  const cancel = new SharedArrayBuffer(8);
  const { onIteration: _ignored, only: _all, ...plain } = options;
  const runs = Array.from({ length: threads }, (_, t) => {
    const start: KMeansThreadStart = { role: 'kmeans', data: shared, d, options: { ...plain, restarts }, shared: cancel };
    const worker = new Worker(workerFile, { workerData: start, name: `kmeans:${t}` });
    return new Promise<KMeansResult | null>((resolve, reject) => {
      worker.once('message', (answer: ThreadAnswer) => {
        if (answer.ok) resolve(answer.result);
        else reject(answer.cancelled ? new AppError('cancelled', 'Stopped. Nothing was changed.') : new Error(answer.message));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => code !== 0 && reject(new Error(`k-means thread stopped with code ${code}`)));
    });
  });
  const watch = setInterval(() => {
    try {
      poll();
    } catch {
      Atomics.store(new Int32Array(cancel), 0, 1);
    }
  }, 50);
  try {
    const results = (await Promise.all(runs)).filter((r): r is KMeansResult => r !== null);
    poll();
    const best = results.reduce((a, b) => (b.inertia < a.inertia || (b.inertia === a.inertia && b.restart < a.restart) ? b : a));
    return { ...best, distances: results.reduce((s, r) => s + r.distances, 0) };
  } catch (error) {
    Atomics.store(new Int32Array(cancel), 0, 1);
    await Promise.allSettled(runs);
    poll();
    throw error;
  } finally {
    clearInterval(watch);
  }
}

/** The thread's side: restarts taken one at a time until none is left, then its best in one message. */
export function runKMeansThread(start: KMeansThreadStart, post: (answer: ThreadAnswer) => void): void {
  const flags = new Int32Array(start.shared);
  const data = new Float64Array(start.data);
  const restarts = start.options.restarts ?? 4;
  try {
    let best: KMeansResult | null = null;
    let distances = 0;
    for (let r = Atomics.add(flags, 1, 1); r < restarts; r = Atomics.add(flags, 1, 1)) {
      const result = kmeans(data, start.d, {
        ...start.options,
        only: [r],
        onIteration: () => {
          if (Atomics.load(flags, 0) === 1) throw new AppError('cancelled', 'Stopped.');
        },
      });
      distances += result.distances;
      if (best === null || result.inertia < best.inertia || (result.inertia === best.inertia && result.restart < best.restart)) best = result;
    }
    post({ ok: true, result: best === null ? null : { ...best, distances } });
  } catch (error) {
    post({ ok: false, cancelled: error instanceof AppError && error.kind === 'cancelled', message: error instanceof Error ? error.message : String(error) });
  }
}
