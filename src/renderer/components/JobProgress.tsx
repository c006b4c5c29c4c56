import { useEffect, useState } from 'react';
import type { JobState } from '../../shared/contracts';
import { formatCount, formatDuration } from '../../shared/format';
import { api } from '../api';

/** A running job as the user follows it: what it is doing, how far, how long so far and how long still, and Stop. */
export function JobProgress({ job, title, expectedRows }: { job: JobState; title: string; expectedRows?: number | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  const [stopping, setStopping] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // Rows are the truer measure when the count is known (bytes run ahead of parsing in a compressed file).
  const fraction =
    expectedRows && job.rows !== undefined ? Math.min(1, job.rows / expectedRows) : job.total > 0 ? Math.min(1, job.current / job.total) : 0;
  const elapsed = Math.max(0, now - Date.parse(job.startedAt));
  // An estimate only once there is something to go on.
  const remaining = fraction > 0.02 && elapsed > 1500 ? (elapsed * (1 - fraction)) / fraction : null;
  const percent = Math.floor(fraction * 100);
  return (
    <section className="card job-progress" aria-live="polite" aria-label={title}>
      <div className="card-head">
        <h2>{title}</h2>
        <span className="muted">{percent}%</span>
      </div>
      <progress max={100} value={percent} aria-label={`${title}: ${percent}%`} />
      <div className="job-facts">
        <span>{job.step}</span>
        {job.rows !== undefined && (
          <span>
            {formatCount(job.rows)}
            {expectedRows ? ` of ${formatCount(expectedRows)}` : ''} rows
          </span>
        )}
        <span>{formatDuration(elapsed)} so far</span>
        {remaining !== null && <span>about {formatDuration(remaining)} left</span>}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={stopping || job.status !== 'running'}
          onClick={() => {
            setStopping(true);
            void api.cancelJob({ jobId: job.jobId }).finally(() => setStopping(false));
          }}
        >
          {stopping ? 'Stopping…' : 'Cancel'}
        </button>
        <span className="muted">Cancelling leaves your data exactly as it was.</span>
      </div>
    </section>
  );
}
