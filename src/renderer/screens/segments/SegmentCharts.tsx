import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { categoryLabels } from '../../../shared/domain';
import { bandLabel, knownBands, thousands } from '../../../shared/bands';
import { formatAmount, formatCount, formatShare as percent } from '../../../shared/format';
import { formatItems } from '../../../shared/measure';
import type { Band, SegmentDetail } from '../../../shared/segmentDetail';
import { horizontalBars } from '../../charts/options';
import { useCurrency } from '../../currency';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** All matching customers, the comparison in every chart: a grey that keeps 3:1 against white. */
const allColour = '#8a8f98';


interface Comparison {
  title: string;
  labels: string[];
  /** The segment's and all matching customers' amount per label. */
  segment: number[];
  all: number[];
  /** What each share is of; the sum of the amounts unless given (a customer counts at every outlet used). */
  totals?: { segment: number; all: number };
  /** What one amount is, in words: "12 customers", "LKR 1,200" (in the chain's currency). */
  amount: (v: number) => string;
  /** What a share is of: "customers", "spend". */
  of: string;
  horizontal?: boolean;
}

/** One measure, the segment beside all matching customers, as shares so that sizes compare. */
function ComparisonChart({ c, colour, segmentName }: { c: Comparison; colour: string; segmentName: string }) {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const segmentTotal = Math.max(1, c.totals?.segment ?? sum(c.segment));
  const allTotal = Math.max(1, c.totals?.all ?? sum(c.all));
  const segmentShares = c.segment.map((v) => v / segmentTotal);
  const allShares = c.all.map((v) => v / allTotal);
  // The canvas is the image: its name reads out every bar.
  const description = `${c.title}, share of ${c.of}: ${c.labels
    .map((label, i) => `${label} ${percent(segmentShares[i] ?? 0)} of ${segmentName}, ${percent(allShares[i] ?? 0)} of all matching customers`)
    .join('; ')}`;
  return (
    <section className={c.horizontal ? 'card detail-chart wide' : 'card detail-chart'} aria-label={c.title}>
      <h4>{c.title}</h4>
      <div className={c.horizontal ? 'chart-box detail-chart-box tall' : 'chart-box detail-chart-box'}>
        <Bar
          aria-label={description}
          options={{
            ...horizontalBars,
            indexAxis: c.horizontal ? 'y' : 'x',
            plugins: {
              legend: { position: 'top', align: 'end', labels: { boxWidth: 12 } },
              tooltip: {
                callbacks: {
                  label: (item) => {
                    const raw = (item.datasetIndex === 0 ? c.segment : c.all)[item.dataIndex] ?? 0;
                    return `${item.dataset.label ?? ''}: ${percent(Number(item.raw))} (${c.amount(raw)})`;
                  },
                },
              },
            },
            scales: {
              [c.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { callback: (v: string | number) => percent(Number(v)) } },
              [c.horizontal ? 'y' : 'x']: { ticks: { autoSkip: false } },
            },
          }}
          data={{
            labels: c.labels,
            datasets: [
              { label: segmentName, data: segmentShares, backgroundColor: colour, borderWidth: 0 },
              { label: 'All matching customers', data: allShares, backgroundColor: allColour, borderWidth: 0 },
            ],
          }}
        />
      </div>
    </section>
  );
}

function bandComparison(title: string, bands: Band[], unit: (v: number) => string, lastInclusive = false): Comparison {
  const shown = knownBands(bands);
  return {
    title,
    labels: shown.map((b) => bandLabel(b, unit, lastInclusive)),
    segment: shown.map((b) => b.customers),
    all: shown.map((b) => b.allCustomers),
    amount: (v) => `${formatCount(v)} customers`,
    of: 'customers',
  };
}

/** How the segment buys, beside all customers under the same filters. */
export function SegmentCharts({ detail, colour }: { detail: SegmentDetail; colour: string }) {
  const categories = ['fresh', 'dry', 'luxury'] as const;
  // Data without values (issue 14, money): the category mix and the bands count items bought.
  const items = detail.measure === 'items';
  const currency = useCurrency();
  const charts: Comparison[] = [
    {
      title: 'Category mix',
      labels: categories.map((c) => categoryLabels[c]),
      segment: categories.map((c) => detail.categorySpend.segment[c]),
      all: categories.map((c) => detail.categorySpend.all[c]),
      amount: items ? formatItems : (v) => formatAmount(v, currency),
      of: items ? 'items' : 'spend',
      horizontal: false,
    },
    items ? bandComparison('Items bought in the period', detail.spend, String) : bandComparison(`Spend in the period (${currency})`, detail.spend, thousands),
    bandComparison('Visits a month', detail.visitsPerMonthBands, (v) => String(v)),
    bandComparison('Age', detail.age, String, true),
    {
      title: 'Outlets they bought at',
      labels: detail.outlets.top.map((o) => o.name),
      segment: detail.outlets.top.map((o) => o.customers),
      all: detail.outlets.top.map((o) => o.allCustomers),
      totals: { segment: detail.customers, all: detail.allCustomers },
      amount: (v) => `${formatCount(v)} customers`,
      of: 'customers',
      horizontal: true,
    },
  ];
  return (
    <div className="detail-charts">
      {charts.map((c) => (
        <ComparisonChart key={c.title} c={c} colour={colour} segmentName={detail.name} />
      ))}
    </div>
  );
}
