import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobKind, JobState } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../log';
import { errorOf, type ThreadMessage } from '../threads/protocol';
import { publicError } from '../userErrors';
import type { WorkerStart } from './protocol';

/** Finished jobs kept for their results (the window reads a result right after the end event). */
const keptFinishedJobs = 50;

/** How long a job may take to notice a cancel before its thread is terminated. */
const cancelGraceMs = 5_000;

interface RunningJob {
  state: JobState;
  worker: Worker | null;
  cancelFlag: Int32Array;
  done: Promise<unknown>;
  /** What the job produced, kept so the window can fetch it after the end event. */
  result?: unknown;
  error?: AppError;
}

export interface JobRunnerOptions {
  workerFile: string;
  databasePath: string;
  log: Logger;
  /** Called on every state change (throttled progress, then the end). */
  onUpdate?: (state: JobState) => void;
}

/**
 * Runs heavy work in worker threads so the window never freezes. Each job
 * writes through its own connection inside one transaction: a cancelled or
 * failed job leaves the database as it was.
 */
/** Each job kind's input and result, as the app's job table declares them (app/jobs.ts): the runner only carries them. */
export type JobTypes = { [K in JobKind]: { input: unknown; result: unknown } };

export class JobRunner<T extends JobTypes = JobTypes> {
  private readonly jobs = new Map<string, RunningJob>();

  constructor(private readonly options: JobRunnerOptions) {}

  start<K extends JobKind>(kind: K, input: T[K]['input'], options: { signal?: AbortSignal } = {}): JobState {
    const jobId = randomUUID();
    const cancelBuffer = new SharedArrayBuffer(4);
    const state: JobState = {
      jobId,
      kind,
      status: 'running',
      step: 'Starting',
      current: 0,
      total: 0,
      startedAt: new Date().toISOString(),
    };
    const start: WorkerStart = { role: 'job', request: { id: 1, name: kind, input }, databasePath: this.options.databasePath, cancelFlag: cancelBuffer };
    const worker = new Worker(this.options.workerFile, { workerData: start, name: `job:${kind}` });
    const job: RunningJob = { state, worker, cancelFlag: new Int32Array(cancelBuffer), done: Promise.resolve() };
    job.done = new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const finish = (status: JobState['status'], error?: AppError, result?: unknown): void => {
        if (settled) return;
        settled = true;
        job.worker = null;
        job.result = result;
        job.error = error;
        this.update(job, { status, ...(error ? { error: error.message } : {}) });
        this.forgetOldJobs();
        if (error) reject(error);
        else resolve(result);
      };
      worker.on('message', (message: ThreadMessage) => {
        if ('progress' in message) {
          const { step, current, total, rows } = message.progress;
          this.update(job, { step, current, total, ...(rows === undefined ? {} : { rows }) });
        } else if (message.ok) {
          finish('succeeded', undefined, message.value);
        } else {
          // The unforeseen is logged under a reference the user is shown; the app's own words pass as they are.
          if (message.detail && message.error.kind !== 'internal') this.options.log.error(`Job ${kind} ${jobId} failed`, message.detail);
          const error = errorOf(message, this.options.log, `Job ${kind} ${jobId}`);
          finish(error.kind === 'cancelled' ? 'cancelled' : 'failed', error);
        }
      });
      // A thread always exits, also after its answer: only an exit without one is a failure to log.
      worker.on('error', (error) => {
        if (settled) return;
        finish('failed', publicError(error, this.options.log, `Job ${kind} ${jobId} (its thread crashed)`));
      });
      worker.on('exit', (code) => {
        if (settled) return;
        if (Atomics.load(job.cancelFlag, 0) === 1) finish('cancelled', new AppError('cancelled', 'Stopped. Nothing was changed.'));
        else finish('failed', publicError(new Error(`The ${kind} job ended without a result (exit code ${code}).`), this.options.log, `Job ${kind} ${jobId}`));
      });
    });
    job.done.catch(() => undefined);
    this.jobs.set(jobId, job);
    options.signal?.addEventListener('abort', () => this.cancel(jobId), { once: true });
    this.options.onUpdate?.({ ...state });
    return { ...state };
  }

  /** Resolves with the job's result, or rejects with its AppError (kind `cancelled` when stopped). */
  async wait<K extends JobKind>(jobId: string): Promise<T[K]['result']> {
    return (await this.require(jobId).done) as T[K]['result'];
  }

  async run<K extends JobKind>(kind: K, input: T[K]['input'], options: { signal?: AbortSignal } = {}): Promise<T[K]['result']> {
    return this.wait<K>(this.start(kind, input, options).jobId);
  }

  /**
   * The result of a finished job of this kind. Throws the job's own error if it
   * failed or was stopped, and `conflict` while it is still running.
   */
  result<K extends JobKind>(jobId: string, kind: K): T[K]['result'] {
    const job = this.require(jobId);
    if (job.state.kind !== kind) throw new AppError('not_found', 'That task is no longer known.');
    if (job.state.status === 'running') throw new AppError('conflict', 'That task is still running.');
    if (job.state.status !== 'succeeded') throw job.error ?? new AppError('internal', 'That task did not finish.');
    return job.result as T[K]['result'];
  }

  get(jobId: string): JobState {
    return { ...this.require(jobId).state };
  }

  /** The newest job of a kind that is still running, if any. */
  running(kind: JobKind): JobState | null {
    const found = [...this.jobs.values()].reverse().find((j) => j.state.kind === kind && j.state.status === 'running');
    return found ? { ...found.state } : null;
  }

  latest(kind: JobKind): JobState | null {
    const found = [...this.jobs.values()].reverse().find((j) => j.state.kind === kind);
    return found ? { ...found.state } : null;
  }

  /** Asks a job to stop; returns false if it had already ended. */
  cancel(jobId: string): boolean {
    const job = this.require(jobId);
    if (job.state.status !== 'running' || !job.worker) return false;
    Atomics.store(job.cancelFlag, 0, 1);
    const worker = job.worker;
    const timer = setTimeout(() => {
      this.options.log.warn(`Job ${jobId} did not stop within ${cancelGraceMs} ms; terminating its thread`);
      void worker.terminate();
    }, cancelGraceMs);
    timer.unref();
    void job.done.finally(() => clearTimeout(timer)).catch(() => undefined);
    return true;
  }

  /** Stops every running job and waits for their threads to end (app quit). */
  async stopAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.state.status === 'running');
    for (const job of running) this.cancel(job.state.jobId);
    await Promise.allSettled(running.map((j) => j.done));
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state.status !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - keptFinishedJobs))) this.jobs.delete(job.state.jobId);
  }

  private require(jobId: string): RunningJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', 'That task is no longer known. It may have ended before the app restarted.');
    return job;
  }

  private update(job: RunningJob, change: Partial<JobState>): void {
    Object.assign(job.state, change);
    this.options.onUpdate?.({ ...job.state });
  }
}
