import { useState } from 'react';
import type { AppStatus, DashboardSummary } from '../../shared/contracts';
import { categoryLabels } from '../../shared/domain';
import type { AppError } from '../../shared/errors';
import { formatCount, formatDay, formatMoney, formatMoneyCompact } from '../../shared/format';
import { formatItems, formatItemsCompact } from '../../shared/measure';
import type { Navigate } from '../navigation';
import { api } from '../api';
import { useCurrency } from '../currency';
import { SalesByOutletChart } from '../charts/SalesByOutletChart';
import { KpiTile } from '../components/KpiTile';
import { DashboardSkeleton, EmptyState, ErrorState } from '../components/States';
import { useCan } from '../auth/user';
import { useQuery } from '../useQuery';
import { SegmentsOverview } from './segments/SegmentsOverview';

function share(part: number, whole: number, of = 'sales'): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}% of ${of}` : '';
}

/** The whole chain's figures from the daily sales: shown until there are segments, whose tiles follow the filters instead. */
function Tiles({ summary }: { summary: DashboardSummary }) {
  const currency = useCurrency();
  const range =
    summary.firstSale && summary.lastSale ? `${formatDay(summary.firstSale)} – ${formatDay(summary.lastSale)}` : 'No sales yet';
  // Lines without a value (issue 14, money): items, never a money 0.
  const items = summary.measure === 'items';
  const figure = (cents: number, count: number) =>
    items ? { value: formatItemsCompact(count), title: formatItems(count) } : { value: formatMoneyCompact(cents, currency), title: formatMoney(cents, currency) };
  return (
    <section className="kpis" aria-label="Key figures">
      <KpiTile testId="kpi-customers" label="Customers" value={formatCount(summary.customers)} />
      <KpiTile testId="kpi-outlets" label="Outlets" value={formatCount(summary.outlets)} detail="with sales" />
      <KpiTile
        testId="kpi-sales"
        label={items ? 'Items sold' : 'Sales'}
        {...figure(summary.totalCents, summary.totalItems)}
        detail={`${formatCount(summary.salesLines)} sales lines${items ? `, ${formatCount(summary.unvalued)} without prices` : ''}`}
      />
      {summary.byCategory
        .filter((c) => c.category !== 'other' || c.lines > 0)
        .map((c) => (
          <KpiTile
            key={c.category}
            testId={`kpi-${c.category}`}
            label={`${categoryLabels[c.category]} ${items ? 'items' : 'sales'}`}
            {...figure(c.amountCents, c.items)}
            detail={items ? share(c.items, summary.totalItems, 'items') : share(c.amountCents, summary.totalCents)}
          />
        ))}
      <KpiTile testId="kpi-period" label="Sales period" value={range} />
    </section>
  );
}

export function SegmentationScreen({
  status,
  demoLoading,
  onNavigate,
}: {
  status: AppStatus | undefined;
  demoLoading: boolean;
  onNavigate: Navigate;
}) {
  const summary = useQuery(['sales', 'settings'], () => api.getDashboardSummary());
  const outlets = useQuery(['sales', 'settings'], () => api.getSalesByOutlet());
  const [startError, setStartError] = useState<AppError>();
  const mayImport = useCan('import');
  const currency = useCurrency();

  const failed = summary.error ?? outlets.error;
  if (failed && !summary.data) {
    return (
      <ErrorState
        error={failed}
        onRetry={() => {
          summary.reload();
          outlets.reload();
        }}
      />
    );
  }
  if (!summary.data || !outlets.data) return <DashboardSkeleton label="Loading" />;

  // A trained model stays listed even with no data left (the demo cleared, say): its segments and what to do are shown below.
  if (summary.data.customers === 0 && summary.data.salesLines === 0 && !status?.freshness.model) {
    if (demoLoading) {
      return (
        <EmptyState title="Your demo data is on its way">
          <p>The dashboard fills in as soon as the demo customers and their sales are written. This takes a few seconds.</p>
        </EmptyState>
      );
    }
    if (!mayImport) {
      return (
        <EmptyState title="No sales data yet">
          <p>There is nothing to look at until an administrator imports sales data or loads the demo data. Ask your administrator.</p>
        </EmptyState>
      );
    }
    return (
      <EmptyState title="No sales data yet">
        <p>Import a sales export from your tills or loyalty system, or look around with the demo data first.</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => onNavigate('import')}>
            Import Data
          </button>
          {status?.demo !== 'loaded' && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setStartError(undefined);
                api.loadDemoData({}).catch((e: AppError) => setStartError(e));
              }}
            >
              Load demo data
            </button>
          )}
        </div>
        {startError && <p role="alert">{startError.message}</p>}
      </EmptyState>
    );
  }

  return (
    <div className="stack" aria-busy={summary.loading || outlets.loading}>
      <SegmentsOverview chainFigures={<Tiles summary={summary.data} />} />
      <section className="card" aria-labelledby="outlet-sales-title">
        <header className="card-head">
          {/* From the chain's daily sales, which do not know the customers behind them: the filters cannot apply here. */}
          <h2 id="outlet-sales-title">Sales by outlet and category · whole chain</h2>
          <span className="muted" data-testid="outlet-sales-scope">
            All customers and all sales, filters not applied
            {summary.data.firstSale && summary.data.lastSale
              ? ` · ${outlets.data.measure === 'items' ? 'items' : currency}, ${formatDay(summary.data.firstSale)} – ${formatDay(summary.data.lastSale)}`
              : ''}
          </span>
        </header>
        {outlets.data.outlets.length > 0 ? (
          <SalesByOutletChart data={outlets.data} />
        ) : (
          <p className="muted">No dated sales imported yet. Customer-level imports hold totals per customer, not sales per outlet and day.</p>
        )}
      </section>
    </div>
  );
}
