import type { AppErrorShape } from '../../shared/errors';
import { dashboardSummary, salesByOutlet } from '../domain/dashboard/queries';
import { checkpointAfterLargeWrite } from '../platform/db/checkpoint';
import { openDatabase, type Connection } from '../platform/db/connection';
import { clearDemoData } from '../domain/demo/clear';
import { deleteImport } from '../domain/sales/imports';
import { listOutlets } from '../domain/outlets/service';
import { rfmSummary } from '../domain/segmentation/rfmSummary';
import { ThreadClient, type ThreadPort } from '../platform/threads/client';
import type { Logger } from '../platform/log';
import { fromThread, threadFailure } from '../platform/userErrors';
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

export interface BackgroundThreadStart {
  role: 'background';
  databasePath: string;
}

type Request = { id: number; name: WorkName; input?: unknown };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: AppErrorShape; detail?: string };

export class Background {
  private readonly thread: ThreadClient<{ name: WorkName; input?: unknown }, Reply>;

  constructor(
    workerFile: string,
    databasePath: string,
    private readonly log: Logger,
  ) {
    const start: BackgroundThreadStart = { role: 'background', databasePath };
    this.thread = new ThreadClient(workerFile, start);
  }

  async run<K extends WorkName>(name: K, ...input: WorkInput<K>): Promise<WorkValue<K>> {
    const reply = await this.thread.ask({ name, input: input[0] });
    if (!reply.ok) throw fromThread(reply, this.log, `Background ${name}`);
    return reply.value as WorkValue<K>;
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** The thread's side: one piece of work at a time, in the order asked. */
export function runBackgroundThread(start: BackgroundThreadStart, port: ThreadPort<Request, Reply>): void {
  const connection = openDatabase(start.databasePath);
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request) => {
    queue = queue.then(async () => {
      try {
        const run = work[request.name] as (c: Connection, input: unknown) => unknown;
        port.postMessage({ id: request.id, ok: true, value: await run(connection, request.input) });
      } catch (error) {
        port.postMessage({ id: request.id, ok: false, ...threadFailure(error) });
      }
    });
  });
}
