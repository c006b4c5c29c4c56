import { useMemo, useState } from 'react';
import { formatBytes, formatCount } from '../../shared/format';
import type { ReportEntry } from '../../shared/reports';
import type { Navigate } from '../navigation';
import { api, downloadReport, hasNativeDialogs } from '../api';
import { useCan, useUser } from '../auth/user';
import { mayRemoveReport, othersReportWords } from '../../shared/ownership';
import { EmptyState, ErrorState } from '../components/States';
import { ConfirmActions } from '../components/ConfirmActions';
import { SettingsTable, type TableColumn } from '../components/SettingsTable';
import { useAction } from '../useAction';
import { useQuery } from '../useQuery';
import { ExportReport } from './segments/ExportReport';

const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
type SortKey = 'createdAt' | 'title' | 'segmentName' | 'format' | 'size';
const columns: Array<{ key: SortKey; label: string }> = [
  { key: 'title', label: 'Report' },
  { key: 'segmentName', label: 'Segment' },
  { key: 'format', label: 'Format' },
  { key: 'createdAt', label: 'Created' },
  { key: 'size', label: 'Size' },
];

/** Reports History: every report saved, findable, openable and made again. */
export function HistoryScreen({ onNavigate }: { onNavigate: Navigate }) {
  const list = useQuery(['reports'], () => api.listReports());
  const mayExport = useCan('export');
  const user = useUser();
  const { run, feedback } = useAction(list.reload);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'createdAt', desc: true });
  const [regenerating, setRegenerating] = useState<ReportEntry | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);

  const shown = useMemo(() => {
    const words = search.trim().toLowerCase();
    const rows = (list.data?.reports ?? []).filter(
      (r) => words === '' || [r.title, r.segmentName, r.fileName, r.createdBy, ...r.filters].some((t) => t.toLowerCase().includes(words)),
    );
    const dir = sort.desc ? -1 : 1;
    return rows.sort((a, b) => (a[sort.key] < b[sort.key] ? -dir : a[sort.key] > b[sort.key] ? dir : b.id - a.id));
  }, [list.data, search, sort]);

  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.data && list.data.reports.length === 0) {
    return (
      <EmptyState title="No reports yet">
        <p>Reports you export from a segment in Customer Segmentation are listed here, so you can open them again or make them again later.</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => onNavigate('segmentation')}>
            Go to Customer Segmentation
          </button>
        </div>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      {regenerating && (
        <ExportReport
          params={{ modelId: regenerating.modelId, segment: regenerating.segment, filters: {}, format: regenerating.format }}
          fixedFormat
          start={(_p, whenExists) => api.regenerateReport({ id: regenerating.id, whenExists })}
          onClose={() => {
            setRegenerating(null);
            list.reload();
          }}
        />
      )}
      <SettingsTable
        titleId="history-title"
        title="Reports"
        aside={<input type="search" aria-label="Search reports" placeholder="Search by segment, filter, person…" value={search} onChange={(e) => setSearch(e.target.value)} />}
        feedback={feedback}
        busy={list.loading}
        columns={[
          ...columns.map((c): TableColumn => ({
            label: (
              <button type="button" className="link-button" onClick={() => setSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : c.key === 'createdAt' })}>
                {c.label}
              </button>
            ),
            sort: sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none',
          })),
          { label: 'Filters' },
          { label: 'By' },
        ]}
        rows={shown}
        rowKey={(r) => r.id}
        rowTestId="report-row"
        cells={(r) => (
          <>
            <td>
              <div className="file-name">{r.fileName}</div>
              <div className="muted">
                Version {r.version} · {formatCount(r.customers)} customers
                {!r.exists && <span className="pill pill-warn"> File missing</span>}
              </div>
            </td>
            <td>{r.segmentName}</td>
            <td>{r.format === 'pdf' ? 'PDF' : 'Excel'}</td>
            <td className="nowrap">{when.format(new Date(r.createdAt))}</td>
            <td className="num">{formatBytes(r.size)}</td>
            <td>{r.filters.length === 0 ? 'None' : r.filters.join(' · ')}</td>
            <td>{r.createdBy}</td>
          </>
        )}
        actions={(r) => (
          <>
            {r.exists &&
              (hasNativeDialogs ? (
                <>
                  <button type="button" className="button small" onClick={() => run(api.openReport({ id: r.id }), `Opened ${r.fileName}.`)}>
                    Open
                  </button>
                  <button type="button" className="button small" onClick={() => run(api.showReportInFolder({ id: r.id }), `Showing ${r.fileName}.`)}>
                    Show in folder
                  </button>
                </>
              ) : (
                <button type="button" className="button small" aria-label={`Open ${r.fileName}`} onClick={() => run(downloadReport(r.id, r.fileName), `Downloaded ${r.fileName}.`)}>
                  Open
                </button>
              ))}
            {mayExport && (
              <button
                type="button"
                className="button small"
                disabled={!r.current}
                title={r.current ? 'Make it again from the current data, with the same segment, filters and format' : 'The segments were found again since: open the segment and export it anew'}
                onClick={() => setRegenerating(r)}
              >
                Regenerate
              </button>
            )}
            {mayExport && !mayRemoveReport(user, r.createdById) && (
              <button type="button" className="button small" disabled title={othersReportWords}>
                Delete
              </button>
            )}
            {mayExport &&
              mayRemoveReport(user, r.createdById) &&
              (deleting === r.id ? (
                <ConfirmActions
                  look="row"
                  choices={[
                    {
                      label: 'Delete entry and file',
                      danger: true,
                      onClick: () => run(api.deleteReport({ id: r.id, deleteFile: true }), `Deleted ${r.fileName} and its entry.`, () => setDeleting(null)),
                    },
                    {
                      label: 'Entry only',
                      onClick: () => run(api.deleteReport({ id: r.id, deleteFile: false }), `Removed the entry; ${r.fileName} stays.`, () => setDeleting(null)),
                    },
                  ]}
                  cancelLabel="Keep"
                  onCancel={() => setDeleting(null)}
                />
              ) : (
                <button type="button" className="button small" onClick={() => setDeleting(r.id)}>
                  Delete
                </button>
              ))}
          </>
        )}
      >
        <p className="muted">Regenerate makes the report again from the data as it is now, with the same segment, filters and format; the numbers may differ from the first time.</p>
      </SettingsTable>
    </div>
  );
}
