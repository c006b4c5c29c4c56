import { useEffect, useState } from 'react';
import { restoreQuestion, salvageWords } from '../../shared/backups';
import { changeTopics } from '../../shared/contracts';
import { api } from '../api';
import { useCan, useUser } from '../auth/user';
import { useAction } from '../useAction';
import { useQuery } from '../useQuery';
import { ConfirmActions } from './ConfirmActions';

/**
 * Shown on every screen once the data file is found damaged: what happened,
 * in plain words, and the two ways out (for an administrator; anyone else is
 * told to ask one). Asks again while the check at start is still running.
 */
export function DamageNotice() {
  // The words depend on who reads them (an administrator can act, anyone else asks one).
  const userId = useUser()?.id;
  const health = useQuery(changeTopics, () => api.getDatabaseHealth(), [userId]);
  const mayAct = useCan('settings');
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string>();
  const { run, feedback } = useAction(health.reload);
  const checking = health.data?.status === 'checking';
  const reload = health.reload;
  useEffect(() => {
    if (!checking) return undefined;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [checking, reload, health.data]);

  const data = health.data;
  if (data?.status !== 'damaged' || !data.message) return null;
  const latest = data.latestBackup;
  return (
    <section className="damage" role="alert" aria-labelledby="damage-title">
      <h2 id="damage-title">Changes are not being saved</h2>
      <p>{data.message}</p>
      {mayAct && (
        <>
          {confirming && latest ? (
            <ConfirmActions
              look="bar"
              question={restoreQuestion(latest)}
              choices={[
                { label: 'Yes, restore it', danger: true, onClick: () => run(api.restoreBackup({ name: latest.name }), 'The backup is restored.', () => setConfirming(false)) },
              ]}
              cancelLabel="Cancel"
              onCancel={() => setConfirming(false)}
            />
          ) : (
            <div className="actions">
              {latest && (
                <button type="button" className="button primary" onClick={() => setConfirming(true)}>
                  Restore the latest good backup
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() =>
                  run(
                    api.saveReadableData({}).then((result) => setSaved(result.saved ? salvageWords(result) : undefined)),
                    'Done.',
                  )
                }
              >
                Save what can still be read…
              </button>
            </div>
          )}
          {saved && <p role="status">{saved}</p>}
          {!saved && feedback}
        </>
      )}
    </section>
  );
}
