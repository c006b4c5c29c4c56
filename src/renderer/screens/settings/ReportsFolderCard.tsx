import { useState } from 'react';
import { api } from '../../api';
import { useCan } from '../../auth/user';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';

/** Where reports are saved unless the save dialog says otherwise. */
export function ReportsFolderCard() {
  const folder = useQuery(['settings'], () => api.getReportsFolder());
  const maySettings = useCan('settings');
  const { run, feedback } = useAction(folder.reload);
  const [typed, setTyped] = useState<string>();
  const value = typed ?? folder.data?.folder ?? '';
  return (
    <section className="card" aria-labelledby="reports-folder-title">
      <h2 id="reports-folder-title">Reports folder</h2>
      <p className="muted">Exported reports are saved here (the desktop app's save dialog starts here), and listed under Reports History.</p>
      {feedback}
      <form
        className="inline-field"
        onSubmit={(e) => {
          e.preventDefault();
          if (!maySettings) return;
          run(api.setReportsFolder({ folder: value }), 'Reports will be saved there from now on.', () => setTyped(undefined));
        }}
      >
        <label htmlFor="reports-folder">Folder</label>
        <input id="reports-folder" type="text" className="path" value={value} readOnly={!maySettings} onChange={(e) => setTyped(e.target.value)} />
        {maySettings && (
          <button type="submit" className="button small">
            Save
          </button>
        )}
      </form>
      {!maySettings && <p className="muted">The folder is the same for everyone using this computer: only an administrator can change it.</p>}
    </section>
  );
}
