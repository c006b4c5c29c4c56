import { useState } from 'react';
import { maxIdleMinutes, minIdleMinutes, passwordSchema, roleLabels } from '../../../shared/auth';
import { api } from '../../api';
import { firstProblem, minutes as minutesWords } from '../../words';
import { useCan, useUser } from '../../auth/user';
import { ErrorText } from '../../components/States';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';

/** Everyone: who is signed in, and a new password of their own. Administrators also set the idle time. */
export function AccountCard() {
  const user = useUser();
  const mayChangeSettings = useCan('settings');
  const auth = useQuery(['settings'], () => api.getAuthState());
  const { run, feedback } = useAction(auth.reload);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<string>();
  const [idle, setIdle] = useState<string>();
  const idleMinutes = idle ?? String(auth.data?.idleMinutes ?? '');
  if (!user) return null;

  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">Your account</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user.displayName}</dd>
        <dt>User name</dt>
        <dd>{user.username}</dd>
        <dt>Role</dt>
        <dd>{roleLabels[user.role]}</dd>
      </dl>
      {feedback}
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          const wrong = firstProblem(passwordSchema, next);
          setProblem(wrong);
          if (wrong) return;
          run(api.changeOwnPassword({ current, next }), 'Your password is changed. Use the new one next time you sign in.', () => {
            setCurrent('');
            setNext('');
          });
        }}
      >
        <label htmlFor="own-current">Current password</label>
        <input id="own-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        <label htmlFor="own-next">New password</label>
        <input id="own-next" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        <span />
        <div className="actions">
          <button type="submit" className="button">
            Change password
          </button>
        </div>
      </form>
      <ErrorText>{problem}</ErrorText>
      {mayChangeSettings ? (
        <form
          className="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            const minutes = Number(idleMinutes);
            run(api.setIdleMinutes({ minutes }), `Everyone is now signed out after ${minutesWords(minutes)} without activity.`, () => setIdle(undefined));
          }}
        >
          <label htmlFor="idle-minutes">Sign out after</label>
          <input
            id="idle-minutes"
            type="number"
            className="number-input"
            min={minIdleMinutes}
            max={maxIdleMinutes}
            step={1}
            required
            value={idleMinutes}
            onChange={(e) => setIdle(e.target.value)}
          />
          <span>minutes without activity</span>
          <button type="submit" className="button small">
            Save
          </button>
        </form>
      ) : (
        auth.data && <p className="muted">You are signed out after {minutesWords(auth.data.idleMinutes)} without activity.</p>
      )}
    </section>
  );
}
