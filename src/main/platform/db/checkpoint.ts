import type { Database } from 'better-sqlite3';
import { consoleLogger, type Logger } from '../log';

export type CheckpointOutcome = 'truncated' | 'busy' | 'skipped' | 'failed';

/** How long the checkpoint may wait for a reader to finish; the user's job is done and should not wait longer. */
const readerWaitMs = 250;

/**
 * After a write of millions of rows (demo load, import, deletion), copies the
 * WAL into the database and truncates it to 0 bytes. SQLite's automatic
 * checkpoints never shrink the file: a 1,000,000-customer demo load left a
 * 2.9 GB -wal beside a 15 MB database, doubling the disk used and slowing
 * every read until the next checkpoint. Call it on the writing connection
 * once the write is committed. If a reader holds the WAL, the checkpoint is
 * left for later (logged, never thrown): the user's write has succeeded.
 */
export function checkpointAfterLargeWrite(db: Database, log: Logger = consoleLogger): CheckpointOutcome {
  if (!db.open || db.inTransaction) return 'skipped';
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma(`busy_timeout = ${readerWaitMs}`);
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    if (result && result.busy !== 0) {
      log.warn(`The database's write-ahead log was not truncated after a large write: a reader was busy (${result.checkpointed} of ${result.log} pages copied). SQLite finishes it later.`);
      return 'busy';
    }
    return 'truncated';
  } catch (error) {
    log.warn("The database's write-ahead log could not be checkpointed after a large write; SQLite finishes it later.", error);
    return 'failed';
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
