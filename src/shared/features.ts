/**
 * The per-customer features the segmentation works on, and how the app
 * speaks of them. Money is in rupees (LKR), times in days.
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
};
