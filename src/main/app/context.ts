import path from 'node:path';
import type { AppEvent, JobState } from '../../shared/contracts';
import { AuthService } from '../auth/service';
import { openDatabase, type Connection } from '../db/connection';
import { FilterService } from '../filters/service';
import { Background } from '../background/work';
import { JobRunner } from '../jobs/runner';
import type { Logger } from '../log';
import { writeAudit } from '../auth/audit';
import type { PasswordCost } from '../auth/passwords';
import { FileRegistry } from './files';
import type { HostDialogs } from './host';
import { HealthState } from '../db/health';
import { isDamageError } from '../db/integrity';

export type EventSink = (event: AppEvent) => void;

/** Everything the handlers need, built once per process (Electron app, bridge or CLI). */
export interface AppContext {
  readonly version: string;
  readonly connection: Connection;
  readonly jobs: JobRunner;
  readonly log: Logger;
  /** Files the user chose this session, known to the window by id only. */
  readonly files: FileRegistry;
  /** Accounts, the session and the audit log. */
  readonly auth: AuthService;
  /** Writes the start of a job to the audit log; its end is written in the same user's name. */
  auditJob(jobId: string, action: string, detail: string): void;
  /** The dashboard's filters, answered by a long-lived thread. */
  readonly filters: FilterService;
  /** Reads and deletes too slow for the main process at a million customers, done by a thread of their own. */
  readonly background: Background;
  /** The user's Documents folder (Electron knows it; elsewhere ~/Documents): reports go in "Octave Reports" there. */
  readonly documentsDir: string | null;
  /** Native dialogs, when the app runs in Electron; null in the browser bridge and the CLI. */
  readonly dialogs: HostDialogs | null;
  /** Whether the data file is sound (checked at start in the background thread); nothing is written while it is damaged. */
  readonly health: HealthState;
  /** Subscribes to backend events; returns the unsubscribe function. */
  subscribe(listener: EventSink): () => void;
  emit(event: AppEvent): void;
  close(): Promise<void>;
}

export interface AppContextOptions {
  databasePath: string;
  log: Logger;
  version: string;
  /** The bundled worker entry; defaults to `worker.js` beside the running main bundle. */
  workerFile?: string;
  dialogs?: HostDialogs;
  documentsDir?: string;
  /** Tests only (see testPasswordCost): the app always hashes at the full cost. */
  passwordCost?: PasswordCost;
  /**
   * The quick check of the whole file at start (default on). The CLI turns it
   * off: each of its commands is a start, its writes go through no window's
   * guard, and those that write back up first, after the full check.
   */
  checkAtStart?: boolean;
}

export function createAppContext(options: AppContextOptions): AppContext {
  const connection = openDatabase(options.databasePath);
  const listeners = new Set<EventSink>();
  const workerFile = options.workerFile ?? path.join(__dirname, 'worker.js');
  const filters = new FilterService(workerFile, connection.path);
  const background = new Background(workerFile, connection.path, options.log);
  const auth = new AuthService(() => connection.sqlite, Date.now, options.passwordCost);
  // Who started each job still running, so its end is written to the audit log in their name.
  const jobStarters = new Map<string, { action: string; user: { id: number | null; username: string } | null }>();
  const emit = (event: AppEvent): void => {
    if (event.type === 'dataChanged') filters.invalidate();
    for (const listener of listeners) listener(event);
  };
  // Damage found: every screen reads again and shows the message (data it reads may now be missing).
  const health = new HealthState(connection.path, options.log, () => emit({ type: 'dataChanged' }));
  const jobs = new JobRunner({
    workerFile,
    databasePath: connection.path,
    log: options.log,
    onUpdate(job: JobState) {
      emit({ type: 'job', job });
      if (job.status === 'failed' && isDamageError(job.error ?? '')) health.markDamaged([job.error ?? '']);
      const started = jobStarters.get(job.jobId);
      if (started && job.status !== 'running') {
        jobStarters.delete(job.jobId);
        const outcome = job.status === 'succeeded' ? 'finished' : job.status === 'cancelled' ? 'cancelled' : 'failed';
        writeAudit(connection.sqlite, Date.now(), started.user, `${started.action}:${outcome}`, job.error ?? (job.rows !== undefined ? `${job.rows} rows` : ''));
      }
      if (job.status !== 'succeeded') return;
      emit({ type: 'dataChanged' });
      if (job.kind === 'import') assignAfterImport(job.jobId);
    },
  });
  // New data: the active model assigns every customer again (no clustering) and measures drift.
  const assignAfterImport = (jobId: string): void => {
    const summary = jobs.result(jobId, 'import');
    if (summary.skipped) return;
    if (connection.sqlite.prepare('SELECT 1 FROM model_versions WHERE active = 1').get() === undefined) return;
    jobs.start('assign', { importId: summary.importId });
  };
  const files = new FileRegistry();
  if (options.checkAtStart !== false) {
    const checker = new Background(workerFile, connection.path, options.log);
    health.follow(checker.run('quickCheck'), () => checker.close());
  }
  return {
    version: options.version,
    connection,
    jobs,
    log: options.log,
    files,
    filters,
    background,
    auth,
    health,
    auditJob(jobId, action, detail) {
      jobStarters.set(jobId, { action, user: auth.auditor() });
      auth.audit(action, detail);
    },
    dialogs: options.dialogs ?? null,
    documentsDir: options.documentsDir ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    async close() {
      await jobs.stopAll();
      await filters.close();
      await health.stopChecking();
      await background.close();
      files.dispose();
      connection.close();
    },
  };
}
