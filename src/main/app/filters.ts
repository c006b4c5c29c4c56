import { openDatabase } from '../platform/db/connection';
import type { ChangeTopic } from '../../shared/contracts';
import type { RfmOverview, SegmentOverview } from '../../shared/filters';
import type { SegmentCustomers, SegmentCustomersQuestion, SegmentDetail } from '../../shared/segmentDetail';
import { ThreadClient } from '../platform/threads/client';
import { serve, type ThreadPort } from '../platform/threads/protocol';
import type { Logger } from '../platform/log';
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

/**
 * `answer` is null (detail, customers) when there is no active model or no
 * such segment in it; the overview and RFM always answer, empty without a
 * model. `modelId`, `window` and `facts` are the model the thread answered for.
 */
export type FilterReply<A> = { modelId: number | null; window: { from: string; to: string } | null; answer: A | null; facts: SnapshotFacts | null };

/** The thread's requests, and `changed`, a notice that drops what a change made stale. */
type FilterRequests = {
  overview(filters: CustomerFilters): FilterReply<SegmentOverview>;
  rfm(filters: CustomerFilters): FilterReply<RfmOverview>;
  detail(question: { filters: CustomerFilters; segment: number }): FilterReply<SegmentDetail>;
  customers(question: SegmentCustomersQuestion): FilterReply<SegmentCustomers>;
  reads(): FilterReply<FilterViews['reads']>;
  changed(what: ChangeTopic): void;
};

export class FilterService {
  private readonly thread: ThreadClient<FilterRequests>;

  constructor(workerFile: string, databasePath: string, log: Logger) {
    const start: FilterThreadStart = { role: 'filters', databasePath };
    this.thread = new ThreadClient(workerFile, start, log);
  }

  /** Every segment under the filters, with names, campaigns and traits in the filtered customers' numbers: what a filter change asks. */
  overview(filters: CustomerFilters): Promise<FilterReply<SegmentOverview>> {
    return this.thread.ask('overview', filters);
  }

  /** The ten RFM groups under the filters. */
  rfm(filters: CustomerFilters): Promise<FilterReply<RfmOverview>> {
    return this.thread.ask('rfm', filters);
  }

  /** One segment in detail under the filters. */
  detail(filters: CustomerFilters, segment: number): Promise<FilterReply<SegmentDetail>> {
    return this.thread.ask('detail', { filters, segment });
  }

  /** A page of one segment's customers under the filters. */
  customers(question: SegmentCustomersQuestion): Promise<FilterReply<SegmentCustomers>> {
    return this.thread.ask('customers', question);
  }

  /** How many times the thread built its customer snapshot and read the segments table since it started. */
  reads(): Promise<FilterReply<FilterViews['reads']>> {
    return this.thread.ask('reads');
  }

  /** Something changed: the thread drops what the change made stale (the snapshot only for sales or a new model). */
  changed(what: ChangeTopic): void {
    this.thread.tell('changed', what);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** The thread's side. */
export function runFilterThread(start: FilterThreadStart, port: ThreadPort): void {
  serve<FilterRequests>(port, () => {
    const views = new FilterViews(openDatabase(start.databasePath).sqlite);
    const reply = <A>(answer: A): FilterReply<A> => ({ ...views.model, answer });
    return {
      overview: (filters) => reply(views.overview(filters)),
      rfm: (filters) => reply(views.rfm(filters)),
      detail: ({ filters, segment }) => reply(views.detail(filters, segment)),
      customers: (question) => reply(views.customers(question)),
      reads: () => reply({ ...views.reads }),
      changed: (what) => views.changed(what),
    };
  });
}
