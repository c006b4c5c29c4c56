// A helper thread for tests only (protocol.test.ts bundles it): requests that fail in each way a thread's work can.
import { parentPort } from 'node:worker_threads';
import { AppError, type AppErrorShape } from '../../shared/errors';
import { serve } from '../platform/threads/protocol';

export type FailingRequests = {
  fail(error: AppErrorShape): never;
  crash(): never;
  /** A value that cannot be copied to the other thread. */
  unsendable(): () => void;
};

if (parentPort) {
  serve<FailingRequests>(parentPort, () => ({
    fail: ({ kind, message }) => {
      throw new AppError(kind, message);
    },
    crash: () => {
      throw new RangeError('Invalid array length');
    },
    unsendable: () => () => undefined,
  }));
}
