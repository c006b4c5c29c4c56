import { useState } from 'react';
import type { JobState } from '../../shared/contracts';
import { formatCount } from '../../shared/format';
import { api } from '../api';

export function DemoProgress({ job }: { job: JobState }) {
  const [stopping, setStopping] = useState(false);
  const percent = job.total > 0 ? Math.round((job.current / job.total) * 100) : 0;
  return (
    <section className="banner" aria-live="polite" aria-label="Loading demo data">
      <div className="banner-text">
        <strong>Loading the demo data…</strong> {job.step}
        {job.total > 0 && ` — ${formatCount(job.current)} of ${formatCount(job.total)} customers`}
      </div>
      <progress max={100} value={percent} aria-label="Demo data loaded">
        {percent}%
      </progress>
      <button
        type="button"
        className="button"
        disabled={stopping}
        onClick={() => {
          setStopping(true);
          void api.cancelJob({ jobId: job.jobId }).finally(() => setStopping(false));
        }}
      >
        {stopping ? 'Stopping…' : 'Stop'}
      </button>
    </section>
  );
}
