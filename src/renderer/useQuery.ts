import { useCallback, useEffect, useState } from 'react';
import { AppError } from '../shared/errors';
import { onAppEvent } from './api';

export interface Query<T> {
  data: T | undefined;
  error: AppError | undefined;
  /** True while an answer for the current request is on its way; `data` still holds the last one. */
  loading: boolean;
  reload(): void;
}

interface Answer<T> {
  key: string;
  data?: T;
  error?: AppError;
}

/**
 * Runs a backend read, keeps the last answer on screen while a new one is on
 * its way (no flicker), and reads again whenever the data changes.
 * `deps` are the plain values the read depends on (filters and the like).
 */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Query<T> {
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<Answer<T>>({ key: '' });
  const key = JSON.stringify([round, ...deps]);
  const reload = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setAnswer({ key, data }),
      (reason: unknown) => current && setAnswer((last) => ({ key, data: last.data, error: AppError.from(reason) })),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for everything the read depends on
  }, [key]);

  useEffect(() => onAppEvent((event) => event.type === 'dataChanged' && reload()), [reload]);
  return { data: answer.data, error: answer.key === key ? answer.error : undefined, loading: answer.key !== key, reload };
}
