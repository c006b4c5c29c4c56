import { campaignFor, pickCampaignFor } from '../../shared/campaigns';
import { type FeatureName, featureInfo, featureNames } from '../../shared/features';
import type { Measure } from '../../shared/measure';
import { modelScale } from './scaling';
import type { SegmentCampaign, SegmentProfile, SegmentTrait } from '../../shared/segments';
import { type CustomerFeatures, windowMonths } from '../features/customerFeatures';

/**
 * What each segment is like (profile), what sets it apart (traits, in plain
 * words), what to call it (name) and what to do about it (campaign).
 *
 * A trait's strength is the standardised difference of the segment's mean
 * from all customers' mean, on the model's scale (money, counts and days
 * as log1p), in standard deviations of all customers.
 */

export interface DescribedSegment {
  segment: number;
  customers: number;
  name: string;
  profile: SegmentProfile;
  traits: SegmentTrait[];
  campaign: SegmentCampaign;
  /** Standardised difference per feature, for rules and name matching. */
  z: Partial<Record<FeatureName, number>>;
}

const traitFeatures: readonly FeatureName[] = [
  'luxuryShare',
  'freshShare',
  'dryShare',
  'festiveShare',
  'totalSpend',
  'visits',
  'recencyDays',
  'tenureDays',
  'basketValue',
  'age',
  'returnsShare',
  'outletsUsed',
];

/** Without values: items stand for spend, items per visit for the basket. */
const itemTraitFeatures: readonly FeatureName[] = traitFeatures.map((f) => (f === 'totalSpend' ? 'totalItems' : f === 'basketValue' ? 'itemsPerVisit' : f));

export const ageBands: ReadonlyArray<[string, number, number]> = [
  ['Under 25', 0, 25],
  ['25–34', 25, 35],
  ['35–44', 35, 45],
  ['45–54', 45, 55],
  ['55–64', 55, 65],
  ['65 and over', 65, 200],
];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function describeSegments(
  features: CustomerFeatures,
  labels: Int32Array,
  k: number,
  outletNames: ReadonlyMap<number, string>,
): DescribedSegment[] {
  const n = features.count;
  const months = Math.round(windowMonths(features.window));
  const present = featureNames.filter((f) => !features.missing.includes(f));
  // All customers: mean and sd on the model scale, and the raw mean and median.
  const all = new Map<FeatureName, { mean: number; sd: number; rawMean: number; rawMedian: number | null }>();
  for (const f of present) {
    const col = features.columns[f];
    let s = 0;
    let sq = 0;
    let raw = 0;
    let count = 0;
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (Number.isNaN(v)) continue;
      const t = modelScale(f, v);
      s += t;
      sq += t * t;
      raw += v;
      count++;
      values.push(v);
    }
    const mean = count ? s / count : 0;
    all.set(f, { mean, sd: Math.sqrt(Math.max(0, count ? sq / count - mean * mean : 0)) || 1, rawMean: count ? raw / count : 0, rawMedian: median(values) });
  }
  const outletShareAll = new Map<number, number>();
  for (let i = 0; i < n; i++) outletShareAll.set(features.homeOutlet[i] as number, (outletShareAll.get(features.homeOutlet[i] as number) ?? 0) + 1 / n);

  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[labels[i] as number]?.push(i);

  const described = members.map((rows, segment): DescribedSegment => {
    const size = rows.length;
    const z: Partial<Record<FeatureName, number>> = {};
    const means: Partial<Record<FeatureName, number>> = {};
    const medians: Partial<Record<FeatureName, number>> = {};
    for (const f of present) {
      const col = features.columns[f];
      const a = all.get(f) as { mean: number; sd: number };
      let s = 0;
      let raw = 0;
      let count = 0;
      const values: number[] = [];
      for (const i of rows) {
        const v = col[i] as number;
        if (Number.isNaN(v)) continue;
        s += modelScale(f, v);
        raw += v;
        count++;
        values.push(v);
      }
      if (count === 0) continue;
      z[f] = (s / count - a.mean) / a.sd;
      means[f] = raw / count;
      const m = median(values);
      if (m !== null) medians[f] = m;
    }

    const outletCounts = new Map<number, number>();
    for (const i of rows) outletCounts.set(features.homeOutlet[i] as number, (outletCounts.get(features.homeOutlet[i] as number) ?? 0) + 1);
    const topOutlets = [...outletCounts.entries()]
      .filter(([id]) => id !== 0)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 3)
      .map(([id, c]) => ({ outletId: id, name: outletNames.get(id) ?? `Outlet ${id}`, share: c / Math.max(1, size) }));
    const ages = features.columns.age;
    const bands = ageBands.map(([band]) => ({ band, customers: 0 }));
    let unknownAge = 0;
    for (const i of rows) {
      const a = ages[i] as number;
      if (Number.isNaN(a)) unknownAge++;
      else (bands[ageBands.findIndex(([, lo, hi]) => a >= lo && a < hi)] as { customers: number }).customers++;
    }

    const profile: SegmentProfile = {
      customers: size,
      share: size / Math.max(1, n),
      mean: means,
      median: medians,
      topOutlets,
      ageBands: [...bands, { band: 'Unknown', customers: unknownAge }],
    };

    // The three to five features that set the segment apart most: the three strongest, and up to two
    // more while they are at least half a standard deviation from all customers.
    const traits = (features.measure === 'items' ? itemTraitFeatures : traitFeatures)
      .filter((f) => z[f] !== undefined)
      .sort((a, b) => Math.abs(z[b] as number) - Math.abs(z[a] as number))
      .filter((f, i) => i < 3 || Math.abs(z[f] as number) >= 0.5)
      .slice(0, 5)
      .map((f): SegmentTrait => {
        const figures = { mean: means[f] ?? 0, median: medians[f] ?? 0, allMean: all.get(f)?.rawMean ?? 0, allMedian: all.get(f)?.rawMedian ?? 0 };
        return { feature: f, z: z[f] as number, text: traitText(f, (z[f] as number) > 0, figures, months, features.measure) };
      });
    // Where they shop, when it sets them apart: two outlets hold most of the segment but far less of everyone.
    const top2 = topOutlets.slice(0, 2);
    const top2Share = top2.reduce((s, o) => s + o.share, 0);
    const top2All = top2.reduce((s, o) => s + (outletShareAll.get(o.outletId) ?? 0), 0);
    if (traits.length < 5 && top2.length === 2 && top2Share >= 0.4 && top2Share >= 1.5 * top2All) {
      traits.push({ feature: 'outlets', z: 0, text: `mostly shops at ${top2[0]?.name} and ${top2[1]?.name} (${pct(top2Share)} of the segment)` });
    }
    if (traits.length === 0) traits.push({ feature: 'none', z: 0, text: 'is close to the average customer on every measure' });

    const rule = pickCampaignFor(z, features.measure);
    const campaign = campaignFor(rule.campaign, features.measure);
    const lead = traits
      .slice(0, 2)
      .map((t) => t.text.replace(/ \(all customers: [^)]*\)/, ''))
      .join(' and ');
    return {
      segment,
      customers: size,
      name: '',
      profile,
      traits,
      campaign: { id: campaign.id, because: rule.because, rationale: campaign.rationale.replace('{traits}', lead) },
      z,
    };
  });
  nameSegments(described, features.measure);
  return described;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function times(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}

