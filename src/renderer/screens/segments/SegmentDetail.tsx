import { noDatesWords } from '../../../shared/importGuard';
import { useEffect, useRef, useState } from 'react';
import { campaignFor } from '../../../shared/campaigns';
import { formatItems } from '../../../shared/measure';
import type { CustomerFiltersInput } from '../../../shared/filters';
import { formatAmount, formatCount, formatDay } from '../../../shared/format';
import type { SegmentDetail as Detail } from '../../../shared/segmentDetail';
import { api } from '../../api';
import { useCurrency } from '../../currency';
import { ErrorState } from '../../components/States';
import { useCan } from '../../auth/user';
import { useQuery } from '../../useQuery';
import { ExportReport } from './ExportReport';
import { CustomerTable } from './CustomerTable';
import { SegmentCharts } from './SegmentCharts';
import './segmentDetail.css';

export interface OpenSegment {
  modelId: number;
  segment: number;
  /** The name on the card, shown while the detail loads. */
  name: string;
  colour: string;
}

/**
 * One segment under the dashboard's filters: what it is like, how it buys
 * beside all matching customers, what to do about it, and who is in it.
 * The filter bar above stays live: changing a filter changes every part.
 */
export function SegmentDetail({
  open,
  filters,
  exportFilters = filters,
  filterLabels,
  onBack,
  undated = false,
}: {
  open: OpenSegment;
  filters: CustomerFiltersInput;
  /** The filters as the chips show them this moment (`filters` follows them after a short pause): what an export uses. */
  exportFilters?: CustomerFiltersInput;
  /** The active filters in words, as their chips say them. */
  filterLabels: string[];
  onBack: () => void;
  /** The data has no dates: no purchase period to show (issue 14, guard). */
  undated?: boolean;
}) {
  const detail = useQuery(['sales', 'model', 'names', 'settings'], () => api.getSegmentDetail({ modelId: open.modelId, segment: open.segment, filters }), [open.modelId, open.segment, filters]);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a segment moves focus (and the view) to its name, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), [open.segment]);
  const d = detail.data;
  const mayExport = useCan('export');
  const [exporting, setExporting] = useState(false);

  return (
    <section className="stack segment-detail" aria-labelledby="detail-title" aria-busy={detail.loading}>
      <header className="detail-head" style={{ borderTopColor: open.colour }}>
        <button type="button" className="button" onClick={onBack}>
          <span aria-hidden="true">← </span>Back to segments
        </button>
        <div className="detail-title">
          <h3 id="detail-title" ref={heading} tabIndex={-1}>
            {d?.name ?? open.name}
          </h3>
          <p className="muted" data-testid="detail-filters">
            {filterLabels.length === 0 ? 'All customers of the segment (no filters)' : `Filters applied: ${filterLabels.join(' · ')}`}
            {d ? (undated ? ` · ${noDatesWords}` : ` · purchases ${formatDay(d.window.from)} – ${formatDay(d.window.to)}`) : ''}
          </p>
        </div>
        {mayExport && (
          <button type="button" className="button primary" aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
            Export report
          </button>
        )}
      </header>
      {exporting && <ExportReport params={{ modelId: open.modelId, segment: open.segment, filters: exportFilters }} byItems={d?.measure === 'items'} onClose={() => setExporting(false)} />}
      {detail.error && !d ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !d ? (
        <DetailSkeleton />
      ) : d.customers === 0 ? (
        <div className="state state-empty" role="status">
          <h4>No customer of {d.name} matches these filters.</h4>
          <p>Try adjusting the filters above, or go back to all segments.</p>
        </div>
      ) : (
        <>
          {detail.error && <p role="alert">{detail.error.message}</p>}
          <div className="detail-top">
            <Characteristics detail={d} />
            <CampaignBlock detail={d} />
          </div>
          <SegmentCharts detail={d} colour={open.colour} />
          <CustomerTable modelId={open.modelId} segment={open.segment} filters={filters} segmentName={d.name} measure={d.measure} />
        </>
      )}
    </section>
  );
}

function DetailSkeleton() {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading the segment">
      <div className="detail-top">
        <div className="card skeleton detail-skeleton" />
        <div className="card skeleton detail-skeleton" />
      </div>
      <div className="detail-charts">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="card skeleton detail-skeleton" />
        ))}
      </div>
    </div>
  );
}

function Characteristics({ detail: d }: { detail: Detail }) {
  const currency = useCurrency();
  const figures: Array<[string, string, string?]> = [
    ['Customers', formatCount(d.customers), 'detail-customers'],
    ['Share of matching customers', `${Math.round(d.share * 100)}%`],
    // Data without values (issue 14, money): the median counts items bought.
    d.measure === 'items'
      ? ['Median items bought', d.medianSpend === null ? '—' : formatItems(d.medianSpend)]
      : ['Median spend', d.medianSpend === null ? '—' : formatAmount(d.medianSpend, currency)],
    ['Visits a month', d.visitsPerMonth === null ? '—' : d.visitsPerMonth.toFixed(1)],
    ['Days since last purchase', d.medianDaysSinceLastPurchase === null ? '—' : String(Math.round(d.medianDaysSinceLastPurchase))],
  ];
  return (
    <section className="card" aria-labelledby="characteristics-title">
      <h4 id="characteristics-title">Characteristics</h4>
      <dl className="detail-kpis">
        {figures.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="segment-traits">
        {d.traits.map((t) => (
          <li key={t.feature}>{t.text.charAt(0).toUpperCase() + t.text.slice(1)}</li>
        ))}
      </ul>
      <p className="muted">
        {d.measure === 'items' ? 'Median items bought' : 'Median spend'} and days since last purchase are medians; visits a month is the mean. The traits
        describe the segment as the model found it.
      </p>
    </section>
  );
}

function CampaignBlock({ detail: d }: { detail: Detail }) {
  const campaign = campaignFor(d.campaign.id, d.measure);
  return (
    <section className="card campaign-block" aria-labelledby="campaign-title">
      <h4 id="campaign-title">Recommended campaign</h4>
      <p className="campaign-name">{campaign.name}</p>
      <dl className="facts">
        <dt>Channel</dt>
        <dd>{campaign.channel}</dd>
        <dt>Timing</dt>
        <dd>{campaign.timing}</dd>
        <dt>KPI</dt>
        <dd>{campaign.kpi}</dd>
        <dt>Why</dt>
        <dd>{d.campaign.rationale}</dd>
        {d.campaign.because && (
          <>
            <dt>Chosen because</dt>
            <dd>{d.campaign.because.charAt(0).toUpperCase() + d.campaign.because.slice(1)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
