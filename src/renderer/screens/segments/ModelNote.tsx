import { useCan } from '../../auth/user';
import { JobProgress } from '../../components/JobProgress';
import { useFindSegments } from './useFindSegments';

/**
 * Said when the data no longer supports the active model (its customers were
 * the demo's, say): what happened, and what to do, with the control to do it.
 */
export function ModelNote({ note, onDone }: { note: string; onDone: () => void }) {
  const mayModel = useCan('model');
  const { job, start, startError } = useFindSegments(onDone);
  return (
    <section className="card attention" role="status" aria-labelledby="model-note-title" data-testid="model-note">
      <h3 id="model-note-title">These segments have no customers in the data now</h3>
      <p>{note}</p>
      {!mayModel && <p className="muted">An administrator or a Marketing Lead can find segments again.</p>}
      {job?.status === 'running' ? (
        <JobProgress job={job} title="Finding segments" />
      ) : (
        mayModel && (
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={start}
            >
              Find segments
            </button>
          </div>
        )
      )}
      {job?.status === 'failed' && <p role="alert">{job.error}</p>}
      {startError && <p role="alert">{startError.message}</p>}
    </section>
  );
}
