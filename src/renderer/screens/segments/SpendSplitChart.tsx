import { BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { categoryLabels } from '../../../shared/domain';
import type { SegmentOverview } from '../../../shared/filters';
import { formatAmount } from '../../../shared/format';
import { formatItems, type Measure } from '../../../shared/measure';
import { categoryColours } from '../../charts/colours';
import { horizontalBars } from '../../charts/options';
import { useCurrency } from '../../currency';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

const categories = ['fresh', 'dry', 'luxury'] as const;

/** Each segment's spend split across fresh, dry and luxury, as shares of 100%, in the order of the cards. */
export function SpendSplitChart({ segments, measure = 'money' }: { segments: SegmentOverview['segments']; measure?: Measure }) {
  // Data without values (issue 14, money): the split is of items bought.
  const items = measure === 'items';
  const currency = useCurrency();
  const shares = segments.map((s) => {
    const total = s.spend.fresh + s.spend.dry + s.spend.luxury;
    return Object.fromEntries(categories.map((c) => [c, total > 0 ? (s.spend[c] / total) * 100 : 0])) as Record<(typeof categories)[number], number>;
  });
  const described = segments
    .map((s, i) => `${s.name}: ${categories.map((c) => `${categoryLabels[c]} ${Math.round(shares[i]![c])}%`).join(', ')}`)
    .join('; ');
  return (
    <div className="chart-box segment-chart">
      <Bar
        aria-label={`${items ? 'Items' : 'Spend'} split by category per segment. ${described}`}
        options={{
          ...horizontalBars,
          plugins: {
            // The legend is HTML beside the title: the canvas keeps the customers chart's layout, so their rows line up.
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const c = categories[item.datasetIndex]!;
                  const s = segments[item.dataIndex]!;
                  return `${categoryLabels[c]}: ${Math.round(Number(item.raw))}% · ${items ? formatItems(s.spend[c]) : formatAmount(s.spend[c], currency)}`;
                },
              },
            },
          },
          scales: {
            x: { stacked: true, min: 0, max: 100, ticks: { callback: (v) => `${String(v)}%` } },
            y: { stacked: true, ticks: { autoSkip: false } },
          },
        }}
        data={{
          labels: segments.map((s) => s.name),
          datasets: categories.map((c) => ({
            label: categoryLabels[c],
            data: shares.map((share) => share[c]),
            backgroundColor: categoryColours[c],
            borderWidth: 0,
          })),
        }}
      />
    </div>
  );
}

/** Which colour is which category, for the spend chart's card header. */
export function CategoryLegend() {
  return (
    <ul className="legend" aria-label="Colours">
      {categories.map((c) => (
        <li key={c}>
          <span className="swatch" style={{ background: categoryColours[c] }} aria-hidden="true" />
          {categoryLabels[c]}
        </li>
      ))}
    </ul>
  );
}
