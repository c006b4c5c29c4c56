// Entry of the job worker thread: opens its own database connection, runs one
// job, reports progress and ends. Bundled to out/main/worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { openDatabase } from '../platform/db/connection';
import { threadFailure } from '../platform/userErrors';
import { type FilterThreadStart, runFilterThread } from '../app/filters';
import { type BackgroundThreadStart, runBackgroundThread } from '../app/background';
import { type KMeansThreadStart, runKMeansThread } from '../domain/segmentation/threads';
import type { WorkerMessage, WorkerStart } from '../platform/jobs/protocol';
import { jobDefinitions, type JobDefinition } from '../app/jobs';
import { cancelledError, type Progress } from '../platform/jobs/types';

const userFacing: ReadonlySet<string> = new Set(['validation', 'conflict', 'not_found', 'unsupported']);

const progressIntervalMs = 100;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function main(): Promise<void> {
  const start = workerData as WorkerStart;
  const cancelFlag = new Int32Array(start.cancelFlag);
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
      post({ type: 'progress', ...progress });
    }
  };

  // One kind per worker: its input is checked by its own schema just below.
  const definition = jobDefinitions[start.kind] as unknown as JobDefinition<unknown, unknown>;
  let connection: ReturnType<typeof openDatabase> | undefined;
  try {
    const input = definition.input.parse(start.input);
    connection = openDatabase(start.databasePath);
    const result = await definition.run(connection.sqlite, input, { signal: controller.signal, onProgress, workerFile: __filename });
    post({ type: 'done', result });
  } catch (error) {
    const failure = threadFailure(error);
    post({
      type: 'failed',
      error: failure.error,
      // A cancel, or a message the app wrote about the user's own input or data (a column that does not exist,
      // a file imported before, a file not found), needs no stack trace in the log; anything else keeps it
      // (a full disk, a damaged file, and the unforeseen, which the main process logs under a reference).
      ...(failure.error.kind === 'cancelled' || (error instanceof AppError && userFacing.has(error.kind))
        ? {}
        : { detail: failure.detail ?? (error instanceof Error ? (error.stack ?? error.message) : String(error)) }),
    });
  } finally {
    connection?.close();
  }
}

// The same bundle also runs a share of a job's k-means restarts (segmentation/threads.ts),
// holds the dashboard's filter snapshot (filters/service.ts), and does the window's heavier reads and deletes (background/work.ts).
const role = (workerData as KMeansThreadStart | FilterThreadStart | BackgroundThreadStart | WorkerStart).role;
if (role === 'kmeans') runKMeansThread(workerData as KMeansThreadStart, (answer) => parentPort?.postMessage(answer));
else if (role === 'filters' && parentPort) runFilterThread(workerData as FilterThreadStart, parentPort);
else if (role === 'background' && parentPort) runBackgroundThread(workerData as BackgroundThreadStart, parentPort);
else void main();
