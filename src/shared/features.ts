import type { Measure } from './measure';

/**
 * The per-customer features the segmentation works on, and how the app
 * speaks of them. Money is in the chain's currency (LKR unless Settings says
 * otherwise), times in days. Where the lines have no value (a purchase
 * history without prices), the money features are unknown and the shares are
 * shares of items.
 */
export const featureNames = [
  'freshSpend',
  'drySpend',
  'luxurySpend',
  'totalSpend',
  'freshShare',
  'dryShare',
  'luxuryShare',
  'festiveShare',
  'visits',
  'recencyDays',
  'tenureDays',
  'basketValue',
  'outletsUsed',
  'age',
  'returnsShare',
  // issue 14, money: what a purchase history without prices still tells.
  'freshItems',
  'dryItems',
  'luxuryItems',
  'totalItems',
  'itemsPerVisit',
] as const;
export type FeatureName = (typeof featureNames)[number];

export type FeatureKind = 'money' | 'count' | 'days' | 'share' | 'years';

export const featureInfo: Record<FeatureName, { label: string; kind: FeatureKind }> = {
  freshSpend: { label: 'Fresh spend', kind: 'money' },
  drySpend: { label: 'Dry spend', kind: 'money' },
  luxurySpend: { label: 'Luxury spend', kind: 'money' },
  totalSpend: { label: 'Total spend', kind: 'money' },
  freshShare: { label: 'Share of spend on fresh', kind: 'share' },
  dryShare: { label: 'Share of spend on dry', kind: 'share' },
  luxuryShare: { label: 'Share of spend on luxury', kind: 'share' },
  festiveShare: { label: 'Share of spend in the festive months (April, December)', kind: 'share' },
  visits: { label: 'Visits', kind: 'count' },
  recencyDays: { label: 'Days since last purchase', kind: 'days' },
  tenureDays: { label: 'Days as a customer', kind: 'days' },
  basketValue: { label: 'Average basket', kind: 'money' },
  outletsUsed: { label: 'Outlets used', kind: 'count' },
  age: { label: 'Age', kind: 'years' },
  returnsShare: { label: 'Share of purchases returned', kind: 'share' },
  freshItems: { label: 'Fresh items', kind: 'count' },
  dryItems: { label: 'Dry items', kind: 'count' },
  luxuryItems: { label: 'Luxury items', kind: 'count' },
  totalItems: { label: 'Items bought', kind: 'count' },
  itemsPerVisit: { label: 'Items per visit', kind: 'count' },
};

const itemLabels: Partial<Record<FeatureName, string>> = {
  freshShare: 'Share of items that are fresh',
  dryShare: 'Share of items that are dry goods',
  luxuryShare: 'Share of items that are luxury',
  festiveShare: 'Share of items bought in the festive months (April, December)',
  returnsShare: 'Share of items returned',
};

/** A feature's label in the words of the data's measure: shares of items when the lines have no value. */
export function featureLabel(name: FeatureName, measure: Measure): string {
  return (measure === 'items' ? itemLabels[name] : undefined) ?? featureInfo[name].label;
}
