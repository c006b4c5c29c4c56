import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { SalesByOutlet } from '../../shared/contracts';
import { categoryLabels, type CategoryCode } from '../../shared/domain';
import { formatAmount, formatMoneyCompact } from '../../shared/format';
import { formatItems, formatItemsCompact } from '../../shared/measure';
import { useCurrency } from '../currency';
import { categoryColours } from './colours';
import { horizontalBars } from './options';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const shown: CategoryCode[] = ['fresh', 'dry', 'luxury', 'other'];

/** Sales per outlet, stacked by category; horizontal so twenty outlet names stay readable. */
export function SalesByOutletChart({ data }: { data: SalesByOutlet }) {
  // Lines without a value (issue 14, money): the bars count items.
  const items = data.measure === 'items';
  const currency = useCurrency();
  const value = (o: SalesByOutlet['outlets'][number], c: CategoryCode) => (items ? (o.byCategoryItems?.[c] ?? 0) : (o.byCategory[c] ?? 0) / 100);
  const categories = shown.filter((c) => data.outlets.some((o) => value(o, c) !== 0));
  return (
    <div className="chart-box">
      <Bar
        aria-label="Sales by outlet and category"
        options={{
          ...horizontalBars,
          plugins: {
            legend: { position: 'top', align: 'end' },
            tooltip: {
              callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${items ? formatItems(Number(item.raw)) : formatAmount(Number(item.raw), currency)}` },
            },
          },
          scales: {
            x: { stacked: true, ticks: { callback: (v) => (items ? formatItemsCompact(Number(v)) : formatMoneyCompact(Number(v) * 100, currency)) } },
            y: { stacked: true, ticks: { autoSkip: false } },
          },
        }}
        data={{
          labels: data.outlets.map((o) => o.name),
          datasets: categories.map((c) => ({
            label: categoryLabels[c],
            data: data.outlets.map((o) => value(o, c)),
            backgroundColor: categoryColours[c],
            borderWidth: 0,
          })),
        }}
      />
    </div>
  );
}
