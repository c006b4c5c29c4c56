import { useState } from 'react';
import { AppError } from '../../../shared/errors';
import { formatCount } from '../../../shared/format';
import { reportFileName } from '../../../shared/importViews';
import { api, saveImportReport } from '../../api';
import { useQuery } from '../../useQuery';

const pageSize = 100;

/** The import report: each rejected row with its row number, column, value and reason; saved as CSV on request. */
export function ImportReportView({ importId, onBack }: { importId: number; onBack: () => void }) {
  const [offset, setOffset] = useState(0);
  const report = useQuery(['sales'], () => api.getImportReport({ importId, offset, limit: pageSize }), [importId, offset]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const r = report.data;
  const fileName = reportFileName(r?.sourceName ?? 'import');

  const save = (): void => {
    setSaving(true);
    setError(null);
    saveImportReport(importId, fileName).then(
      (where) => setSaved(where),
      (e: unknown) => setError(AppError.from(e)),
    ).finally(() => setSaving(false));
  };

  return (
    <section className="card" aria-labelledby="import-report">
      <div className="card-head">
        <h2 id="import-report">Rejected rows{r ? ` of ${r.sourceName}` : ''}</h2>
        <span className="muted">{r ? `${formatCount(r.rejected)} rejected` : ''}</span>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="button primary" disabled={saving || !r || r.stored === 0} onClick={save}>
          {saving ? 'Saving…' : 'Save as CSV…'}
        </button>
        {saved && <span role="status">Saved as {saved}</span>}
      </div>
      {error && <p role="alert" className="error-text">{error.message}</p>}
      {report.error && <p role="alert" className="error-text">{report.error.message}</p>}
      {r && r.stored < r.rejected && <p className="muted">The report keeps the first {formatCount(r.stored)} rejected rows.</p>}
      {r && (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Value</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row, i) => (
                  <tr key={`${row.row}-${i}`}>
                    <td className="num">{formatCount(row.row)}</td>
                    <td>{row.column ?? '—'}</td>
                    <td className="file-value">{row.value ?? ''}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions pager">
            <button type="button" className="button small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
              Previous
            </button>
            <span className="muted">
              {r.stored === 0 ? 'No rows' : `Rows ${formatCount(offset + 1)}–${formatCount(offset + r.rows.length)} of ${formatCount(r.stored)}`}
            </span>
            <button type="button" className="button small" disabled={offset + pageSize >= r.stored} onClick={() => setOffset(offset + pageSize)}>
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}
