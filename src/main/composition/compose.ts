import path from 'node:path';
import { changeTopics, type AppEvent, type JobKind, type ChangeTopic, type JobState } from '../../shared/contracts';
import { AuthService } from '../domain/auth/service';
import { openDatabase } from '../platform/db/connection';
import { FilterService } from '../app/filters';
import { Background } from '../app/background';
import { JobRunner } from '../platform/jobs/runner';
import type { JobTable } from '../app/jobs';
import type { Logger } from '../platform/log';
import { writeAudit } from '../domain/auth/audit';
import type { PasswordCost } from '../domain/auth/passwords';
import { FileRegistry } from '../app/files';
import type { HostDialogs } from '../app/host';
import type { AppContext, EventSink } from '../app/context';
import { HealthState } from '../platform/db/health';
import { isDamageError } from '../platform/db/integrity';
import { activeModelId } from '../domain/segmentation/store';

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

/** What each kind of job changes when it succeeds (checking a file changes nothing). */
const jobChanges: Record<JobKind, ChangeTopic | null> = {
  demoLoad: 'sales',
  importAnalyse: null,
  import: 'sales',
  segment: 'model',
  assign: 'model',
  export: 'reports',
};

export function createAppContext(options: AppContextOptions): AppContext {
  const connection = openDatabase(options.databasePath);
  const listeners = new Set<EventSink>();
  const workerFile = options.workerFile ?? path.join(__dirname, 'worker.js');
  const filters = new FilterService(workerFile, connection.path, options.log);
  const background = new Background(workerFile, connection.path, options.log);
  const auth = new AuthService(() => connection.sqlite, Date.now, options.passwordCost);
  // Who started each job still running, so its end is written to the audit log in their name.
  const jobStarters = new Map<string, { action: string; user: { id: number | null; username: string } | null }>();
  const emit = (event: AppEvent): void => {
    if (event.type === 'dataChanged') filters.changed(event.what);
    for (const listener of listeners) listener(event);
  };
  // Damage found: every screen reads again and shows the message (data it reads may now be missing).
  const health = new HealthState(connection.path, options.log, () => {
    for (const what of changeTopics) emit({ type: 'dataChanged', what });
  });
  const jobs = new JobRunner<JobTable>({
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
      const what = jobChanges[job.kind];
      if (what) emit({ type: 'dataChanged', what });
      if (job.kind === 'import') assignAfterImport(job.jobId);
    },
  });
  // New data: the active model assigns every customer again (no clustering) and measures drift.
  const assignAfterImport = (jobId: string): void => {
    const summary = jobs.result(jobId, 'import');
    if (summary.skipped) return;
    if (activeModelId(connection.sqlite) === undefined) return;
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
