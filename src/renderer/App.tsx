import { useEffect, useState } from 'react';
import { roleLabels, type SignedInUser } from '../shared/auth';
import type { AppStatus, JobState } from '../shared/contracts';
import { formatDay } from '../shared/format';
import { api, onAppEvent } from './api';
import { DemoProgress } from './components/DemoProgress';
import { DamageNotice } from './components/DamageNotice';
import { Brand } from './components/Brand';
import { ErrorState } from './components/States';
import { HistoryScreen } from './screens/HistoryScreen';
import { ImportScreen } from './screens/ImportScreen';
import { SegmentationScreen } from './screens/SegmentationScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { CurrencyProvider } from './currency';
import { useQuery } from './useQuery';
import { firstScreen, screenLabel, screensFor, type ScreenId } from './navigation';


export function App({ user, onSignOut }: { user: SignedInUser; onSignOut: () => void }) {
  const [screen, setScreen] = useState<ScreenId>(firstScreen);
  const menu = screensFor(user.permissions);
  const status = useQuery(['sales', 'model'], () => api.getAppStatus());
  // The newest word on the demo load: a pushed event, else what the status said.
  const [pushedJob, setPushedJob] = useState<JobState | null>(null);
  const [importing, setImporting] = useState(false);
  const demoJob = pushedJob ?? status.data?.demoJob ?? null;
  const reloadStatus = status.reload;
  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.type === 'job' && event.job.kind === 'import') setImporting(event.job.status === 'running');
        if (event.type !== 'job' || event.job.kind !== 'demoLoad') return;
        setPushedJob(event.job);
        if (event.job.status !== 'running') reloadStatus();
      }),
    [reloadStatus],
  );

  const demo = status.data?.demo;
  const loading = demoJob?.status === 'running';
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main menu">
        <Brand className="brand" />
        <ul>
          {menu.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === screen ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === screen ? 'page' : undefined}
                onClick={() => setScreen(s.id)}
              >
                {s.label}
                {s.id === 'import' && importing && <span className="nav-badge">importing…</span>}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-user" data-testid="signed-in-user">
          <div className="user-name">{user.displayName}</div>
          <div className="user-role">{roleLabels[user.role]}</div>
          <button type="button" className="nav-item sign-out" onClick={onSignOut}>
            Sign out
          </button>
        </div>
        <div className="sidebar-foot">{status.data ? `Version ${status.data.version}` : ''}</div>
      </nav>
      <div className="content">
        <header className="topbar">
          <h1>{screenLabel(screen)}</h1>
          {(demo === 'loaded' || loading) && (
            <span className="badge demo-badge" title="These are generated customers and sales, not your own data">
              Demo data
            </span>
          )}
          {status.data && <Freshness freshness={status.data.freshness} />}
        </header>
        {loading && demoJob && <DemoProgress job={demoJob} />}
        <DamageNotice />
        {status.error && !status.data ? (
          <ErrorState error={status.error} onRetry={status.reload} />
        ) : (
          <main className="screen">
            <CurrencyProvider>
              {screen === 'segmentation' && <SegmentationScreen status={status.data} demoLoading={loading} onNavigate={setScreen} />}
              {/* Kept mounted: an import under way keeps its progress and summary while the user looks elsewhere. */}
              {user.permissions.includes('import') && (
                <div hidden={screen !== 'import'}>
                  <ImportScreen />
                </div>
              )}
              {screen === 'history' && <HistoryScreen onNavigate={setScreen} />}
              {screen === 'settings' && <SettingsScreen status={status.data} demoLoading={loading} onChanged={status.reload} />}
            </CurrencyProvider>
          </main>
        )}
      </div>
    </div>
  );
}

/** "Sales up to 31 Oct 2026 · model v3 trained 2 Nov 2026": how current the numbers on screen are. */
function Freshness({ freshness }: { freshness: AppStatus['freshness'] }) {
  if (!freshness.lastSale) return null;
  return (
    <p className="freshness muted" data-testid="freshness">
      Sales up to {formatDay(freshness.lastSale)}
      {freshness.model ? ` · model v${freshness.model.version} trained ${formatDay(freshness.model.trainedAt.slice(0, 10))}` : ' · no segments yet'}
    </p>
  );
}
