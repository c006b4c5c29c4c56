import { dashboardSummary, salesByOutlet } from '../domain/dashboard/queries';
import { checkpointAfterLargeWrite } from '../platform/db/checkpoint';
import { openDatabase, type Connection } from '../platform/db/connection';
import { clearDemoData } from '../domain/demo/clear';
import { deleteImport } from '../domain/sales/imports';
import { listOutlets } from '../domain/outlets/service';
import { rfmSummary } from '../domain/segmentation/rfmSummary';
import { ThreadClient } from '../platform/threads/client';
import { serve, type Handlers, type InputArgs, type ThreadPort, type ValueOf } from '../platform/threads/protocol';
import type { Logger } from '../platform/log';
import type { BackupReason } from '../../shared/backups';
import { takeBackup } from '../platform/db/backups';
import { integrityProblems } from '../platform/db/integrity';
import { backupFileProblems } from '../platform/db/restore';
import { salvageInto } from '../platform/db/salvage';

/**
 * Work that scans or deletes a large share of a million customers' rows (a
 * count, a GROUP BY, deleting an import's 24 M sales lines) takes from 100 ms
 * to seconds: too long for the main process, which must never stall the
 * window for more than 50 ms. It runs on a thread of its own with its own
 * connection (WAL: it sees every committed write, and SQLite keeps one writer
 * at a time), so the filter thread's snapshot builds never delay it.
 */
const work = {
  dashboardSummary: (c: Connection) => dashboardSummary(c.db),
  salesByOutlet: (c: Connection) => salesByOutlet(c.db),
  listOutlets: (c: Connection) => listOutlets(c.sqlite),
  rfmSummary: (c: Connection) => rfmSummary(c.sqlite),
  deleteImport: (c: Connection, importId: number) => afterLargeWrite(c, deleteImport(c.sqlite, importId)),
  clearDemoData: (c: Connection) => afterLargeWrite(c, clearDemoData(c.sqlite)),
  // issue 15, backups: the checks and copies that read the whole file, which take seconds at a million customers.
  quickCheck: (c: Connection) => integrityProblems(c.sqlite, true),
  backup: (c: Connection, input: { reason: BackupReason; keep: number; protect: string[] }) => takeBackup(c.sqlite, c.path, input),
  checkBackup: (_c: Connection, file: string) => backupFileProblems(file),
  salvage: (c: Connection, target: string) => salvageInto(c.sqlite, target),
};

/** A deletion of millions of lines leaves as large a -wal file as their import: truncated once committed. */
function afterLargeWrite<T>(c: Connection, result: T): T {
  checkpointAfterLargeWrite(c.sqlite);
  return result;
}

export type WorkName = keyof typeof work;
type WorkInput<K extends WorkName> = Parameters<(typeof work)[K]> extends [Connection, infer I] ? [I] : [];
type WorkValue<K extends WorkName> = Awaited<ReturnType<(typeof work)[K]>>;
/** The thread's request table: the work above, without the connection the thread holds. */
type BackgroundRequests = { [K in WorkName]: (...input: WorkInput<K>) => WorkValue<K> };

export interface BackgroundThreadStart {
  role: 'background';
  databasePath: string;
}

export class Background {
  private readonly thread: ThreadClient<BackgroundRequests>;

  constructor(workerFile: string, databasePath: string, log: Logger) {
    const start: BackgroundThreadStart = { role: 'background', databasePath };
    this.thread = new ThreadClient(workerFile, start, log);
  }

  run<K extends WorkName>(name: K, ...input: InputArgs<BackgroundRequests, K>): Promise<ValueOf<BackgroundRequests, K>> {
    return this.thread.ask(name, ...input);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** The thread's side: one piece of work at a time, in the order asked. */
export function runBackgroundThread(start: BackgroundThreadStart, port: ThreadPort): void {
  serve<BackgroundRequests>(port, () => {
    const connection = openDatabase(start.databasePath);
    const run = (name: WorkName) => (input: unknown) => (work[name] as (c: Connection, input: unknown) => unknown)(connection, input);
    return Object.fromEntries(Object.keys(work).map((name) => [name, run(name as WorkName)])) as Handlers<BackgroundRequests>;
  });
}
