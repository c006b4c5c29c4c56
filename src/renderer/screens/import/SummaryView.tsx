import { formatCount, formatDay } from '../../../shared/format';
import type { ImportSummaryView } from '../../../shared/importViews';
import { KpiTile } from '../../components/KpiTile';
import { shapeName } from './EarlierImports';
import { OutletFolds } from './OutletFolds';
import { RowNotesView } from './RowNotesView';
import { NoValueSummary } from './NoValue';

/** Step 5: where every row of the file went, and what the import added. */
export function SummaryView({
  summary: s,
  onShowReport,
  onAnother,
}: {
  summary: ImportSummaryView;
  onShowReport: (importId: number) => void;
  onAnother: () => void;
}) {
  if (s.skipped) {
    return (
      <section className="card" role="status">
        <h2>Skipped {s.file}</h2>
        <p>This file had been imported before, and you chose to keep that import. Nothing was changed.</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={onAnother}>
            Import another file
          </button>
        </div>
      </section>
    );
  }
  const sales = s.shape === 'salesLines';
  const facts: Array<[string, string]> = [];
  if (sales) {
    facts.push(['Returns (negative lines)', formatCount(s.returns)], ['Cancellation invoices', formatCount(s.cancellations)]);
    facts.push(['Anonymous sales (no customer)', formatCount(s.anonymous)]);
  }
  if (s.customersNew + s.customersUpdated > 0 || s.shape !== 'products') {
    facts.push(['Customers new', formatCount(s.customersNew)], ['Customers updated', formatCount(s.customersUpdated)]);
  }
  if (s.productsNew + s.productsUpdated > 0 || s.shape === 'products') {
    facts.push(['Products new', formatCount(s.productsNew)], ['Products updated', formatCount(s.productsUpdated)]);
  }
  if (s.firstSale && s.lastSale) facts.push([sales ? 'Sales from – to' : 'Purchases from – to', `${formatDay(s.firstSale)} – ${formatDay(s.lastSale)}`]);
  if (s.outletsAdded.length > 0) facts.push(['New outlets', s.outletsAdded.join(', ')]);
  if (s.replacedImportId !== null) facts.push(['Replaced', 'the earlier import of the same file']);
  if (s.demoRemoved) facts.push(['Demo data', 'removed, so it does not mix with your own']);
  if (s.demoKept) facts.push(['Demo data', 'kept (remove it in Settings, Demo data)']);

  return (
    <>
      <section className="card" aria-labelledby="import-summary">
        <div className="card-head">
          <h2 id="import-summary">Imported {s.file}</h2>
          <span className="muted">{shapeName(s.shape)}</span>
        </div>
        <div className="kpis">
          <KpiTile testId="summary-read" label="Rows read" value={formatCount(s.rowsRead)} />
          <KpiTile testId="summary-imported" label="Imported" value={formatCount(s.imported)} />
          <KpiTile testId="summary-duplicates" label="Duplicates in the file" value={formatCount(s.duplicatesInFile)} detail="exact copies, skipped" />
          <KpiTile testId="summary-already" label="Already imported" value={formatCount(s.alreadyImported)} detail="from earlier files, skipped" />
          <KpiTile testId="summary-rejected" label="Rejected" value={formatCount(s.rejected)} detail={s.rejected > 0 ? 'see the reasons below' : 'none'} />
        </div>
        <p className="summary-line" aria-label="Every row accounted for">
          {formatCount(s.rowsRead)} read = {formatCount(s.imported)} imported + {formatCount(s.duplicatesInFile)} {s.duplicatesInFile === 1 ? 'duplicate' : 'duplicates'} +{' '}
          {formatCount(s.alreadyImported)} already imported + {formatCount(s.rejected)} rejected
        </p>
        <NoValueSummary summary={s} />
        <dl className="facts">
          {facts.map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <OutletFolds folds={s.outletFolds} heading="Spellings folded into an outlet" />
      </section>

      {s.rejected > 0 && (
        <section className="card" aria-labelledby="rejected-reasons">
          <h2 id="rejected-reasons">Rejected rows by reason</h2>
          <table className="table narrow">
            <tbody>
              {s.rejectedByReason.map((r) => (
                <tr key={r.reason}>
                  <td>{r.reason}</td>
                  <td className="num">{formatCount(r.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.errorsStored < s.rejected && (
            <p className="muted">The report keeps the first {formatCount(s.errorsStored)} rejected rows.</p>
          )}
          {s.importId !== null && (
            <div className="actions">
              <button type="button" className="button" onClick={() => onShowReport(s.importId!)}>
                See the rejected rows
              </button>
            </div>
          )}
        </section>
      )}

      <RowNotesView summary={s} />

      {s.categoriesOther.length > 0 && (
        <section className="card" aria-labelledby="categories-other">
          <h2 id="categories-other">Counted as Other</h2>
          <p className="muted">These categories matched no rule. Change them on your next import, and the choice is remembered.</p>
          <table className="table narrow">
            <tbody>
              {s.categoriesOther.map((c) => (
                <tr key={c.source}>
                  <td>{c.source}</td>
                  <td className="num">{formatCount(c.rows)} rows</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <div className="actions">
        <button type="button" className="button primary" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </>
  );
}
