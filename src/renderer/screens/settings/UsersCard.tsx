import { useState } from 'react';
import { passwordSchema, roleLabels, roles, usernameSchema, displayNameSchema, type Role, type UserView } from '../../../shared/auth';
import { formatCount, formatDay } from '../../../shared/format';
import { api } from '../../api';
import { firstProblem } from '../../words';
import { useUser } from '../../auth/user';
import { ErrorText } from '../../components/States';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';
import { SettingsTable } from '../../components/SettingsTable';
import { LabelledSelect } from '../../components/LabelledSelect';

/** "16:45" today, or the day: until when an account stays locked. */
function lockedWords(iso: string): string {
  const until = new Date(iso);
  return `Locked until ${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
}

/** Administrators: the team's accounts — add, change role, switch off, unlock, set a new password. */
export function UsersCard() {
  const me = useUser();
  const list = useQuery(['settings'], () => api.listUsers());
  const { run, feedback } = useAction(list.reload);
  const [adding, setAdding] = useState({ displayName: '', username: '', role: 'marketingExecutive' as Role, password: '' });
  const [addProblem, setAddProblem] = useState<string>();
  const [resetting, setResetting] = useState<{ id: number; password: string } | null>(null);
  const users = list.data?.users ?? [];

  const add = (): void => {
    const problem =
      firstProblem(displayNameSchema, adding.displayName) ?? firstProblem(usernameSchema, adding.username) ?? firstProblem(passwordSchema, adding.password);
    setAddProblem(problem);
    if (problem) return;
    run(api.addUser(adding), `Added ${adding.displayName} as ${roleLabels[adding.role]}. Give them their user name and password.`, () =>
      setAdding({ displayName: '', username: '', role: 'marketingExecutive', password: '' }),
    );
  };

  const statusOf = (u: UserView) =>
    !u.active ? <span className="pill pill-warn">Switched off</span> : u.lockedUntil ? <span className="pill pill-warn">{lockedWords(u.lockedUntil)}</span> : <span className="pill pill-ok">Active</span>;

  return (
    <SettingsTable
      titleId="users-title"
      title="Users"
      count={list.data ? `${formatCount(users.length)} ${users.length === 1 ? 'account' : 'accounts'}` : ''}
      intro={
        <>
          Administrators manage users, imports and settings. Marketing Leads and Executives look at segments, filter and export reports; a Marketing Lead
          can also find segments again.
        </>
      }
      feedback={feedback}
      columns={[{ label: 'Name' }, { label: 'User name' }, { label: 'Role' }, { label: 'Status' }, { label: 'Last sign-in' }]}
      rows={users}
      rowKey={(u) => u.id}
      cells={(u) => (
        <>
          <td>
            {u.displayName}
            {u.id === me?.id && <span className="muted"> (you)</span>}
          </td>
          <td className="file-value">{u.username}</td>
          <td>
            <LabelledSelect
              options={roles}
              labels={roleLabels}
              value={u.role}
              label={`Role of ${u.displayName}`}
              onChange={(role) => run(api.updateUser({ id: u.id, role }), `${u.displayName} is now ${roleLabels[role]}.`)}
            />
          </td>
          <td>{statusOf(u)}</td>
          <td className="nowrap">{u.lastSignInAt ? formatDay(u.lastSignInAt) : 'Never'}</td>
        </>
      )}
      actions={(u) =>
        resetting?.id === u.id ? (
          <>
            <input
              type="password"
              aria-label={`New password for ${u.displayName}`}
              autoComplete="new-password"
              value={resetting.password}
              onChange={(e) => setResetting({ id: u.id, password: e.target.value })}
            />
            <button
              type="button"
              className="button small primary"
              onClick={() => {
                const problem = firstProblem(passwordSchema, resetting.password);
                if (problem) return setAddProblem(problem);
                run(api.resetPassword(resetting), `New password set for ${u.displayName}.`, () => setResetting(null));
              }}
            >
              Set password
            </button>
            <button type="button" className="button small" onClick={() => setResetting(null)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            {u.lockedUntil && (
              <button type="button" className="button small" onClick={() => run(api.unlockUser({ id: u.id }), `${u.displayName} can sign in again.`)}>
                Unlock
              </button>
            )}
            <button type="button" className="button small" aria-label={`New password for ${u.displayName}`} onClick={() => setResetting({ id: u.id, password: '' })}>
              New password
            </button>
            {u.id !== me?.id && (
              <button
                type="button"
                className="button small"
                onClick={() => run(api.updateUser({ id: u.id, active: !u.active }), `${u.displayName} ${u.active ? 'can no longer sign in' : 'can sign in again'}.`)}
              >
                {u.active ? 'Switch off' : 'Switch on'}
              </button>
            )}
          </>
        )
      }
    >
      <h3 className="subhead" id="add-user-title">
        Add a user
      </h3>
      <form
        aria-labelledby="add-user-title"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label htmlFor="new-user-name">Name</label>
        <input id="new-user-name" type="text" value={adding.displayName} onChange={(e) => setAdding({ ...adding, displayName: e.target.value })} />
        <label htmlFor="new-user-username">User name</label>
        <input id="new-user-username" type="text" autoComplete="off" value={adding.username} onChange={(e) => setAdding({ ...adding, username: e.target.value })} />
        <label htmlFor="new-user-role">Role</label>
        <LabelledSelect id="new-user-role" options={roles} labels={roleLabels} value={adding.role} onChange={(role) => setAdding({ ...adding, role })} />
        <label htmlFor="new-user-password">First password</label>
        <input
          id="new-user-password"
          type="password"
          autoComplete="new-password"
          value={adding.password}
          onChange={(e) => setAdding({ ...adding, password: e.target.value })}
        />
        <span />
        <div className="actions">
          <button type="submit" className="button primary">
            Add user
          </button>
        </div>
      </form>
      <ErrorText>{addProblem}</ErrorText>
    </SettingsTable>
  );
}
