// Entry of the job worker thread: opens its own database connection, runs one
// job, reports progress and ends. Bundled to out/main/worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../platform/db/connection';
import { outcomeOf, postReply, type ProgressMessage, type Reply } from '../platform/threads/protocol';
import { type FilterThreadStart, runFilterThread } from '../app/filters';
import { type BackgroundThreadStart, runBackgroundThread } from '../app/background';
import { type KMeansThreadStart, runKMeansThread } from '../domain/segmentation/threads';
import type { WorkerStart } from '../platform/jobs/protocol';
import { jobDefinitions, type JobDefinition } from '../app/jobs';
import { cancelledError, type Progress } from '../platform/jobs/types';

const progressIntervalMs = 100;

function post(message: Reply | ProgressMessage): void {
  parentPort?.postMessage(message);
}

async function main(): Promise<void> {
  const { request, databasePath, cancelFlag: flag } = workerData as WorkerStart;
  const cancelFlag = new Int32Array(flag);
  const controller = new AbortController();
  let lastSent = 0;
  let lastStep = '';
  const onProgress = (progress: Progress): void => {
    // The job runs synchronously, so the flag is polled here rather than by a message.
    if (Atomics.load(cancelFlag, 0) === 1 && !controller.signal.aborted) controller.abort(cancelledError());
    const now = performance.now();
    if (progress.step !== lastStep || progress.current === progress.total || now - lastSent >= progressIntervalMs) {
      lastSent = now;
      lastStep = progress.step;
      post({ id: request.id, progress });
    }
  };

  let connection: ReturnType<typeof openDatabase> | undefined;
  const outcome = await outcomeOf(() => {
    // One kind per worker: its input is checked by its own schema just below.
    const definition = jobDefinitions[request.name] as unknown as JobDefinition<unknown, unknown>;
    const input = definition.input.parse(request.input);
    connection = openDatabase(databasePath);
    return definition.run(connection.sqlite, input, { signal: controller.signal, onProgress, workerFile: __filename });
  });
  postReply(post, request.id, outcome);
  connection?.close();
}

// The same bundle also runs a share of a job's k-means restarts (domain/segmentation/threads.ts),
// holds the dashboard's filter snapshot (app/filters.ts), and does the window's heavier reads and deletes (app/background.ts).
const role = (workerData as KMeansThreadStart | FilterThreadStart | BackgroundThreadStart | WorkerStart).role;
if (role === 'kmeans') void runKMeansThread(workerData as KMeansThreadStart, post);
else if (role === 'filters' && parentPort) runFilterThread(workerData as FilterThreadStart, parentPort);
else if (role === 'background' && parentPort) runBackgroundThread(workerData as BackgroundThreadStart, parentPort);
else void main();
