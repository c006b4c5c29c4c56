import type { AppErrorShape } from '../../../shared/errors';
import type { JobKind } from '../../../shared/contracts';
import type { Progress } from './types';

/** What the parent hands a job worker at start. */
export interface WorkerStart {
  role?: 'job';
  kind: JobKind;
  input: unknown;
  databasePath: string;
  /** One Int32: set to 1 to ask the job to stop (read between batches). */
  cancelFlag: SharedArrayBuffer;
}

/** What a job worker sends back. */
export type WorkerMessage =
  | ({ type: 'progress' } & Progress)
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: AppErrorShape; detail?: string };
