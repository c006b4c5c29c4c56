import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { type ReactNode, useEffect, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { campaignFor } from '../../../shared/campaigns';
import { formatItems, type Measure } from '../../../shared/measure';
import { hasFilters, type CustomerFiltersInput, type RfmOverview, type SegmentOverview } from '../../../shared/filters';
import { formatAmount, formatCount, formatDay } from '../../../shared/format';
import { api } from '../../api';
import { useCurrency } from '../../currency';
import { horizontalBars } from '../../charts/options';
import { JobProgress } from '../../components/JobProgress';
import { DashboardSkeleton, ErrorState } from '../../components/States';
import { useCan } from '../../auth/user';
import { useFindSegments } from './useFindSegments';
import { useQuery } from '../../useQuery';
import { FilterBar, filterChips } from './FilterBar';
import { SegmentDetail, type OpenSegment } from './SegmentDetail';
import { SegmentTiles } from './SegmentTiles';
import { ModelNote } from './ModelNote';
import { CategoryLegend, SpendSplitChart } from './SpendSplitChart';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

/**
 * One colour per segment, by its place in the model (not its rank), so a segment keeps its colour as filters change.
 * The first eight avoid the green, amber and purple of fresh, dry and luxury, which the spend chart beside uses.
 */
const segmentColours = ['#1f5fbf', '#b3261e', '#0f7c8c', '#c2185b', '#8a5a00', '#5a6372', '#2f4b7c', '#4e6e2e', '#2e8b57', '#d18f1d', '#6a4c93', '#7b3fa0'];
const colourOf = (segment: number) => segmentColours[segment % segmentColours.length] as string;

/**
 * The active segments under the filters: filter bar and chips, key figures,
 * charts and one card per segment. `chainFigures` (the whole chain's tiles)
 * stand in for the key figures until there are segments to filter.
 */
export function SegmentsOverview({ chainFigures }: { chainFigures: ReactNode }) {
  const [filters, setFilters] = useState<CustomerFiltersInput>({});
  const [asked, setAsked] = useState<CustomerFiltersInput>({});
  // Dragging the age slider or typing a spend should not send a question per step.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(filters), 250);
    return () => clearTimeout(timer);
  }, [filters]);
  const [lens, setLens] = useState<'segments' | 'rfm'>('segments');
  // One call per filter change: counts, names, traits in the filtered customers' numbers, campaigns.
  const overview = useQuery(['sales', 'model', 'names'], () => api.getSegmentOverview(asked), [asked]);
  const rfm = useQuery(['sales', 'model'], () => (lens === 'rfm' ? api.getRfmOverview(asked) : Promise.resolve(null)), [asked, lens]);
  const outlets = useQuery(['sales', 'settings'], () => api.listOutlets({}));
  const [generation, setGeneration] = useState(0);
  const { job, start, startError } = useFindSegments(() => overview.reload());
  const mayModel = useCan('model');
  const currency = useCurrency();
  const [opened, setOpened] = useState<OpenSegment | null>(null);

  if (overview.error && !overview.data) return <ErrorState error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <DashboardSkeleton label="Loading segments" />;

  if (overview.data.modelId === null) {
    return (
      <>
        {chainFigures}
        <section className="card" aria-labelledby="segments-title">
          <header className="card-head">
            <h2 id="segments-title">Customer segments</h2>
          </header>
          {job?.status === 'running' ? (
            <JobProgress job={job} title="Finding segments" />
          ) : !mayModel ? (
            <p>No segments yet. An administrator or a Marketing Lead finds them from the sales data; ask them to open Customer Segmentation and choose Find segments.</p>
          ) : (
            <>
              <p>
                No segments yet. Octave Segments groups your customers by how they shop — what they buy, how often, how recently — and suggests a
                campaign for each group. It takes under a minute.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button primary"
                  onClick={start}
                >
                  Find segments
                </button>
              </div>
              {job?.status === 'failed' && <p role="alert">{job.error}</p>}
              {startError && <p role="alert">{startError.message}</p>}
            </>
          )}
        </section>
      </>
    );
  }

  const data = overview.data;
  const change = (next: CustomerFiltersInput) => {
    setFilters(next);
    setGeneration((g) => g + 1);
  };
  const reset = () => change({});
  const active = filterChips(filters, outlets.data?.outlets ?? [], currency);
  const onOpenSegment = (s: SegmentOverview['segments'][number]) => {
    if (s.customers > 0) setOpened({ modelId: data.modelId as number, segment: s.segment, name: s.name, colour: colourOf(s.segment) });
  };
  const closeSegment = (segment: number) => {
    setOpened(null);
    // Back where the user left: the card's button.
    requestAnimationFrame(() => document.getElementById(`open-segment-${segment}`)?.focus());
  };
  // What the figures on screen were asked with (the chips show what is being typed).
  const filtered = hasFilters(asked);
  return (
    <section className="stack" aria-labelledby="segments-title">
      <header className="card-head">
        <h2 id="segments-title">Customer segments</h2>
        <div className="lens-switch" role="group" aria-label="View">
          <button type="button" className="button" aria-pressed={lens === 'segments'} onClick={() => setLens('segments')}>
            Segments
          </button>
          <button type="button" className="button" aria-pressed={lens === 'rfm'} onClick={() => setLens('rfm')}>
            RFM
          </button>
        </div>
        <span className="muted" data-testid="segments-count">
          {/* Undated customer-level rows count whatever the period, so a period would say nothing about them. */}
          {data.undated ? 'No dates in this data · ' : data.window && data.support.lastPurchase ? `Analysis period ${formatDay(data.window.from)} – ${formatDay(data.window.to)} · ` : ''}
          {filtered ? `${formatCount(data.customers)} of ${formatCount(data.allCustomers)} customers` : `${formatCount(data.customers)} customers`}
        </span>
      </header>
      <FilterBar key={generation} filters={filters} onChange={setFilters} outlets={outlets.data?.outlets ?? []} support={data.support} />
      {active.length > 0 && (
        <div className="chips" role="group" aria-label="Active filters">
          {active.map((chip) => (
            <button key={chip.key} type="button" className="chip" onClick={() => change(chip.remove(filters))} aria-label={`Remove filter: ${chip.label}`}>
              {chip.label} <span aria-hidden="true">×</span>
            </button>
          ))}
          <button type="button" className="button" onClick={reset}>
            Reset
          </button>
        </div>
      )}
      {data.modelNote && <ModelNote note={data.modelNote} onDone={overview.reload} />}
      {overview.error && <p role="alert">{overview.error.message}</p>}
      {/* The last answer stays on screen, dimmed only if the next one is slow to come. */}
      <div className="stack results" aria-busy={overview.loading || (lens === 'rfm' && rfm.loading)} data-testid="segment-results">
        {!(opened && lens === 'segments') && <SegmentTiles data={data} filtered={filtered} />}
        {/* With the model's customers gone (the note says so), its segments stay listed, at zero. */}
        {data.customers === 0 && !data.modelNote ? (
          <div className="state state-empty" role="status">
            <h3>No matching customers found. Try adjusting filters.</h3>
            <div className="actions">
              <button type="button" className="button primary" onClick={reset}>
                Reset filters
              </button>
            </div>
          </div>
        ) : lens === 'rfm' ? (
          rfm.data ? <RfmCards data={rfm.data} measure={data.support.measure} /> : <section className="card skeleton chart-skeleton" aria-busy="true" aria-label="Loading the RFM view" />
        ) : opened ? (
          <SegmentDetail open={opened} filters={asked} exportFilters={filters} filterLabels={active.map((c) => c.label)} onBack={() => closeSegment(opened.segment)} undated={data.undated} />
        ) : (
          <>
            <div className="segment-charts">
              <section className="card" aria-labelledby="chart-customers-title">
                <header className="card-head">
                  <h3 id="chart-customers-title">Customers per segment</h3>
                  <span className="muted">Choose a bar or a card to see a segment in detail.</span>
                </header>
                <SegmentChart data={data} onOpenSegment={onOpenSegment} />
              </section>
              <section className="card" aria-labelledby="chart-split-title">
                <header className="card-head">
                  <h3 id="chart-split-title">{data.support.measure === 'items' ? 'Items split by category' : 'Spend split by category'}</h3>
                  <CategoryLegend />
                </header>
                <SpendSplitChart segments={data.segments} measure={data.support.measure} />
              </section>
            </div>
            <div className="segment-cards">
              {data.segments.map((s) => (
                <SegmentCard
                  key={s.segment}
                  segment={s}
                  filtered={filtered}
                  measure={data.support.measure}
                  onOpen={() => onOpenSegment(s)}
                />
              ))}
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function SegmentChart({ data, onOpenSegment }: { data: SegmentOverview; onOpenSegment: (s: SegmentOverview['segments'][number]) => void }) {
  // Every segment, in the cards' order, even at zero: a bar never changes place while filtering.
  const shown = data.segments;
  return (
    <div className="chart-box segment-chart">
      <Bar
        // The canvas is the image; its name reads out every bar.
        aria-label={`Customers per segment: ${shown.map((s) => `${s.name} ${formatCount(s.customers)}`).join(', ')}`}
        options={{
          ...horizontalBars,
          // Anywhere along a bar's row opens that segment (a short bar is easy to miss); the cards' buttons do the same by keyboard.
          onClick: (event, _elements, chart) => {
            const [hit] = chart.getElementsAtEventForMode(event as unknown as Event, 'index', { intersect: false, axis: 'y' }, false);
            const s = hit ? shown[hit.index] : undefined;
            if (s) onOpenSegment(s);
          },
          onHover: (event, elements) => {
            const canvas = event.native?.target;
            if (canvas instanceof HTMLElement) canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
          },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${formatCount(Number(item.raw))} customers` } } },
          scales: { x: { ticks: { callback: (v) => formatCount(Number(v)) } }, y: { ticks: { autoSkip: false } } },
        }}
        data={{
          labels: shown.map((s) => s.name),
          datasets: [{ label: 'Customers', data: shown.map((s) => s.customers), backgroundColor: shown.map((s) => colourOf(s.segment)), borderWidth: 0 }],
        }}
      />
    </div>
  );
}

/** The two or three figures every card shows. */
function Kpis({
  figures: f,
  measure,
}: {
  figures: { medianSpend: number | null; visitsPerMonth: number | null; medianDaysSinceLastPurchase: number | null };
  measure: Measure;
}) {
  const currency = useCurrency();
  // Data without values (issue 14, money): the median counts items bought.
  const median = f.medianSpend === null ? '—' : measure === 'items' ? formatItems(f.medianSpend) : formatAmount(f.medianSpend, currency);
  return (
    <dl className="segment-kpis">
      <div>
        <dt>{measure === 'items' ? 'Median items bought' : 'Median spend'}</dt>
        <dd>{median}</dd>
      </div>
      <div>
        <dt>Visits a month</dt>
        <dd>{f.visitsPerMonth === null ? '—' : f.visitsPerMonth.toFixed(1)}</dd>
      </div>
      <div>
        <dt>Days since last purchase</dt>
        <dd>{f.medianDaysSinceLastPurchase === null ? '—' : Math.round(f.medianDaysSinceLastPurchase)}</dd>
      </div>
    </dl>
  );
}

/** The ten standard RFM groups under the same filters, each with its customary campaign. */
function RfmCards({ data, measure }: { data: RfmOverview; measure: Measure }) {
  return (
    <>
      <p className="muted">
        Every customer scored 1–5 on recency, frequency and {measure === 'items' ? 'items bought' : 'money'} against all customers, and named by the usual
        recency × frequency grid.
      </p>
      <div className="segment-cards">
        {data.groups.map((g) => (
          <article key={g.name} className="segment-card rfm-card" aria-labelledby={`rfm-${g.name}`} data-testid="rfm-card">
            <header>
              <h3 id={`rfm-${g.name}`}>{g.name}</h3>
              <p className="segment-size">
                <strong data-testid="rfm-customers">{formatCount(g.customers)}</strong> customers · {Math.round(g.share * 100)}%
              </p>
            </header>
            <Kpis figures={g} measure={measure} />
            <p className="segment-campaign">
              <span className="muted">Usual campaign</span>
              <br />
              {g.campaign}
            </p>
          </article>
        ))}
      </div>
    </>
  );
}

function SegmentCard({
  segment: s,
  filtered,
  measure,
  onOpen,
}: {
  segment: SegmentOverview['segments'][number];
  filtered: boolean;
  measure: Measure;
  onOpen: () => void;
}) {
  const campaign = campaignFor(s.campaign.id, measure);
  return (
    // A click anywhere on the card opens it (the button's click reaches the card too); the button is the way in by keyboard.
    <article
      className={s.customers === 0 ? 'segment-card no-match' : 'segment-card openable'}
      onClick={onOpen}
      aria-labelledby={`segment-${s.segment}`}
      data-testid="segment-card"
      style={{ borderTopColor: colourOf(s.segment) }}
    >
      <header>
        <h3 id={`segment-${s.segment}`}>{s.name}</h3>
        <p className="segment-size">
          <strong data-testid="segment-customers">{formatCount(s.customers)}</strong>
          {filtered ? ` of ${formatCount(s.allCustomers)}` : ''} customers · {Math.round(s.share * 100)}%
        </p>
      </header>
      <Kpis figures={s} measure={measure} />
      <ul className="segment-traits">
        {s.traits.map((t) => (
          <li key={t.feature}>{t.text.charAt(0).toUpperCase() + t.text.slice(1)}</li>
        ))}
      </ul>
      <p className="segment-campaign">
        <span className="muted">Suggested campaign</span>
        <br />
        <strong>{campaign.name}</strong> · {campaign.channel}
      </p>
      <button type="button" id={`open-segment-${s.segment}`} className="button small open-segment" aria-label={`View details: ${s.name}`} disabled={s.customers === 0}>
        View details
      </button>
    </article>
  );
}
