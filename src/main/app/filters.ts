import { openDatabase } from '../platform/db/connection';
import type { ChangeTopic } from '../../shared/contracts';
import type { RfmOverview, SegmentOverview } from '../../shared/filters';
import type { SegmentCustomers, SegmentCustomersQuestion, SegmentDetail } from '../../shared/segmentDetail';
import { ThreadClient, type ThreadPort } from '../platform/threads/client';
import type { CustomerFilters, SnapshotFacts } from '../domain/filters/engine';
import { FilterViews } from '../domain/filters/views';

/**
 * Answers the dashboard's views off the main thread: a long-lived thread
 * (the job worker's bundle in a `filters` role) holds the columnar snapshot
 * of the active model's customers and the model's segment descriptions
 * (domain/filters/views.ts), and answers each filter change with the whole
 * view in one pass. The window's process never spends more than a message
 * on it, and reads nothing from SQLite for it.
 */

export interface FilterThreadStart {
  role: 'filters';
  databasePath: string;
}

type Question =
  | { type: 'overview'; filters: CustomerFilters }
  | { type: 'rfm'; filters: CustomerFilters }
  | { type: 'detail'; filters: CustomerFilters; segment: number }
  | { type: 'customers'; question: SegmentCustomersQuestion }
  | { type: 'reads' };
type Request = (Question & { id: number }) | { type: 'changed'; what: ChangeTopic };
/**
 * `answer` is null (detail, customers) when there is no active model or no
 * such segment in it; the overview and RFM always answer, empty without a
 * model. `modelId`, `window` and `facts` are the model the thread answered for.
 */
export type FilterReply<A> =
  | { id: number; ok: true; modelId: number | null; window: { from: string; to: string } | null; answer: A | null; facts: SnapshotFacts | null }
  | { id: number; ok: false; message: string };

export class FilterService {
  private readonly thread: ThreadClient<Question, FilterReply<unknown>>;

  constructor(workerFile: string, databasePath: string) {
    const start: FilterThreadStart = { role: 'filters', databasePath };
    this.thread = new ThreadClient(workerFile, start);
  }

  /** Every segment under the filters, with names, campaigns and traits in the filtered customers' numbers: what a filter change asks. */
  overview(filters: CustomerFilters): Promise<FilterReply<SegmentOverview>> {
    return this.ask({ type: 'overview', filters });
  }

  /** The ten RFM groups under the filters. */
  rfm(filters: CustomerFilters): Promise<FilterReply<RfmOverview>> {
    return this.ask({ type: 'rfm', filters });
  }

  /** One segment in detail under the filters. */
  detail(filters: CustomerFilters, segment: number): Promise<FilterReply<SegmentDetail>> {
    return this.ask({ type: 'detail', filters, segment });
  }

  /** A page of one segment's customers under the filters. */
  customers(question: SegmentCustomersQuestion): Promise<FilterReply<SegmentCustomers>> {
    return this.ask({ type: 'customers', question });
  }

  /** How many times the thread built its customer snapshot and read the segments table since it started. */
  reads(): Promise<FilterReply<FilterViews['reads']>> {
    return this.ask({ type: 'reads' });
  }

  private ask<A>(question: Question): Promise<FilterReply<A>> {
    return this.thread.ask(question) as Promise<FilterReply<A>>;
  }

  /** Something changed: the thread drops what the change made stale (the snapshot only for sales or a new model). */
  changed(what: ChangeTopic): void {
    this.thread.tell({ type: 'changed', what } satisfies Request);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** The thread's side. */
export function runFilterThread(start: FilterThreadStart, port: ThreadPort<Request, FilterReply<unknown>>): void {
  const connection = openDatabase(start.databasePath);
  const views = new FilterViews(connection.sqlite);
  const answer = (q: Question): unknown => {
    if (q.type === 'overview') return views.overview(q.filters);
    if (q.type === 'rfm') return views.rfm(q.filters);
    if (q.type === 'detail') return views.detail(q.filters, q.segment);
    if (q.type === 'customers') return views.customers(q.question);
    return { ...views.reads };
  };
  port.on('message', (request) => {
    if (request.type === 'changed') {
      views.changed(request.what);
      return;
    }
    try {
      const value = answer(request);
      port.postMessage({ id: request.id, ok: true, ...views.model, answer: value });
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  });
}
