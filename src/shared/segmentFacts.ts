import type { FeatureName } from './features';

/**
 * What can truthfully be said about a segment, read once from its figures.
 * The segment's name, the campaign chosen for it and the reason given all
 * read these facts, so none of them can say something the traits do not
 * show ("win back" for recent shoppers, "widen what they buy" for people
 * who already buy every category).
 *
 * A fact rests on the segment's standardised difference from all customers
 * (`z`: +1 means its mean is one standard deviation above everyone's, on the
 * model's scale), and, where a relative difference alone could mislead, on
 * the segment's own figures: a segment can be "more lapsed than average"
 * and still have shopped last week when everyone shops daily.
 */

export type Category = 'fresh' | 'dry' | 'luxury';
export const categories: readonly Category[] = ['fresh', 'dry', 'luxury'];
export const shareFeature: Record<Category, FeatureName> = { fresh: 'freshShare', dry: 'dryShare', luxury: 'luxuryShare' };

export type Fact =
  | 'lapsed'
  | 'lapsing'
  | 'recent'
  | 'new'
  | 'longStanding'
  | 'frequent'
  | 'infrequent'
  | 'high'
  | 'low'
  | 'bigBasket'
  | 'smallBasket'
  | 'festive'
  | 'yearRound'
  | 'balanced'
  | 'leansFresh'
  | 'leansDry'
  | 'leansLuxury'
  | 'rarelyFresh'
  | 'rarelyDry'
  | 'rarelyLuxury'
  | 'multiOutlet'
  | 'singleOutlet'
  | 'young'
  | 'senior';

export const leanFact: Record<Category, Fact> = { fresh: 'leansFresh', dry: 'leansDry', luxury: 'leansLuxury' };
export const rarelyFact: Record<Category, Fact> = { fresh: 'rarelyFresh', dry: 'rarelyDry', luxury: 'rarelyLuxury' };

/** A segment's figures: z per feature, and its own mean and median in raw units (shares 0..1, days). */
export interface SegmentFigures {
  z: Partial<Record<FeatureName, number>>;
  mean: Partial<Record<FeatureName, number>>;
  median: Partial<Record<FeatureName, number>>;
}

export const factLimits = {
  /** Half a standard deviation: a difference a marketer sees at once in the segment's figures. */
  clear: 0.5,
  /** For the words that single a segment out on their own (basket size, age, outlets, a category lean). */
  strong: 0.75,
  /** Lapsed and new say more than "different": a full standard deviation, and the days below. */
  decisive: 1,
  /** Recent enough that win-back wording would be wrong: a little below everyone. */
  recent: -0.25,
  /** No purchase for two months: past a supermarket's monthly stock-up, so the customer is lapsing, not between shops. */
  lapsedDays: 60,
  /** A month without a purchase before "lapsing" is said. */
  lapsingDays: 30,
  /** "New" only for customers of under six months: a welcome series makes no sense after that. */
  newDays: 180,
  /**
   * The three categories must hold at least half the segment's spend for its
   * mix to say anything: with most of it on uncategorised lines ("Other"),
   * no lean, balance or gap is claimed.
   */
  covered: 0.5,
  /**
   * Balanced: on the three categories' own split, the largest and smallest
   * differ by at most 20 points, i.e. every category lies within a third
   * ± 10 points (23% to 43%). Then no category is clearly ahead and none is
   * a minor part of the shop; a 45/35/20 split already has a lead and a gap.
   */
  balancedBand: 0.2,
  /** A lean needs the category to be a real part of the shop, not only above a low average. */
  leanShare: 0.3,
  /** Under a tenth of the spend: the category is one they rarely buy here. */
  rarelyShare: 0.1,
} as const;

/** The segment's shares of fresh, dry and luxury, when the three hold enough of its spend to speak of its mix. */
export function categoryShares(mean: SegmentFigures['mean']): Record<Category, number> | null {
  const shares = { fresh: mean.freshShare, dry: mean.dryShare, luxury: mean.luxuryShare };
  if (categories.some((c) => shares[c] === undefined || Number.isNaN(shares[c]))) return null;
  const known = shares as Record<Category, number>;
  const covered = known.fresh + known.dry + known.luxury;
  return covered >= factLimits.covered ? known : null;
}

