import type { AppEvent } from '../../shared/contracts';
import type { AuthService } from '../domain/auth/service';
import type { Connection } from '../platform/db/connection';
import type { HealthState } from '../platform/db/health';
import type { JobRunner } from '../platform/jobs/runner';
import type { JobTable } from './jobs';
import type { Logger } from '../platform/log';
import type { FilterService } from './filters';
import type { Background } from './background';
import type { FileRegistry } from './files';
import type { HostDialogs } from './host';

export type EventSink = (event: AppEvent) => void;

/**
 * Everything the handlers need, built once per process (Electron app, bridge or CLI).
 * A use case takes a Pick of it that names only what it touches; domain code takes none of it.
 */
export interface AppContext {
  readonly version: string;
  readonly connection: Connection;
  readonly jobs: JobRunner<JobTable>;
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
