import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { cancelledError } from '../../platform/jobs/types';
import { outcomeOf, postReply, revive, type Reply, type Request } from '../../platform/threads/protocol';
import { kmeans, type KMeansOptions, type KMeansResult } from './kmeans';

/**
 * k-means restarts spread over the machine's cores: each thread runs its
 * share of the restarts on one shared copy of the matrix, and the lowest
 * inertia wins (the lowest restart on a tie), exactly as one thread running
 * them all would choose. The threads are the job worker's own bundle started
 * again in the `kmeans` role (`runKMeansThread`), each given one `restarts`
 * request at start and ending after its one reply.
 */

interface RestartsInput {
  data: SharedArrayBuffer;
  d: number;
  options: Omit<KMeansOptions, 'onIteration' | 'only'>;
  /** Int32 [cancel flag, next restart to run]: threads take restarts one at a time, so none waits idle for another. */
  shared: SharedArrayBuffer;
}

/** The thread's one request; its value is null when the other threads took every restart before this one started. */
type KMeansRequests = { restarts(input: RestartsInput): KMeansResult | null };

export interface KMeansThreadStart {
  role: 'kmeans';
  request: Request<KMeansRequests> & { id: number };
}

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
    const start: KMeansThreadStart = { role: 'kmeans', request: { id: t, name: 'restarts', input: { data: shared, d, options: { ...plain, restarts }, shared: cancel } } };
    const worker = new Worker(workerFile, { workerData: start, name: `kmeans:${t}` });
    return new Promise<KMeansResult | null>((resolve, reject) => {
      worker.once('message', (reply: Reply<KMeansResult | null>) => {
        if (reply.ok) resolve(reply.value);
        else reject(revive(reply));
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

/** The thread's side: restarts taken one at a time until none is left, then its best in one reply. */
export async function runKMeansThread(start: KMeansThreadStart, post: (reply: Reply) => void): Promise<void> {
  const { id, input } = start.request;
  postReply(post, id, await outcomeOf(() => bestOfRestarts(input)));
}

function bestOfRestarts(start: RestartsInput): KMeansResult | null {
  const flags = new Int32Array(start.shared);
  const data = new Float64Array(start.data);
  const restarts = start.options.restarts ?? 4;
  let best: KMeansResult | null = null;
  let distances = 0;
  for (let r = Atomics.add(flags, 1, 1); r < restarts; r = Atomics.add(flags, 1, 1)) {
    const result = kmeans(data, start.d, {
      ...start.options,
      only: [r],
      onIteration: () => {
        if (Atomics.load(flags, 0) === 1) throw cancelledError();
      },
    });
    distances += result.distances;
    if (best === null || result.inertia < best.inertia || (result.inertia === best.inertia && result.restart < best.restart)) best = result;
  }
  return best === null ? null : { ...best, distances };
}
