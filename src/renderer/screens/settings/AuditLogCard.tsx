import { useState } from 'react';
import type { AuditEntry } from '../../../shared/auth';
import { formatCount } from '../../../shared/format';
import { api } from '../../api';
import { useQuery } from '../../useQuery';

const pageSize = 50;

/** "23 Nov 2026, 16:45:03", on this computer's clock. */
const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

const actionWords: Record<string, string> = {
  accountCreated: 'Account created',
  signIn: 'Signed in',
  signOut: 'Signed out',
  signInFailed: 'Sign-in failed',
  signInRefused: 'Sign-in refused',
  accountLocked: 'Account locked',
  sessionExpired: 'Signed out (idle)',
  userAdded: 'User added',
  userChanged: 'User changed',
  userUnlocked: 'User unlocked',
  passwordReset: 'Password set by administrator',
  passwordChanged: 'Password changed',
  settingsChanged: 'Settings changed',
  import: 'Import started',
  'import:finished': 'Import finished',
  'import:failed': 'Import failed',
  'import:cancelled': 'Import cancelled',
  importDeleted: 'Import deleted',
  demoLoad: 'Demo data loading',
  'demoLoad:finished': 'Demo data loaded',
  demoCleared: 'Demo data cleared',
  segmentation: 'Segmentation started',
  'segmentation:finished': 'New model trained',
  'segmentation:failed': 'Segmentation failed',
  modelActivated: 'Model version switched',
  segmentRenamed: 'Segment renamed',
  export: 'Report export started',
  'export:finished': 'Report exported',
  'export:failed': 'Report export failed',
  'export:cancelled': 'Report export cancelled',
  reportDeleted: 'Report deleted',
  // issue 15, roles
  refused: 'Refused',
  'demoLoad:failed': 'Demo data load failed',
  'demoLoad:cancelled': 'Demo data load stopped',
  'segmentation:cancelled': 'Segmentation stopped',
  // issue 15, backups
  backupMade: 'Backup made',
  backupRestored: 'Backup restored',
  dataSalvaged: 'Readable data saved to a new file',
};

/** Who, in words: a refused call with nobody signed in was made by "not signed in". */
function who(e: AuditEntry): string {
  return e.username ?? (e.action === 'refused' ? 'not signed in' : '—');
}

/** "deleteReport: needs permission settings (12 times, the last at 23 Nov 2026, 16:45:09)". */
function details(e: AuditEntry): string {
  if (e.repeats <= 1) return e.detail;
  return `${e.detail} (${formatCount(e.repeats)} times${e.lastAt ? `, the last at ${when.format(new Date(e.lastAt))}` : ''})`;
}

/** Administrators: who signed in, imported, changed the model or exported, newest first. */
export function AuditLogCard() {
  const [page, setPage] = useState(0);
  const log = useQuery(() => api.listAuditLog({ offset: page * pageSize, limit: pageSize }), [page]);
  const total = log.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="card-head">
        <h2 id="audit-title">Audit log</h2>
        <span className="muted">{log.data ? `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}` : ''}</span>
      </div>
      <div className="table-wrap">
        <table className="table" aria-busy={log.loading}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {log.data?.entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{when.format(new Date(e.at))}</td>
                <td>{who(e)}</td>
                <td className="nowrap">{actionWords[e.action] ?? e.action}</td>
                <td>{details(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="actions pager">
          <button type="button" className="button small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span className="muted">
            Page {page + 1} of {pages}
          </span>
          <button type="button" className="button small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </div>
      )}
    </section>
  );
}
