import { useState } from 'react';
import type { AppStatus } from '../../shared/contracts';
import type { AppError } from '../../shared/errors';
import { formatCount } from '../../shared/format';
import { api } from '../api';
import { useCan } from '../auth/user';
import { ConfirmActions } from '../components/ConfirmActions';
import { AccountCard } from './settings/AccountCard';
import { AuditLogCard } from './settings/AuditLogCard';
import { CategoryRulesCard } from './settings/CategoryRulesCard';
import { UsersCard } from './settings/UsersCard';
import { OutletsCard } from './settings/OutletsCard';
import { ReportsFolderCard } from './settings/ReportsFolderCard';
import { CurrencyCard } from './settings/CurrencyCard';
import { BackupsCard } from './settings/BackupsCard';

export function SettingsScreen({
  status,
  demoLoading,
  onChanged,
}: {
  status: AppStatus | undefined;
  demoLoading: boolean;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<AppError>();
  const [confirming, setConfirming] = useState(false);
  const mayImport = useCan('import');
  const maySettings = useCan('settings');
  const mayManageUsers = useCan('users');

  const run = (action: () => Promise<string>): void => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    action()
      .then(setMessage, (e: AppError) => setError(e))
      .finally(() => {
        setBusy(false);
        setConfirming(false);
        onChanged();
      });
  };

  return (
    <div className="stack">
      <AccountCard />
      <ReportsFolderCard />
      <CurrencyCard />
      {mayManageUsers && <UsersCard />}
      {mayImport && (
        <section className="card">
          <h2>Demo data</h2>
          {status?.demo === 'loaded' && (
            <>
              <p>The app is showing generated demo customers and sales, not your own data.</p>
              {confirming ? (
                <ConfirmActions
                  look="bar"
                  question="Remove all demo customers and sales?"
                  choices={[
                    {
                      label: 'Yes, clear demo data',
                      danger: true,
                      disabled: busy,
                      onClick: () =>
                        run(async () => {
                          const r = await api.clearDemoData();
                          return `Removed ${formatCount(r.removedCustomers)} demo customers and ${formatCount(r.removedSalesLines)} sales lines.`;
                        }),
                    },
                  ]}
                  cancelLabel="Keep it"
                  onCancel={() => setConfirming(false)}
                />
              ) : (
                <button type="button" className="button" onClick={() => setConfirming(true)}>
                  Clear demo data
                </button>
            )}
          </>
        )}
        {demoLoading && <p>The demo data is loading. You can stop it from the bar at the top.</p>}
        {!demoLoading && status?.demo !== 'loaded' && (
          <>
            <p>{status?.hasData ? 'This database holds your own data.' : 'No demo data is loaded.'}</p>
            {!status?.hasData && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => run(async () => (await api.loadDemoData({}), 'Loading the demo data…'))}
              >
                Load demo data
              </button>
            )}
          </>
        )}
        {message && <p role="status">{message}</p>}
        {error && <p role="alert" className="error-text">{error.message}</p>}
      </section>
      )}
      {maySettings && <OutletsCard />}
      {maySettings && <CategoryRulesCard />}
      {maySettings && <BackupsCard />}
      {mayManageUsers && <AuditLogCard />}
      <section className="card">
        <h2>About</h2>
        <dl className="facts">
          <dt>Version</dt>
          <dd>{status?.version ?? '…'}</dd>
          <dt>Database file</dt>
          <dd className="path">{status?.databasePath ?? '…'}</dd>
        </dl>
      </section>
    </div>
  );
}
