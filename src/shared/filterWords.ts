import type { CustomerFiltersInput } from './filters';
import { formatAmount, formatDay } from './format';

export const genderNames = { F: 'Women', M: 'Men', X: 'Other' } as const;

export type FilterKey = 'age' | 'category' | 'dominantCategory' | 'lastPurchase' | 'outletIds' | 'gender' | 'spend';

/**
 * Each active filter in words, as the chips show them and reports print them:
 * "Age 30–45", "Bought luxury", "Outlets: Kandy, Galle", "Spend from LKR 25,000"
 * (in the chain's `currency`). Empty when no filter is set.
 */
export function filterWords(filters: CustomerFiltersInput, outletName: (id: number) => string, currency: string): Array<{ key: FilterKey; label: string }> {
  const out: Array<{ key: FilterKey; label: string }> = [];
  if (filters.age) out.push({ key: 'age', label: `Age ${filters.age.min}–${filters.age.max}` });
  if (filters.category) out.push({ key: 'category', label: `Bought ${filters.category}` });
  if (filters.dominantCategory) out.push({ key: 'dominantCategory', label: `Mostly buys ${filters.dominantCategory}` });
  const last = filters.lastPurchase;
  if (last) {
    out.push({ key: 'lastPurchase', label: 'withinDays' in last ? `Last purchase within ${last.withinDays} days` : `Last purchase ${formatDay(last.from)} – ${formatDay(last.to)}` });
  }
  if (filters.outletIds?.length) {
    const names = filters.outletIds.map(outletName);
    out.push({ key: 'outletIds', label: `${names.length === 1 ? 'Outlet' : 'Outlets'}: ${names.join(', ')}` });
  }
  if (filters.gender) out.push({ key: 'gender', label: genderNames[filters.gender] });
  const spend = filters.spend;
  if (spend) {
    const money = (v: number) => formatAmount(v, currency);
    const label =
      spend.min !== undefined && spend.max !== undefined
        ? `Spend ${money(spend.min)} – ${money(spend.max)}`
        : spend.min !== undefined
          ? `Spend from ${money(spend.min)}`
          : `Spend up to ${money(spend.max ?? 0)}`;
    out.push({ key: 'spend', label });
  }
  return out;
}
