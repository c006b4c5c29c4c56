import { useState } from 'react';
import { changeTopics } from '../../../shared/contracts';
import { formatCount } from '../../../shared/format';
import { api } from '../../api';
import { useQuery } from '../../useQuery';
import { details, when, who } from './auditWords';

const pageSize = 50;

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

/** Administrators: who signed in, imported, changed the model or exported, newest first. */
export function AuditLogCard() {
  const [page, setPage] = useState(0);
  const log = useQuery(changeTopics, () => api.listAuditLog({ offset: page * pageSize, limit: pageSize }), [page]);
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
            {/* Each name and detail in a <bdi>: right-to-left text in one (a Tamil or Arabic name) cannot reorder the cells around it. */}
            {log.data?.entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{when.format(new Date(e.at))}</td>
                <td>
                  <bdi>{who(e)}</bdi>
                </td>
                <td className="nowrap">{actionWords[e.action] ?? e.action}</td>
                <td>
                  <bdi>{details(e)}</bdi>
                </td>
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
