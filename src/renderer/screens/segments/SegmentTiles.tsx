import { categoryLabels } from '../../../shared/domain';
import type { SegmentOverview } from '../../../shared/filters';
import { formatCount, formatMoney, formatMoneyCompact } from '../../../shared/format';
import { formatItems, formatItemsCompact } from '../../../shared/measure';
import { KpiTile } from '../../components/KpiTile';
import { useCurrency } from '../../currency';

/**
 * The key figures of the customers on screen: they follow the filters like
 * the chart and the cards. Spend is over the analysis period the segments
 * were found in, so these are the segmented customers' figures, not the
 * chain's till totals (those are in the outlet chart below).
 */
export function SegmentTiles({ data, filtered }: { data: SegmentOverview; filtered: boolean }) {
  const t = data.totals;
  const currency = useCurrency();
  const cents = (amount: number) => Math.round(amount * 100);
  // Data without values (issue 14, money): the totals count items bought, never money.
  const items = data.support.measure === 'items';
  const share = (part: number) => (t.spend > 0 ? `${Math.round((part / t.spend) * 100)}% of their ${items ? 'items' : 'spend'}` : '');
  const amount = (v: number) => (items ? { value: formatItemsCompact(v), title: formatItems(v) } : { value: formatMoneyCompact(cents(v), currency), title: formatMoney(cents(v), currency) });
  return (
    <section className="kpis compact" aria-label={filtered ? 'Key figures of the customers matching the filters' : 'Key figures of the segmented customers'}>
      <KpiTile
        testId="kpi-customers"
        label={filtered ? 'Customers matching' : 'Customers'}
        value={formatCount(data.customers)}
        detail={filtered ? `of ${formatCount(data.allCustomers)} with a segment` : 'with a segment'}
      />
      <KpiTile
        testId="kpi-outlets"
        label="Outlets"
        value={data.support.outlets ? formatCount(t.outlets) : '—'}
        detail={data.support.outlets ? 'where they bought' : 'not in your data'}
      />
      <KpiTile testId="kpi-sales" label={items ? 'Items they bought' : 'Their spend'} {...amount(t.spend)} detail="in the analysis period" />
      {(['fresh', 'dry', 'luxury'] as const).map((c) => (
        <KpiTile
          key={c}
          testId={`kpi-${c}`}
          label={`${categoryLabels[c]} ${items ? 'items' : 'spend'}`}
          {...amount(t[c])}
          detail={share(t[c])}
        />
      ))}
    </section>
  );
}
