import { campaignById, pickCampaign, rationale } from '../../../shared/campaigns';
import { type FeatureName, featureInfo, featureNames } from '../../../shared/features';
import type { Measure } from '../../../shared/measure';
import { itemWords, type MeasureWords, moneyWords } from '../../../shared/measureWords';
import { categoryShares, type Fact, factEvidence, type SegmentFigures, segmentFacts } from '../../../shared/segmentFacts';
import { modelScale } from './scaling';
import { nameSegments } from './names';
import type { SegmentCampaign, SegmentProfile, SegmentTrait, SegmentView } from '../../../shared/segments';
import { type CustomerFeatures, windowMonths } from '../features/customerFeatures';

/**
 * What each segment is like (profile), what sets it apart (traits, in plain
 * words), what to call it (name) and what to do about it (campaign).
 *
 * A trait's strength is the standardised difference of the segment's mean
 * from all customers' mean, on the model's scale (money, counts and days
 * as log1p), in standard deviations of all customers.
 */

/** A segment as the window lists it (before anyone names it), with what the naming and the campaign rules read. */
export type DescribedSegment = Omit<SegmentView, 'namedBy'> & {
  /** Standardised difference per feature, for rules and name matching. */
  z: Partial<Record<FeatureName, number>>;
};

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
  words: MeasureWords = moneyWords,
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
  const allFigures: AllFigures = Object.fromEntries([...all].map(([f, a]) => [f, { mean: a.rawMean, median: a.rawMedian ?? 0 }]));
  const outletShareAll = new Map<number, number>();
  for (let i = 0; i < n; i++) outletShareAll.set(features.homeOutlet[i] as number, (outletShareAll.get(features.homeOutlet[i] as number) ?? 0) + 1 / n);

  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[labels[i] as number]?.push(i);

  const stats = members.map((rows, segment) => {
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

    // Where they shop, when it sets them apart: two outlets hold most of the segment but far less of everyone.
    const top2 = topOutlets.slice(0, 2);
    const top2Share = top2.reduce((s, o) => s + o.share, 0);
    const top2All = top2.reduce((s, o) => s + (outletShareAll.get(o.outletId) ?? 0), 0);
    const outletTrait: SegmentTrait | null =
      top2.length === 2 && top2Share >= 0.4 && top2Share >= 1.5 * top2All
        ? { feature: 'outlets', z: 0, text: `mostly shops at ${top2[0]?.name} and ${top2[1]?.name} (${pct(top2Share)} of the segment)` }
        : null;
    const figures: SegmentFigures = { z, mean: means, median: medians };
    return { segment, customers: size, profile, figures, facts: segmentFacts(figures), outletTrait };
  });

  const named = stats.map((s) => ({ name: '', facts: s.facts }));
  // Data without values speaks of items: the caller's words are for money.
  const measure: Measure = features.measure;
  const measureWords = measure === 'items' ? itemWords : words;
  const said = nameSegments(named, measureWords);
  return stats.map((s, i): DescribedSegment => {
    const { traits, campaign } = explainSegment({ figures: s.figures, facts: s.facts, said: said[i] ?? new Set(), all: allFigures, months, outletTrait: s.outletTrait, words: measureWords, measure });
    return { segment: s.segment, customers: s.customers, name: named[i]?.name ?? '', profile: s.profile, traits, campaign, z: s.figures.z };
  });
}

/** All customers' raw mean and median per feature. */
export type AllFigures = Partial<Record<FeatureName, { mean: number; median: number }>>;

const shareTraits: readonly FeatureName[] = ['freshShare', 'dryShare', 'luxuryShare'];

/**
 * A segment's traits and campaign from its figures and facts. The traits are
 * the three to five features that set it apart most, and beside them every
 * fact its name says (`said`) and its campaign rests on, so each word of the
 * name and of the reason has a trait on the page that shows it. The reason
 * cites the campaign's own facts first.
 */
