import type { JobKind } from '../../shared/contracts';
import { AppError } from '../../shared/errors';
import type { AppContext } from './context';

/** What the user is told when a job that writes is running and another one would collide with it. */
const runningNow: Record<JobKind, string | null> = {
  import: 'An import is running. Wait for it to finish, or stop it,',
  demoLoad: 'The demo data is still loading. Stop it, or wait for it to finish,',
  segment: 'Segments are being found. Wait for that to finish, or stop it,',
  assign: 'Customers are being assigned to segments after the last change. Wait a moment',
  importAnalyse: null, // reads only
  export: null, // writes a file and one history line
};

/** Refuses to start `action` while a job that writes to the database is running. */
export function refuseWhileBusy(ctx: Pick<AppContext, 'jobs'>, action: string): void {
  for (const [kind, message] of Object.entries(runningNow) as Array<[JobKind, string | null]>) {
    if (message && ctx.jobs.running(kind)) throw new AppError('conflict', `${message} before you ${action}.`);
  }
}
