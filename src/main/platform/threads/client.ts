import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import { errorOf, type InputArgs, type Name, type Reply, type Request, type RequestTable, type ValueOf } from './protocol';

/**
 * The main process's side of a long-lived helper thread (the job worker's
 * bundle in some role): requests go out with an id, replies come back with
 * it. The thread starts on the first request, is kept alive only while a
 * request waits (an idle thread never holds the process open), and starts
 * again on the next request if it died. A failed reply rejects with an
 * AppError of the kind the thread met (protocol.ts).
 */
export class ThreadClient<T extends RequestTable> {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { name: string; resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  /** "Background", "Filters": how the log names this thread's failures. */
  private readonly label: string;

  constructor(
    private readonly workerFile: string,
    private readonly workerData: { readonly role: string },
    private readonly log: Logger,
  ) {
    this.label = workerData.role.charAt(0).toUpperCase() + workerData.role.slice(1);
  }

  ask<K extends Name<T>>(name: K, ...input: InputArgs<T, K>): Promise<ValueOf<T, K>> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { name, resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, name, input: input[0] } as Request<T>);
    });
  }

  /** A request that wants no answer; dropped when the thread is not running. */
  tell<K extends Name<T>>(name: K, ...input: InputArgs<T, K>): void {
    this.worker?.postMessage({ name, input: input[0] } as Request<T>);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: this.workerData, name: this.workerData.role });
    worker.on('message', (reply: Reply) => {
      const pending = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(errorOf(reply, this.log, `${this.label} ${pending.name}`));
    });
    const fail = (error: Error) => {
      for (const p of this.waiting.values()) p.reject(error);
      this.waiting.clear();
      if (this.worker === worker) this.worker = null; // the next request starts a new thread
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The ${this.workerData.role} thread stopped (code ${code}).`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