/** A segment's mean and median of a feature beside all customers' (raw units: rupees, days, shares 0..1). */
export interface TraitFigures {
  mean: number;
  median: number;
  allMean: number;
  allMedian: number;
}

/** A trait in words, e.g. "puts 84% of spend on fresh produce (all customers: 32%)"; `above` says which side of everyone the segment lies. */
export function traitText(f: FeatureName, above: boolean, figures: TraitFigures, windowMonths: number, measure: Measure = 'money'): string {
  const { mean, median: med, allMean, allMedian } = figures;
  const ratio = allMean > 0 ? mean / allMean : 0;
  const period = windowMonths === 12 ? 'a year' : `${windowMonths} months`;
  if (measure === 'items') {
    const words = itemTraitText(f, above, figures, ratio);
    if (words !== null) return words;
  }
  switch (f) {
    case 'luxuryShare':
    case 'freshShare':
    case 'dryShare': {
      const category = f === 'luxuryShare' ? 'luxury' : f === 'freshShare' ? 'fresh produce' : 'dry goods';
      return `puts ${pct(mean)} of spend on ${category} (all customers: ${pct(allMean)})`;
    }
    case 'festiveShare':
      return `spends ${pct(mean)} of the year's total in April and December (all customers: ${pct(allMean)})`;
    case 'totalSpend':
      return above ? `spends ${times(ratio)} the average in total` : `spends ${pct(ratio)} of the average in total`;
    case 'basketValue':
      return above ? `fills baskets worth ${times(ratio)} the average` : `fills small baskets, ${pct(ratio)} of the average`;
    case 'visits':
      return `visits ${Math.round(med)} times in ${period} on median (all customers: ${Math.round(allMedian)})`;
    case 'recencyDays':
      return above ? `has not shopped for ${Math.round(med)} days on median` : `shopped within the last ${Math.round(med)} days on median`;
    case 'tenureDays':
      return !above ? `has been a customer for ${Math.round(med)} days on median` : `has been a customer for ${(med / 365).toFixed(1)} years on median`;
    case 'age':
      return `is ${Math.round(med)} years old on median (all customers: ${Math.round(allMedian)})`;
    case 'returnsShare':
      return `returns ${pct(mean)} of what they buy (all customers: ${pct(allMean)})`;
    case 'outletsUsed':
      return above ? `shops at ${med.toFixed(0)} outlets on median` : 'keeps to one outlet';
    default:
      return `${featureInfo[f].label}: ${mean.toFixed(1)}`;
  }
}

