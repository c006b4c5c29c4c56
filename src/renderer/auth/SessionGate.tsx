import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { displayNameSchema, passwordSchema, usernameSchema, type AuthState, type SignedInUser } from '../../shared/auth';
import { AppError } from '../../shared/errors';
import { api, onSessionEnded } from '../api';
import { ErrorState, ErrorText } from '../components/States';
import { firstProblem, minutes } from '../words';
import { UserContext } from './user';
import { Brand } from '../components/Brand';

/** How often the window tells the backend the user is still there, at most. */
const touchEveryMs = 20_000;
/** How often the window asks whether the session is still alive (it may have timed out). */
const checkEveryMs = 15_000;

/**
 * Nothing of the app shows before sign-in. First start asks for the
 * administrator account; afterwards the sign-in form. While signed in, the
 * user's activity keeps the session alive; when it ends (idle time, or a
 * call refused as signed out) the sign-in form comes back and says why.
 */
export function SessionGate({ children }: { children: (user: SignedInUser, signOut: () => void) => ReactNode }) {
  const [state, setState] = useState<AuthState>();
  const [error, setError] = useState<AppError>();
  const [notice, setNotice] = useState<string>();

  const refresh = useCallback(() => {
    api.getAuthState().then(
      (s) => {
        setError(undefined);
        setState(s);
      },
      (e: unknown) => setError(AppError.from(e)),
    );
  }, []);

  useEffect(refresh, [refresh]);
  useEffect(
    () =>
      onSessionEnded((message) => {
        setNotice(message);
        refresh();
      }),
    [refresh],
  );

  const user = state?.user ?? null;
  useActivity(user !== null, refresh);

  if (error && !state) return <ErrorState error={error} onRetry={refresh} />;
  if (!state) return <div className="gate" aria-busy="true" aria-label="Loading" />;
  if (state.needsSetup) return <FirstStart onDone={setState} />;
  if (!user) {
    const why = state.endedBecause === 'idle' ? `You were signed out after ${minutes(state.idleMinutes)} without activity. Sign in again to go on.` : notice;
    return <SignIn notice={why} onDone={(s) => (setNotice(undefined), setState(s))} />;
  }
  return (
    <UserContext.Provider value={user}>
      {children(user, () => {
        void api.signOut().then(setState, refresh);
      })}
    </UserContext.Provider>
  );
}

/** Reports the user's own activity (keys, pointer, wheel) now and then, and notices a session that timed out. */
function useActivity(signedIn: boolean, refresh: () => void): void {
  const lastTouch = useRef(0);
  useEffect(() => {
    if (!signedIn) return;
    lastTouch.current = Date.now();
    const onActivity = (): void => {
      const now = Date.now();
      if (now - lastTouch.current < touchEveryMs) return;
      lastTouch.current = now;
      void api.touchSession().then((r) => !r.active && refresh(), refresh);
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    const timer = setInterval(refresh, checkEveryMs);
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
      clearInterval(timer);
    };
  }, [signedIn, refresh]);
}

function GateCard({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <main className="gate">
      <section className="card gate-card" aria-labelledby="gate-title">
        <Brand className="brand gate-brand" />
        <h1 id="gate-title">{title}</h1>
        {intro}
        {children}
      </section>
    </main>
  );
}

function useSubmit(work: () => Promise<AuthState>, onDone: (s: AuthState) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    work().then(onDone, (e: unknown) => {
      setBusy(false);
      setError(AppError.from(e).message);
    });
  };
  return { busy, error, setError, submit };
}

function SignIn({ notice, onDone }: { notice: string | undefined; onDone: (s: AuthState) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(() => api.signIn({ username, password }), onDone);
  return (
    <GateCard title="Sign in" intro={<p className="muted">Use the account your administrator gave you.</p>}>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form className="gate-form" onSubmit={submit}>
        <label htmlFor="signin-username">User name</label>
        <input id="signin-username" type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </GateCard>
  );
}

function FirstStart({ onDone }: { onDone: (s: AuthState) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, submit } = useSubmit(() => api.createFirstAdministrator({ displayName, username, password }), onDone);
  return (
    <GateCard
      title="Create the administrator account"
      intro={
        <p>
          Welcome. This is the first start of Octave Segments on this computer. The administrator adds the marketing team’s accounts, imports sales
          data and changes settings. Keep the password somewhere safe: nobody can read it back.
        </p>
      }
    >
      <form
        className="gate-form"
        onSubmit={(e) => {
          const problem =
            firstProblem(displayNameSchema, displayName) ??
            firstProblem(usernameSchema, username) ??
            firstProblem(passwordSchema, password) ??
            (password !== repeat ? 'The two passwords are not the same. Type them again.' : undefined);
          if (problem) {
            e.preventDefault();
            setError(problem);
            return;
          }
          submit(e);
        }}
      >
        <label htmlFor="setup-name">Your name</label>
        <input id="setup-name" type="text" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required autoFocus />
        <label htmlFor="setup-username">User name</label>
        <input id="setup-username" type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required aria-describedby="setup-username-hint" />
        <p id="setup-username-hint" className="muted hint">
          Letters, digits and . _ @ - ; at least 3 characters.
        </p>
        <label htmlFor="setup-password">Password</label>
        <input id="setup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required aria-describedby="setup-password-hint" />
        <p id="setup-password-hint" className="muted hint">
          At least 8 characters.
        </p>
        <label htmlFor="setup-repeat">Password again</label>
        <input id="setup-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
        <ErrorText>{error}</ErrorText>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator account'}
        </button>
      </form>
    </GateCard>
  );
}
