import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { campaignById } from '../../../shared/campaigns';
import type { AppError } from '../../../shared/errors';
import type { CustomerFiltersInput, RfmOverview, SegmentOverview } from '../../../shared/filters';
import { formatCount, formatDay, formatLkr } from '../../../shared/format';
import { api } from '../../api';
import { horizontalBars } from '../../charts/options';
import { JobProgress } from '../../components/JobProgress';
import { ErrorState } from '../../components/States';
import { useCan } from '../../auth/user';
import { useJob } from '../../useJob';
import { useQuery } from '../../useQuery';
import { SegmentDetail, type OpenSegment } from './SegmentDetail';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

/** One colour per segment, by its place in the model (not its rank), so a segment keeps its colour as filters change. */
const segmentColours = ['#1f5fbf', '#2e8b57', '#d18f1d', '#6a4c93', '#b3261e', '#0f7c8c', '#8a5a00', '#c2185b', '#4e6e2e', '#5a6372', '#7b3fa0', '#2f4b7c'];
const colourOf = (segment: number) => segmentColours[segment % segmentColours.length] as string;

const recencyChoices = [7, 30, 90, 180] as const;

/** The active segments under the filters: chips, chart and one card per segment. */
export function SegmentsOverview() {
  const [filters, setFilters] = useState<CustomerFiltersInput>({});
  const [asked, setAsked] = useState<CustomerFiltersInput>({});
  // Typing an age should not send a question per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(filters), 250);
    return () => clearTimeout(timer);
  }, [filters]);
  const [lens, setLens] = useState<'segments' | 'rfm'>('segments');
  const overview = useQuery(() => api.getSegmentOverview(asked), [asked]);
  const rfm = useQuery(() => (lens === 'rfm' ? api.getRfmOverview(asked) : Promise.resolve(null)), [asked, lens]);
  const outlets = useQuery(() => api.listOutlets({}));
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<AppError>();
  const [generation, setGeneration] = useState(0);
  const job = useJob(jobId, () => overview.reload());
  const mayModel = useCan('model');
  const [opened, setOpened] = useState<OpenSegment | null>(null);

  if (overview.error && !overview.data) return <ErrorState error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <section className="card skeleton chart-skeleton" aria-busy="true" aria-label="Loading segments" />;

  if (overview.data.modelId === null) {
    return (
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
                onClick={() => {
                  setStartError(undefined);
                  api.startSegmentation({}).then(
                    (r) => setJobId(r.jobId),
                    (e: AppError) => setStartError(e),
                  );
                }}
              >
                Find segments
              </button>
            </div>
            {job?.status === 'failed' && <p role="alert">{job.error}</p>}
            {startError && <p role="alert">{startError.message}</p>}
          </>
        )}
      </section>
    );
  }

  const data = overview.data;
  const change = (next: CustomerFiltersInput) => {
    setFilters(next);
    setGeneration((g) => g + 1);
  };
  const reset = () => change({});
  const active = chips(filters, outlets.data?.outlets ?? []);
  const onOpenSegment = (s: SegmentOverview['segments'][number]) => setOpened({ modelId: data.modelId as number, segment: s.segment, name: s.name, colour: colourOf(s.segment) });
  const closeSegment = (segment: number) => {
    setOpened(null);
    // Back where the user left: the card's button.
    requestAnimationFrame(() => document.getElementById(`open-segment-${segment}`)?.focus());
  };
  return (
    <section className="stack" aria-labelledby="segments-title" aria-busy={overview.loading}>
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
        <span className="muted">
          {data.window ? `${formatDay(data.window.from)} – ${formatDay(data.window.to)} · ` : ''}
          {formatCount(data.customers)} customers
        </span>
      </header>
      <FilterBar key={generation} filters={filters} onChange={setFilters} outlets={outlets.data?.outlets ?? []} />
      {active.length > 0 && (
        <div className="chips" aria-label="Active filters">
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
      {overview.error && <p role="alert">{overview.error.message}</p>}
      {data.customers === 0 ? (
        <div className="state state-empty" role="status">
          <h3>No matching customers found. Try adjusting filters.</h3>
          <div className="actions">
            <button type="button" className="button primary" onClick={reset}>
              Reset filters
            </button>
          </div>
        </div>
      ) : lens === 'rfm' ? (
        rfm.data ? <RfmCards data={rfm.data} /> : <section className="card skeleton chart-skeleton" aria-busy="true" aria-label="Loading the RFM view" />
      ) : opened ? (
        <SegmentDetail open={opened} filters={asked} filterLabels={active.map((c) => c.label)} onBack={() => closeSegment(opened.segment)} />
      ) : (
        <>
          <section className="card">
            <header className="card-head">
              <h3>Customers per segment</h3>
              <span className="muted">Choose a bar or a card to see a segment in detail.</span>
            </header>
            <SegmentChart data={data} onOpenSegment={onOpenSegment} />
          </section>
          <div className="segment-cards">
            {data.segments
              .filter((s) => s.customers > 0)
              .map((s) => (
                <SegmentCard key={s.segment} segment={s} onOpen={() => onOpenSegment(s)} />
              ))}
          </div>
        </>
      )}
    </section>
  );
}

type Outlet = { id: number; name: string };

function FilterBar({ filters, onChange, outlets }: { filters: CustomerFiltersInput; onChange: (f: CustomerFiltersInput) => void; outlets: Outlet[] }) {
  // What is typed, kept as typed; the parent remounts this bar (a new key) when a chip or Reset clears filters.
  const [ageFrom, setAgeFrom] = useState(filters.age ? String(filters.age.min) : '');
  const [ageTo, setAgeTo] = useState(filters.age ? String(filters.age.max) : '');
  const setAge = (from: string, to: string) => {
    setAgeFrom(from);
    setAgeTo(to);
    const min = from === '' ? 0 : Number(from);
    const max = to === '' ? 120 : Number(to);
    const { age: _old, ...rest } = filters;
    if ((from === '' && to === '') || !Number.isInteger(min) || !Number.isInteger(max) || min > max || min < 0 || max > 120) onChange(rest);
    else onChange({ ...rest, age: { min, max } });
  };
  const without = <K extends keyof CustomerFiltersInput>(key: K) => {
    const { [key]: _gone, ...rest } = filters;
    return rest;
  };
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="filter">
        <legend>Age</legend>
        <label>
          From <input type="number" min={0} max={120} inputMode="numeric" value={ageFrom} onChange={(e) => setAge(e.target.value, ageTo)} aria-label="Age from" />
        </label>
        <label>
          to <input type="number" min={0} max={120} inputMode="numeric" value={ageTo} onChange={(e) => setAge(ageFrom, e.target.value)} aria-label="Age to" />
        </label>
      </fieldset>
      <label className="filter">
        Bought in
        <select
          value={filters.category ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? without('category') : { ...filters, category: e.target.value as 'fresh' | 'dry' | 'luxury' })}
        >
          <option value="">Any category</option>
          <option value="fresh">Fresh</option>
          <option value="dry">Dry</option>
          <option value="luxury">Luxury</option>
        </select>
      </label>
      <label className="filter">
        Last purchase
        <select
          value={filters.lastPurchase && 'withinDays' in filters.lastPurchase ? String(filters.lastPurchase.withinDays) : ''}
          onChange={(e) => onChange(e.target.value === '' ? without('lastPurchase') : { ...filters, lastPurchase: { withinDays: Number(e.target.value) } })}
        >
          <option value="">Any time</option>
          {recencyChoices.map((d) => (
            <option key={d} value={d}>
              Within {d} days
            </option>
          ))}
        </select>
      </label>
      <OutletPicker chosen={filters.outletIds ?? []} outlets={outlets} onChange={(ids) => onChange(ids.length === 0 ? without('outletIds') : { ...filters, outletIds: ids })} />
      <label className="filter">
        Gender
        <select value={filters.gender ?? ''} onChange={(e) => onChange(e.target.value === '' ? without('gender') : { ...filters, gender: e.target.value as 'F' | 'M' })}>
          <option value="">Any</option>
          <option value="F">Women</option>
          <option value="M">Men</option>
        </select>
      </label>
    </form>
  );
}

