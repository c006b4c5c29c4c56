import { useCallback, useEffect, useState } from 'react';
import type { ChangeTopic } from '../shared/contracts';
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

/** Calls `listener` when the data changes in one of `topics` (what a view shows); returns the way to stop. */
export function onDataChanged(topics: readonly ChangeTopic[], listener: () => void): () => void {
  return onAppEvent((event) => {
    if (event.type === 'dataChanged' && topics.includes(event.what)) listener();
  });
}

/**
 * Runs a backend read, keeps the last answer on screen while a new one is on
 * its way (no flicker), and reads again when the data changes in one of
 * `topics`, the kinds of data it shows (a rename does not reload the
 * history of reports). `deps` are the plain values the read depends on
 * (filters and the like).
 */
export function useQuery<T>(topics: readonly ChangeTopic[], load: () => Promise<T>, deps: readonly unknown[] = []): Query<T> {
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

  // Joined, so a list written inline in the caller does not subscribe again on every render.
  const listened = topics.join(' ');
  useEffect(() => onDataChanged(listened.split(' ') as ChangeTopic[], reload), [listened, reload]);
  return { data: answer.data, error: answer.key === key ? answer.error : undefined, loading: answer.key !== key, reload };
}
