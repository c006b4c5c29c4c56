import { AppError } from '../../../shared/errors';

/** What every long job receives: a way to stop and a way to say how far it is. */
export interface JobContext {
  signal: AbortSignal;
  onProgress(progress: Progress): void;
  /** The bundled job worker, when the job runs in one: a job may start it again for work in parallel. */
  workerFile?: string;
}

export interface Progress {
  step: string;
  current: number;
  total: number;
  /** Rows handled so far, for jobs that read files. */
  rows?: number;
}

export function cancelledError(): AppError {
  return new AppError('cancelled', 'Stopped. Nothing was changed.');
}

/** Throws the app's `cancelled` error if the job was asked to stop. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}