/** True when no category is clearly ahead: see `factLimits.balancedBand`. */
export function isBalanced(shares: Record<Category, number>): boolean {
  const total = shares.fresh + shares.dry + shares.luxury;
  const split = categories.map((c) => shares[c] / total);
  return Math.max(...split) - Math.min(...split) <= factLimits.balancedBand + 1e-9;
}

export function segmentFacts({ z, mean, median }: SegmentFigures): ReadonlySet<Fact> {
  const facts = new Set<Fact>();
  const at = (f: FeatureName): number | undefined => (z[f] === undefined || Number.isNaN(z[f]) ? undefined : z[f]);
  const above = (f: FeatureName, limit: number) => (at(f) ?? Number.NEGATIVE_INFINITY) >= limit;
  const below = (f: FeatureName, limit: number) => (at(f) ?? Number.POSITIVE_INFINITY) <= limit;
  const days = median.recencyDays;
  const tenure = median.tenureDays;

  if (above('recencyDays', factLimits.decisive) && days !== undefined && days >= factLimits.lapsedDays) facts.add('lapsed');
  else if (above('recencyDays', factLimits.clear) && days !== undefined && days >= factLimits.lapsingDays) facts.add('lapsing');
  else if (below('recencyDays', factLimits.recent) && (days === undefined || days < factLimits.lapsingDays)) facts.add('recent');
  if (below('tenureDays', -factLimits.decisive) && tenure !== undefined && tenure <= factLimits.newDays) facts.add('new');
  else if (above('tenureDays', factLimits.strong) && (tenure === undefined || tenure > factLimits.newDays)) facts.add('longStanding');
  if (above('visits', factLimits.clear)) facts.add('frequent');
  if (below('visits', -factLimits.clear)) facts.add('infrequent');
  // "Premium" is a strong claim: it needs the strong margin; buying less is plain to see at half a deviation.
  // Data without values (a purchase history without prices) counts how much they buy in items.
  const total: FeatureName = at('totalSpend') === undefined && at('totalItems') !== undefined ? 'totalItems' : 'totalSpend';
  const basket: FeatureName = at('basketValue') === undefined && at('itemsPerVisit') !== undefined ? 'itemsPerVisit' : 'basketValue';
  if (above(total, factLimits.strong)) facts.add('high');
  if (below(total, -factLimits.clear)) facts.add('low');
  if (above(basket, factLimits.strong)) facts.add('bigBasket');
  if (below(basket, -factLimits.strong)) facts.add('smallBasket');
  if (above('festiveShare', factLimits.strong)) facts.add('festive');
  if (below('festiveShare', -factLimits.strong)) facts.add('yearRound');
  if (above('outletsUsed', factLimits.strong)) facts.add('multiOutlet');
  if (below('outletsUsed', -factLimits.strong)) facts.add('singleOutlet');
  if (below('age', -factLimits.strong)) facts.add('young');
  if (above('age', factLimits.strong)) facts.add('senior');

  const shares = categoryShares(mean);
  if (shares) {
    if (isBalanced(shares)) facts.add('balanced');
    else {
      const largest = [...categories].sort((a, b) => shares[b] - shares[a])[0] as Category;
      if (shares[largest] >= factLimits.leanShare && above(shareFeature[largest], factLimits.strong)) facts.add(leanFact[largest]);
    }
    for (const c of categories) if (shares[c] < factLimits.rarelyShare) facts.add(rarelyFact[c]);
  }
  return facts;
}

/** The feature whose trait shows a fact; 'categoryMix' is the balanced-mix trait. */
export const factEvidence: Record<Fact, FeatureName | 'categoryMix'> = {
  lapsed: 'recencyDays',
  lapsing: 'recencyDays',
  recent: 'recencyDays',
  new: 'tenureDays',
  longStanding: 'tenureDays',
  frequent: 'visits',
  infrequent: 'visits',
  high: 'totalSpend',
  low: 'totalSpend',
  bigBasket: 'basketValue',
  smallBasket: 'basketValue',
  festive: 'festiveShare',
  yearRound: 'festiveShare',
  balanced: 'categoryMix',
  leansFresh: 'freshShare',
  leansDry: 'dryShare',
  leansLuxury: 'luxuryShare',
  rarelyFresh: 'freshShare',
  rarelyDry: 'dryShare',
  rarelyLuxury: 'luxuryShare',
  multiOutlet: 'outletsUsed',
  singleOutlet: 'outletsUsed',
  young: 'age',
  senior: 'age',
};
