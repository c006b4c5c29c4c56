import { useState } from 'react';
import { AppError } from '../shared/errors';

/**
 * A change the user asks for from a list: runs it, then says what was done
 * (or what went wrong, in words they can act on) and reloads the list.
 */
export function useAction(reload: () => void) {
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // `done` may depend on the answer (a backup asked for when the data has not changed makes none).
  const run = <T,>(work: Promise<T>, done: string | ((value: T) => string), after: () => void = () => undefined): void => {
    setError(null);
    setMessage(null);
    work.then(
      (value) => {
        setMessage(typeof done === 'string' ? done : done(value));
        after();
        reload();
      },
      (e: unknown) => setError(AppError.from(e)),
    );
  };
  const feedback = (
    <>
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      {message && <p role="status">{message}</p>}
    </>
  );
  return { run, feedback };
}
