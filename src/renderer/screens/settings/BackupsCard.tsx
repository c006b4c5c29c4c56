import { useState } from 'react';
import { backupReasonWords, backupTimes, maxBackupsKept, minBackupsKept, restoreQuestion, type BackupEntry } from '../../../shared/backups';
import { formatBytes, formatDayTime } from '../../../shared/format';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';
import { ConfirmActions } from '../../components/ConfirmActions';

/** Settings → Backups (administrators): the backups kept, one made now, how many to keep, and a restore with a confirmation. */
export function BackupsCard() {
  const list = useQuery(['sales', 'settings'], () => api.listBackups());
  const { run, feedback } = useAction(list.reload);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [typed, setTyped] = useState<string>();
  const keep = typed ?? String(list.data?.keep ?? '');
  const backups = list.data?.backups ?? [];
  const times = backupTimes(backups);
  const timeOf = (b: BackupEntry): string => times.get(b.name) ?? formatDayTime(b.takenAt);
  const makeBackup = (): void => {
    const newest = backups[0]?.name;
    // The same data as the newest backup is not backed up twice: that one is handed back.
    run(api.makeBackup({}), (made) =>
      made.name === newest ? `Your data has not changed since the latest backup (${timeOf(made)}), so no new one was needed.` : 'A backup of all data was made; it is listed below.',
    );
  };
  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        A backup of all data is made before each import, each time segments are found, and before data is deleted. The newest {list.data ? `${list.data.keep} are` : 'are'} kept in{' '}
        <span className="path">{list.data?.folder ?? '…'}</span>. When the data has not changed since the newest backup, no second copy of it is made, so repeated attempts never push an older backup out.
      </p>
      {feedback}
      {list.error && (
        <p role="alert" className="error-text">
          {list.error.message}
        </p>
      )}
      {confirming && (
        <ConfirmActions
          look="notice"
          label="Confirm the restore"
          question={restoreQuestion(confirming, timeOf(confirming))}
          choices={[
            {
              label: 'Yes, replace all data',
              danger: true,
              onClick: () => run(api.restoreBackup({ name: confirming.name }), `The backup of ${timeOf(confirming)} is restored.`, () => setConfirming(null)),
            },
          ]}
          cancelLabel="Cancel"
          onCancel={() => setConfirming(null)}
        />
      )}
      {backups.length === 0 ? (
        <p>No backups yet.</p>
      ) : (
        <table className="table" aria-label="Backups">
          <thead>
            <tr>
              <th>When</th>
              <th>Why</th>
              <th className="num">Size</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td>{timeOf(b)}</td>
                <td>{backupReasonWords[b.reason]}</td>
                <td className="num">{formatBytes(b.bytes)}</td>
                <td>
                  <button type="button" className="button small" onClick={() => setConfirming(b)}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={makeBackup}>
          Make a backup now
        </button>
        <form
          className="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            run(api.setBackupsToKeep({ keep: Number(keep) }), 'Saved: the oldest backups beyond that number go after the next backup.', () => setTyped(undefined));
          }}
        >
          <label htmlFor="backups-keep">Backups to keep</label>
          <input id="backups-keep" className="number-input" type="number" min={minBackupsKept} max={maxBackupsKept} value={keep} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" className="button small">
            Save
          </button>
        </form>
      </div>
    </section>
  );
}