export function explainSegment(input: {
  figures: SegmentFigures;
  facts: ReadonlySet<Fact>;
  said: ReadonlySet<Fact>;
  all: AllFigures;
  months: number;
  outletTrait?: SegmentTrait | null;
  words?: MeasureWords;
  measure?: Measure;
}): { traits: SegmentTrait[]; campaign: SegmentCampaign } {
  const { figures, facts, all, months } = input;
  const words = input.words ?? moneyWords;
  const measure = input.measure ?? 'money';
  const { z } = figures;
  const traitOf = (f: FeatureName | 'categoryMix'): SegmentTrait | null => {
    if (f === 'categoryMix') {
      const shares = categoryShares(figures.mean);
      return shares ? { feature: 'categoryMix', z: 0, text: mixText(shares, words) } : null;
    }
    const v = z[f];
    if (v === undefined) return null;
    const trait = { mean: figures.mean[f] ?? 0, median: figures.median[f] ?? 0, allMean: all[f]?.mean ?? 0, allMedian: all[f]?.median ?? 0 };
    return { feature: f, z: v, text: traitText(f, v > 0, trait, months, measure) };
  };

  // The three strongest, and up to two more while they are at least half a standard deviation from all customers.
  let traits = (measure === 'items' ? itemTraitFeatures : traitFeatures)
    .filter((f) => z[f] !== undefined)
    .sort((a, b) => Math.abs(z[b] as number) - Math.abs(z[a] as number))
    .filter((f, i) => i < 3 || Math.abs(z[f] as number) >= 0.5)
    .slice(0, 5)
    .map((f) => traitOf(f) as SegmentTrait);
  // A balanced mix is one fact, not three share figures: one trait (below, as evidence) says it.
  if (facts.has('balanced')) traits = traits.filter((t) => !shareTraits.includes(t.feature as FeatureName));
  if (input.outletTrait && traits.length < 5) traits.push(input.outletTrait);

  const rule = pickCampaign(facts);
  const backing: Fact[] = [...rule.when, ...input.said, ...(facts.has('balanced') ? (['balanced'] as const) : [])];
  // Without values the totals and baskets that show a fact are counted in items.
  const shown = (f: FeatureName | 'categoryMix'): FeatureName | 'categoryMix' =>
    measure === 'items' ? (f === 'totalSpend' ? 'totalItems' : f === 'basketValue' ? 'itemsPerVisit' : f) : f;
  const evidence = [...new Set(backing.map((f) => shown(factEvidence[f])))];
  for (const f of evidence) {
    if (traits.some((t) => t.feature === f)) continue;
    const trait = traitOf(f);
    if (!trait) continue;
    if (traits.length < 5) {
      traits.push(trait);
      continue;
    }
    // Full: the weakest trait no fact rests on makes room.
    const spare = traits.findLastIndex((t) => !evidence.includes(t.feature as FeatureName));
    if (spare >= 0) traits[spare] = trait;
  }
  if (traits.length === 0) traits.push({ feature: 'none', z: 0, text: 'is close to the average customer on every measure' });

  // The reason cites the campaign's own facts, then the name's, then the strongest of the rest.
  const rank = (t: SegmentTrait) => {
    const at = evidence.indexOf(t.feature as FeatureName);
    return at < 0 ? evidence.length : at;
  };
  const lead = traits
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map(({ t }) => t)
    .slice(0, 2)
    .map((t) => t.text.replace(/ \(all customers: [^)]*\)/, ''))
    .join(' and ');
  return { traits, campaign: { id: campaignById(rule.campaign).id, because: rule.because, rationale: rationale(rule, lead) } };
}

/** The balanced-mix trait, e.g. "spreads spend evenly across fresh produce (34%), dry goods (33%) and luxury (33%)". */
function mixText(shares: Record<'fresh' | 'dry' | 'luxury', number>, words: MeasureWords): string {
  return `spreads ${words.spend} evenly across fresh produce (${pct(shares.fresh)}), dry goods (${pct(shares.dry)}) and luxury (${pct(shares.luxury)})`;
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
      return `visits ${Math.round(med) === 1 ? 'once' : `${Math.round(med)} times`} in ${period} on median (all customers: ${Math.round(allMedian)})`;
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
