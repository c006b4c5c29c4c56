import { openDatabase } from '../platform/db/connection';
import type { SegmentCustomers, SegmentCustomersQuestion } from '../../shared/segmentDetail';
import { activeModel } from '../domain/segmentation/store';
import { ThreadClient } from '../platform/threads/client';
import { serve, type ThreadPort } from '../platform/threads/protocol';
import type { Logger } from '../platform/log';
import { CustomerTable } from '../domain/filters/customerTable';
import { traitFigures, type TraitFiguresAnswer } from '../domain/filters/traits';
import { outletNames, segmentFigures, type SegmentFigures } from '../domain/filters/detail';
import { type CustomerFilters, CustomerSnapshot, type FilterAnswer, type SnapshotFacts } from '../domain/filters/engine';

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

type Question =
  | { type: 'query'; filters: CustomerFilters; by: 'segment' | 'rfm' }
  | { type: 'detail'; filters: CustomerFilters; segment: number }
  | { type: 'customers'; question: SegmentCustomersQuestion }
  | { type: 'traits'; filters: CustomerFilters };
/** `answer` is null when there is no active model, or (detail, customers) no such segment in it; `facts` says what the data can be filtered by. */
export type FilterReply<A = FilterAnswer> = { modelId: number | null; window: { from: string; to: string } | null; answer: A | null; facts: SnapshotFacts | null };
/** The thread's requests: each question by its type, and `invalidate`, a notice. */
type FilterRequests = {
  query(q: Question & { type: 'query' }): FilterReply;
  detail(q: Question & { type: 'detail' }): FilterReply<SegmentFigures>;
  customers(q: Question & { type: 'customers' }): FilterReply<SegmentCustomers>;
  traits(q: Question & { type: 'traits' }): FilterReply<TraitFiguresAnswer>;
  invalidate(): void;
};

export class FilterService {
  private readonly thread: ThreadClient<FilterRequests>;

  constructor(workerFile: string, databasePath: string, log: Logger) {
    const start: FilterThreadStart = { role: 'filters', databasePath };
    this.thread = new ThreadClient(workerFile, start, log);
  }

  query(filters: CustomerFilters, by: 'segment' | 'rfm' = 'segment'): Promise<FilterReply> {
    return this.thread.ask('query', { type: 'query', filters, by });
  }

  /** One segment's figures and spreads under the filters (the detail view). */
  detail(filters: CustomerFilters, segment: number): Promise<FilterReply<SegmentFigures>> {
    return this.thread.ask('detail', { type: 'detail', filters, segment });
  }

  /** A page of one segment's customers under the filters. */
  customers(question: SegmentCustomersQuestion): Promise<FilterReply<SegmentCustomers>> {
    return this.thread.ask('customers', { type: 'customers', question });
  }

  /** The figures behind each segment's traits, measured over the customers the filters keep. */
  traits(filters: CustomerFilters): Promise<FilterReply<TraitFiguresAnswer>> {
    return this.thread.ask('traits', { type: 'traits', filters });
  }

  /** The data changed (an import, a new model): the next question rebuilds the snapshot. */
  invalidate(): void {
    this.thread.tell('invalidate');
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** The thread's side. */
export function runFilterThread(start: FilterThreadStart, port: ThreadPort): void {
  let connection: ReturnType<typeof openDatabase>;
  let snapshot: CustomerSnapshot | null | undefined;
  let table: CustomerTable | null = null;
  let model: ReturnType<typeof activeModel> = null;
  const answer = (s: CustomerSnapshot, q: Question): unknown => {
    if (q.type === 'query') return s.query(q.filters, q.by);
    if (q.type === 'traits') return traitFigures(s, q.filters);
    if (q.type === 'detail') return segmentFigures(s, q.filters, q.segment, outletNames(connection.sqlite));
    table ??= new CustomerTable(s, connection.sqlite);
    return table.page(q.question);
  };
  const reply = (request: Question): FilterReply<unknown> => {
    if (snapshot === undefined) {
      model = activeModel(connection.sqlite);
      snapshot = model ? new CustomerSnapshot(connection.sqlite, model.window) : null;
    }
    return { modelId: model?.id ?? null, window: model?.window ?? null, answer: snapshot ? answer(snapshot, request) : null, facts: snapshot?.facts ?? null };
  };
  const invalidate = (): void => {
    snapshot = undefined;
    table = null;
  };
  serve<FilterRequests>(port, () => {
    connection = openDatabase(start.databasePath);
    return { query: reply, detail: reply, customers: reply, traits: reply, invalidate };
  });
}
