import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { JobState } from '../shared/contracts';
import { api, onAppEvent } from './api';

/**
 * Follows one background job: its pushed progress events, with one read at
 * the start in case an event was missed. `onEnd` is called once, when the
 * job has succeeded, failed or been cancelled.
 */
export function useJob(jobId: string | null, onEnd?: (job: JobState) => void): JobState | null {
  const [job, setJob] = useState<JobState | null>(null);
  const onEndRef = useRef(onEnd);
  useLayoutEffect(() => {
    onEndRef.current = onEnd;
  });
  useEffect(() => {
    if (!jobId) return;
    let current = true;
    let ended = false;
    const see = (state: JobState): void => {
      if (!current) return;
      setJob((seen) => newer(seen, state));
      if (state.status !== 'running' && !ended) {
        ended = true;
        onEndRef.current?.(state);
      }
    };
    const unsubscribe = onAppEvent((event) => {
      if (event.type === 'job' && event.job.jobId === jobId) see(event.job);
    });
    void api.getJob({ jobId }).then(see, () => undefined);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [jobId]);
  return job && job.jobId === jobId ? job : null;
}

/** A pushed event may already be newer than a read: an ended job beats a running one, then the furthest along wins. */
function newer(seen: JobState | null, read: JobState): JobState {
  if (!seen || seen.jobId !== read.jobId) return read;
  if (seen.status !== 'running') return seen;
  if (read.status !== 'running') return read;
  return seen.current > read.current ? seen : read;
}
