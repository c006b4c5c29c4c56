import type { JobKind } from '../../../shared/contracts';
import type { Request } from '../threads/protocol';

/**
 * What the parent hands a job worker at start: one request of the job table
 * (its kind and input), answered with progress messages and one reply
 * (threads/protocol.ts), after which the thread ends.
 */
export interface WorkerStart {
  role: 'job';
  request: Request<{ [K in JobKind]: (input: unknown) => unknown }> & { id: number };
  databasePath: string;
  /** One Int32: set to 1 to ask the job to stop (read between batches). */
  cancelFlag: SharedArrayBuffer;
}
