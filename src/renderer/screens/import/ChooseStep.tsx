import { useState, type DragEvent } from 'react';
import { AppError } from '../../../shared/errors';
import type { ChosenFileView } from '../../../shared/importViews';
import { chooseImportFile, hasNativeDialogs, uploadFile } from '../../api';
import { EarlierImports } from './EarlierImports';

/** Where an import starts: a drop zone and a button, and below them what was imported before. */
export function ChooseStep({
  notice,
  onChosen,
  onError,
  onShowReport,
}: {
  notice?: string | undefined;
  onChosen: (file: ChosenFileView) => void;
  onError: (error: AppError) => void;
  onShowReport: (importId: number) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const take = (work: Promise<ChosenFileView | null>, label: string): void => {
    setBusy(label);
    work.then(
      (file) => file && onChosen(file),
      (e: unknown) => onError(AppError.from(e)),
    ).finally(() => setBusy(null));
  };

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (!file) return;
    if (hasNativeDialogs) {
      onError(new AppError('unsupported', 'To import a file, use "Choose a file…": the app opens files through your computer’s own dialog.'));
      return;
    }
    take(uploadFile(file), `Opening ${file.name}…`);
  };

  return (
    <>
      <section
        className={over ? 'card drop-zone over' : 'card drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-label="Choose a file to import"
      >
        <h2>Import a sales export</h2>
        <p>
          CSV (comma, semicolon, tab or bar separated, also <code>.csv.gz</code>) or Excel <code>.xlsx</code>: sales lines from the tills, a
          customer list, customer-level sales from the warehouse, or a product catalogue. You check the columns, outlets and categories before
          anything is written.
        </p>
        <div className="actions">
          <button type="button" className="button primary" disabled={busy !== null} onClick={() => take(chooseImportFile(), 'Opening the file…')}>
            Choose a file…
          </button>
          {!hasNativeDialogs && <span className="muted">or drop it here</span>}
          {busy && (
            <span role="status" className="muted">
              {busy}
            </span>
          )}
        </div>
        {notice && <p role="status">{notice}</p>}
      </section>
      <EarlierImports onShowReport={onShowReport} onError={onError} />
    </>
  );
}
