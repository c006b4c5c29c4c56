import { Worker } from 'node:worker_threads';

/**
 * The main process's side of a long-lived helper thread (the job worker's
 * bundle in some role): questions go out with an id, answers come back with
 * it. The thread starts on the first question, is kept alive only while a
 * question waits (an idle thread never holds the process open), and starts
 * again on the next question if it died.
 */
export class ThreadClient<Question extends object, Reply extends { id: number }> {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly workerFile: string,
    private readonly workerData: { readonly role: string },
  ) {}

  ask(question: Question): Promise<Reply> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...question, id });
    });
  }

  /** A message that wants no answer; dropped when the thread is not running. */
  tell(message: object): void {
    this.worker?.postMessage(message);
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
      pending?.resolve(reply);
    });
    const fail = (error: Error) => {
      for (const p of this.waiting.values()) p.reject(error);
      this.waiting.clear();
      if (this.worker === worker) this.worker = null; // the next question starts a new thread
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The ${this.workerData.role} thread stopped (code ${code}).`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

/** What a helper thread listens on and answers to. */
export interface ThreadPort<Request, Reply> {
  on(event: 'message', fn: (m: Request) => void): void;
  postMessage(m: Reply): void;
}