/** The words of a trait measured in items (a purchase history without prices); null where they are the same as in money. */
function itemTraitText(f: FeatureName, above: boolean, figures: TraitFigures, ratio: number): string | null {
  const { mean, median: med, allMean, allMedian } = figures;
  switch (f) {
    case 'luxuryShare':
    case 'freshShare':
    case 'dryShare': {
      const category = f === 'luxuryShare' ? 'luxury' : f === 'freshShare' ? 'fresh produce' : 'dry goods';
      return `picks ${category} for ${pct(mean)} of their items (all customers: ${pct(allMean)})`;
    }
    case 'festiveShare':
      return `buys ${pct(mean)} of the year's items in April and December (all customers: ${pct(allMean)})`;
    case 'totalItems':
      return above ? `buys ${times(ratio)} the average number of items` : `buys ${pct(ratio)} of the average number of items`;
    case 'itemsPerVisit':
      return `buys ${med.toFixed(med < 10 ? 1 : 0)} items per visit on median (all customers: ${allMedian.toFixed(allMedian < 10 ? 1 : 0)})`;
    case 'returnsShare':
      return `returns ${pct(mean)} of the items they buy (all customers: ${pct(allMean)})`;
    default:
      return null;
  }
}

/** Names from each segment's strongest traits; distinct, with a qualifier or a number where two would clash. */
function nameSegments(segments: DescribedSegment[], measure: Measure): void {
  for (const s of segments) s.name = baseName(s.z, measure);
  const qualifiers: Array<[FeatureName, number, string]> = [
    ['age', -0.75, 'Young'],
    ['age', 0.75, 'Senior'],
    ['visits', 0.75, 'Frequent'],
    ['visits', -0.75, 'Infrequent'],
    [measure === 'items' ? 'itemsPerVisit' : 'basketValue', 0.75, 'Big-Basket'],
    [measure === 'items' ? 'itemsPerVisit' : 'basketValue', -0.75, 'Small-Basket'],
    ['outletsUsed', 0.75, 'Multi-Outlet'],
  ];
  const clashes = () => {
    const seen = new Map<string, DescribedSegment[]>();
    for (const s of segments) seen.set(s.name, [...(seen.get(s.name) ?? []), s]);
    return [...seen.values()].filter((group) => group.length > 1);
  };
  for (const group of clashes()) {
    for (const s of group) {
      const q = qualifiers.find(([f, z, word]) => {
        const v = s.z[f];
        return v !== undefined && (z > 0 ? v >= z : v <= z) && !s.name.includes(word);
      });
      if (q) s.name = `${q[2]} ${s.name}`;
    }
  }
  for (const group of clashes()) group.forEach((s, i) => i > 0 && (s.name = `${s.name} ${i + 1}`));
}

function baseName(z: Partial<Record<FeatureName, number>>, measure: Measure): string {
  const at = (f: FeatureName) => z[f] ?? 0;
  const shares: Array<[FeatureName, string]> = [
    ['luxuryShare', 'Luxury'],
    ['freshShare', 'Fresh'],
    ['dryShare', 'Dry-Goods'],
  ];
  const lead = shares.filter(([f]) => at(f) >= 0.75).sort((a, b) => at(b[0]) - at(a[0]))[0];
  const category = lead ? `${lead[1]} ` : '';
  if (at('recencyDays') >= 1) return `Lapsed ${category}Shoppers`;
  if (at('tenureDays') <= -1) return `New ${category}Customers`;
  if (at('festiveShare') >= 0.75) return `Festive-Season ${category}Shoppers`;
  let value = '';
  // Without values, how much they buy is counted in items: "Premium" and "Budget" would claim money the data lacks.
  const [basket, total, high, low] = measure === 'items' ? (['itemsPerVisit', 'totalItems', 'High-Volume ', 'Low-Volume '] as const) : (['basketValue', 'totalSpend', 'Premium ', 'Budget '] as const);
  if (lead?.[0] === 'dryShare' && at(basket) >= 0.75 && at('visits') < 0.75) value = 'Bulk ';
  else if (at(total) >= 0.75) value = high;
  else if (at(total) <= -0.75) value = low;
  const habit = at('visits') >= 0.5 ? 'Regulars' : at('visits') <= -0.5 ? 'Occasional Shoppers' : 'Shoppers';
  return `${value}${category}${habit}`.replace(/\s+/g, ' ').trim();
}