/** Outlets, one or more, found by typing part of the name. */
function OutletPicker({ chosen, outlets, onChange }: { chosen: number[]; outlets: Outlet[]; onChange: (ids: number[]) => void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const shown = outlets.filter((o) => o.name.toLowerCase().includes(search.trim().toLowerCase()));
  const summary =
    chosen.length === 0 ? 'All outlets' : chosen.length === 1 ? (outlets.find((o) => o.id === chosen[0])?.name ?? '1 outlet') : `${chosen.length} outlets`;
  return (
    <div className="filter outlet-picker">
      <span id="outlet-picker-label">Outlets</span>
      <button type="button" className="picker-button" aria-expanded={open} aria-controls="outlet-picker-panel" aria-labelledby="outlet-picker-label outlet-picker-value" onClick={() => setOpen(!open)}>
        <span id="outlet-picker-value">{summary}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id="outlet-picker-panel" className="picker-panel" role="group" aria-label="Choose outlets">
          <input type="search" placeholder="Search outlets" aria-label="Search outlets" value={search} onChange={(e) => setSearch(e.target.value)} />
          <ul>
            {shown.map((o) => (
              <li key={o.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(o.id)}
                    onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((id) => id !== o.id))}
                  />{' '}
                  {o.name}
                </label>
              </li>
            ))}
            {shown.length === 0 && <li className="muted">No outlet matches “{search}”.</li>}
          </ul>
          <div className="actions">
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function chips(filters: CustomerFiltersInput, outlets: Outlet[]): Array<{ key: string; label: string; remove: (f: CustomerFiltersInput) => CustomerFiltersInput }> {
  const out: Array<{ key: string; label: string; remove: (f: CustomerFiltersInput) => CustomerFiltersInput }> = [];
  const drop =
    (key: keyof CustomerFiltersInput) =>
    (f: CustomerFiltersInput): CustomerFiltersInput => {
      const { [key]: _gone, ...rest } = f;
      return rest;
    };
  if (filters.age) out.push({ key: 'age', label: `Age ${filters.age.min}–${filters.age.max}`, remove: drop('age') });
  if (filters.category) out.push({ key: 'category', label: `Bought ${filters.category}`, remove: drop('category') });
  if (filters.lastPurchase && 'withinDays' in filters.lastPurchase) out.push({ key: 'last', label: `Last purchase within ${filters.lastPurchase.withinDays} days`, remove: drop('lastPurchase') });
  if (filters.outletIds?.length) {
    const names = filters.outletIds.map((id) => outlets.find((o) => o.id === id)?.name ?? `Outlet ${id}`);
    out.push({ key: 'outlets', label: `${names.length === 1 ? 'Outlet' : 'Outlets'}: ${names.join(', ')}`, remove: drop('outletIds') });
  }
  if (filters.gender) out.push({ key: 'gender', label: filters.gender === 'F' ? 'Women' : filters.gender === 'M' ? 'Men' : 'Other', remove: drop('gender') });
  return out;
}

function SegmentChart({ data, onOpenSegment }: { data: SegmentOverview; onOpenSegment: (s: SegmentOverview['segments'][number]) => void }) {
  const shown = data.segments.filter((s) => s.customers > 0);
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
function Kpis({ figures: f }: { figures: { medianSpend: number | null; visitsPerMonth: number | null; medianDaysSinceLastPurchase: number | null } }) {
  return (
    <dl className="segment-kpis">
      <div>
        <dt>Median spend</dt>
        <dd>{f.medianSpend === null ? '—' : formatLkr(Math.round(f.medianSpend * 100))}</dd>
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
function RfmCards({ data }: { data: RfmOverview }) {
  return (
    <>
      <p className="muted">
        Every customer scored 1–5 on recency, frequency and money against all customers, and named by the usual recency × frequency grid.
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
            <Kpis figures={g} />
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

function SegmentCard({ segment: s, onOpen }: { segment: SegmentOverview['segments'][number]; onOpen: () => void }) {
  const campaign = campaignById(s.campaign.id);
  return (
    // A click anywhere on the card opens it (the button's click reaches the card too); the button is the way in by keyboard.
    <article className="segment-card openable" onClick={onOpen} aria-labelledby={`segment-${s.segment}`} data-testid="segment-card" style={{ borderTopColor: colourOf(s.segment) }}>
      <header>
        <h3 id={`segment-${s.segment}`}>{s.name}</h3>
        <p className="segment-size">
          <strong data-testid="segment-customers">{formatCount(s.customers)}</strong> customers · {Math.round(s.share * 100)}%
        </p>
      </header>
      <Kpis figures={s} />
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
      <button type="button" id={`open-segment-${s.segment}`} className="button small open-segment" aria-label={`View details: ${s.name}`}>
        View details
      </button>
    </article>
  );
}
