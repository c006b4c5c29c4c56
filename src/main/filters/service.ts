import { Worker } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { activeModel } from '../segmentation/store';
import { type CustomerFilters, CustomerSnapshot, type FilterAnswer, type SnapshotFacts } from './engine';

/**
 * Answers the dashboard's filters off the main thread: a long-lived thread
 * (the job worker's bundle in a `filters` role) holds the columnar snapshot
 * of the active model's customers, builds it on the first question and again
 * after the data changed, and answers each question in one pass. The window's
 * process never spends more than a message on it.
 */

export interface FilterThreadStart {
  role: 'filters';
  databasePath: string;
}

type Request = { type: 'query'; id: number; filters: CustomerFilters; by: 'segment' | 'rfm' } | { type: 'invalidate' };
export type FilterReply =
  | { id: number; ok: true; modelId: number | null; window: { from: string; to: string } | null; answer: FilterAnswer | null; facts: SnapshotFacts | null }
  | { id: number; ok: false; message: string };

export class FilterService {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: FilterReply) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly workerFile: string,
    private readonly databasePath: string,
  ) {}

  query(filters: CustomerFilters, by: 'segment' | 'rfm' = 'segment'): Promise<FilterReply> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Kept alive only while a question waits: an idle filter thread never holds the process open.
      worker.ref();
      worker.postMessage({ type: 'query', id, filters, by } satisfies Request);
    });
  }

  /** The data changed (an import, a new model): the next question rebuilds the snapshot. */
  invalidate(): void {
    this.worker?.postMessage({ type: 'invalidate' } satisfies Request);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const start: FilterThreadStart = { role: 'filters', databasePath: this.databasePath };
    const worker = new Worker(this.workerFile, { workerData: start, name: 'filters' });
    worker.on('message', (reply: FilterReply) => {
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
    worker.on('exit', (code) => fail(new Error(`The filter thread stopped (code ${code}).`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

/** The thread's side. */
export function runFilterThread(start: FilterThreadStart, port: { on(event: 'message', fn: (m: Request) => void): void; postMessage(m: FilterReply): void }): void {
  const connection = openDatabase(start.databasePath);
  let snapshot: CustomerSnapshot | null | undefined;
  let model: ReturnType<typeof activeModel> = null;
  port.on('message', (request) => {
    if (request.type === 'invalidate') {
      snapshot = undefined;
      return;
    }
    try {
      if (snapshot === undefined) {
        model = activeModel(connection.sqlite);
        snapshot = model ? new CustomerSnapshot(connection.sqlite, model.window) : null;
      }
      port.postMessage({ id: request.id, ok: true, modelId: model?.id ?? null, window: model?.window ?? null, answer: snapshot ? snapshot.query(request.filters, request.by) : null, facts: snapshot?.facts ?? null });
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
}
