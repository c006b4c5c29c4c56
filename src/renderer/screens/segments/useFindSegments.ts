import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { api } from '../../api';
import { useJob } from '../../useJob';

/** Find segments as a job: the job's state, the call that starts it, and why it could not start. */
export function useFindSegments(onDone: () => void) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<AppError>();
  const job = useJob(jobId, onDone);
  const start = (): void => {
    setStartError(undefined);
    api.startSegmentation({}).then(
      (r) => setJobId(r.jobId),
      (e: AppError) => setStartError(e),
    );
  };
  return { job, start, startError };
}
