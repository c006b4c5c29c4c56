import { useState } from 'react';
import { AppError } from '../../../shared/errors';
import { formatCount, formatDay } from '../../../shared/format';
import type { ImportListItem } from '../../../shared/importViews';
import { api } from '../../api';
import { useQuery } from '../../useQuery';
import { ConfirmActions } from '../../components/ConfirmActions';
import { ActionsTable } from '../../components/SettingsTable';

const shapeNames: Partial<Record<string, string>> = {
  salesLines: 'Sales lines',
  customers: 'Customer list',
  customerSpend: 'Customer-level sales',
  products: 'Product catalogue',
};

export function shapeName(shape: string | null): string {
  return shape ? (shapeNames[shape] ?? shape) : 'Sales lines';
}

function when(iso: string): string {
  return `${formatDay(iso)} ${iso.slice(11, 16)}`;
}

/** Every import in the database, newest first, each with its report and a delete that asks first. */
export function EarlierImports({ onShowReport, onError }: { onShowReport: (importId: number) => void; onError: (e: AppError) => void }) {
  const list = useQuery(['sales'], () => api.listImports());
  const [confirming, setConfirming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const remove = (item: ImportListItem): void => {
    setDeleting(item.importId);
    setMessage(null);
    api.deleteImport({ importId: item.importId }).then(
      (r) =>
        setMessage(
          `Deleted the import of ${item.sourceName}: ${formatCount(r.removedSalesLines)} sales lines and ${formatCount(r.removedCustomers)} customers removed.`,
        ),
      (e: unknown) => onError(AppError.from(e)),
    ).finally(() => {
      setDeleting(null);
      setConfirming(null);
      list.reload();
    });
  };

  const imports = list.data?.imports ?? [];
  return (
    <section className="card" aria-labelledby="earlier-imports">
      <div className="card-head">
        <h2 id="earlier-imports">Earlier imports</h2>
        <span className="muted">{list.data ? `${imports.length} in this database` : ''}</span>
      </div>
      {message && <p role="status">{message}</p>}
      {list.error && <p role="alert" className="error-text">{list.error.message}</p>}
      {list.data && imports.length === 0 && <p className="muted">Nothing imported yet.</p>}
      {imports.length > 0 && (
        <ActionsTable
          wrapClassName="table-wrap"
          className="table"
          columns={[
            { label: 'File' },
            { label: 'Kind' },
            { label: 'Imported' },
            { label: 'Rows read', className: 'num' },
            { label: 'Imported', className: 'num' },
            { label: 'Rejected', className: 'num' },
            { label: 'Sales from – to' },
            { label: 'Status' },
          ]}
          rows={imports}
          rowKey={(item) => item.importId}
          cells={(item) => (
            <>
              <td className="file-name">{item.sourceName}</td>
              <td>
                {item.kind === 'demo' ? 'Demo data' : shapeName(item.shape)}
                {item.noValue && (
                  <>
                    <br />
                    <span className="pill" title="Imported as items and visits, without value: the file had no prices or amounts">
                      Items only, no prices
                    </span>
                  </>
                )}
              </td>
              <td className="nowrap">{when(item.finishedAt)}</td>
              <td className="num">{formatCount(item.rowsRead)}</td>
              <td className="num">{formatCount(item.rowsImported)}</td>
              <td className="num">
                {item.rejected > 0 ? (
                  <button type="button" className="link-button" onClick={() => onShowReport(item.importId)}>
                    {formatCount(item.rejected)}
                  </button>
                ) : (
                  '0'
                )}
              </td>
              <td className="nowrap">
                {item.firstSale && item.lastSale ? (
                  <>
                    {formatDay(item.firstSale)} –<br />
                    {formatDay(item.lastSale)}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <span className={item.rejected > 0 ? 'pill pill-warn' : 'pill pill-ok'}>
                  {item.rejected > 0 ? 'Imported, some rows rejected' : 'Imported'}
                </span>
              </td>
            </>
          )}
          actions={(item) =>
            item.kind === 'demo' ? (
              <span className="muted">Clear it in Settings</span>
            ) : confirming === item.importId ? (
              <ConfirmActions
                look="row"
                choices={[
                  {
                    label: deleting === item.importId ? 'Deleting…' : `Delete ${formatCount(item.rowsImported)} rows`,
                    danger: true,
                    disabled: deleting !== null,
                    onClick: () => remove(item),
                  },
                ]}
                cancelLabel="Keep"
                onCancel={() => setConfirming(null)}
              />
            ) : (
              <button type="button" className="button small" aria-label={`Delete the import of ${item.sourceName}`} onClick={() => setConfirming(item.importId)}>
                Delete…
              </button>
            )
          }
        />
      )}
    </section>
  );
}
