import type { FeatureName } from './features';
import type { Measure } from './measure';

/**
 * The campaigns the app can suggest, and the rules that pick one for a
 * segment. Both are data: the rules are checked in order and the first whose
 * every condition holds wins; the last rule always holds. A condition
 * compares the segment with all customers in standard deviations (`z`:
 * +1 means the segment's mean is one standard deviation above everyone's),
 * on the model's scale (money, counts and days on a log scale).
 */

export interface Campaign {
  id: string;
  name: string;
  channel: string;
  timing: string;
  /** What to watch to see whether it worked. */
  kpi: string;
  /** One sentence; `{traits}` becomes the segment's two leading traits ("puts 84% of spend on fresh produce and …"). */
  rationale: string;
}

export const campaigns: readonly Campaign[] = [
  {
    id: 'winback',
    name: 'Win-back voucher',
    channel: 'SMS with a single-use voucher code',
    timing: 'Now, then a reminder after 14 days',
    kpi: 'Share of the segment who buy again within 30 days',
    rationale: 'This segment {traits}, so a time-limited voucher gives them a reason to come back before they are lost.',
  },
  {
    id: 'onboarding',
    name: 'New-customer onboarding',
    channel: 'Welcome SMS and loyalty-app message series',
    timing: 'In their first four weeks',
    kpi: 'Second and third visit within 60 days',
    rationale: 'This segment {traits}, so a welcome series can turn a first visit into a habit.',
  },
  {
    id: 'champions',
    name: 'No-discount recognition for champions',
    channel: 'Personal thank-you message, priority service at the till',
    timing: 'Quarterly',
    kpi: 'Retention and spend held without discount cost',
    rationale: 'This segment {traits}, so recognition keeps them without giving margin away.',
  },
  {
    id: 'vip_luxury',
    name: 'VIP early access to luxury lines',
    channel: 'Invitation by SMS and email, in-store preview',
    timing: 'Before each new luxury range and before the festive season',
    kpi: 'Luxury spend per customer in the segment',
    rationale: 'This segment {traits}, so first access to new luxury ranges rewards that and keeps the spend with us.',
  },
  {
    id: 'festive',
    name: 'Festive-season pre-orders',
    channel: 'SMS and leaflets, pre-order at the outlet',
    timing: 'Four weeks before Avurudu (April) and before December',
    kpi: 'Festive-season spend and pre-order uptake',
    rationale: 'This segment {traits}, so a pre-order offer secures their festive basket early.',
  },
  {
    id: 'fresh_bundle',
    name: 'Fresh-produce weekly bundle',
    channel: 'Loyalty app and shelf-edge offers',
    timing: 'Weekly, on their usual shopping day',
    kpi: 'Visits per month and fresh spend',
    rationale: 'This segment {traits}, so a weekly fresh bundle rewards the habit and lifts the basket.',
  },
  {
    id: 'bulk_dry',
    name: 'Bulk dry-goods discount',
    channel: 'SMS at the start of the month',
    timing: 'Monthly, around payday',
    kpi: 'Dry-goods spend and share of wallet',
    rationale: 'This segment {traits}, so a bulk-buy discount wins the monthly stock-up from other shops.',
  },
  {
    id: 'loyalty_multiplier',
    name: 'Loyalty points multiplier',
    channel: 'SMS and loyalty app',
    timing: 'A four-week double-points period',
    kpi: 'Visits per customer during and after the offer',
    rationale: 'This segment {traits}, so extra points for each visit encourage them to come more often and spend more.',
  },
  {
    id: 'cross_category',
    name: 'Cross-category introduction offer',
    channel: 'Coupon printed on the receipt',
    timing: 'At their next visits',
    kpi: 'Share of the segment buying in a second category',
    rationale: 'This segment {traits}, so an offer in another category widens what they buy here.',
  },
];

export type CampaignId = (typeof campaigns)[number]['id'];

export interface RuleCondition {
  feature: FeatureName;
  /** At least (`>=`) or at most (`<=`) this many standard deviations from all customers. */
  op: '>=' | '<=';
  z: number;
}

export interface CampaignRule {
  campaign: string;
  /** All must hold. An empty list always holds. */
  when: RuleCondition[];
  /** How the UI explains the rule. */
  because: string;
}

export const campaignRules: readonly CampaignRule[] = [
  { campaign: 'winback', when: [{ feature: 'recencyDays', op: '>=', z: 1 }], because: 'long since their last purchase' },
  { campaign: 'onboarding', when: [{ feature: 'tenureDays', op: '<=', z: -1 }], because: 'customers for a short time' },
  {
    campaign: 'champions',
    when: [
      { feature: 'visits', op: '>=', z: 0.75 },
      { feature: 'totalSpend', op: '>=', z: 0.75 },
      { feature: 'recencyDays', op: '<=', z: -0.25 },
    ],
    because: 'frequent, recent and high-spending',
  },
  {
    campaign: 'vip_luxury',
    when: [
      { feature: 'luxuryShare', op: '>=', z: 1 },
      { feature: 'festiveShare', op: '<=', z: 0.75 },
    ],
    because: 'luxury takes far more of their spend than average, all year round',
  },
  { campaign: 'festive', when: [{ feature: 'festiveShare', op: '>=', z: 0.75 }], because: 'their spending peaks in April and December' },
  { campaign: 'fresh_bundle', when: [{ feature: 'freshShare', op: '>=', z: 1 }], because: 'fresh produce takes far more of their spend than average' },
  { campaign: 'bulk_dry', when: [{ feature: 'dryShare', op: '>=', z: 1 }], because: 'dry goods take far more of their spend than average' },
  { campaign: 'loyalty_multiplier', when: [{ feature: 'visits', op: '<=', z: -0.5 }], because: 'they visit less often than average' },
  { campaign: 'loyalty_multiplier', when: [{ feature: 'totalSpend', op: '<=', z: -0.75 }], because: 'they spend far less with us than average' },
  { campaign: 'cross_category', when: [], because: 'no stronger pattern stands out' },
];

export function campaignById(id: string): Campaign {
  const found = campaigns.find((c) => c.id === id);
  if (!found) throw new RangeError(`No campaign "${id}"`);
  return found;
}

/** The first rule that holds for a segment whose z-scores are `z`; a feature the data lacks never satisfies a condition. */
export function pickCampaign(z: Partial<Record<FeatureName, number>>, rules: readonly CampaignRule[] = campaignRules): CampaignRule {
  for (const rule of rules) {
    if (
      rule.when.every((c) => {
        const v = z[c.feature];
        if (v === undefined || Number.isNaN(v)) return false;
        return c.op === '>=' ? v >= c.z : v <= c.z;
      })
    ) {
      return rule;
    }
  }
  return rules[rules.length - 1] as CampaignRule;
}

// issue 14, money: the same campaigns and rules for data without values (a purchase history without
// prices), in items and visits: no campaign may speak of spend the data does not have.
const itemWords: Record<string, Partial<Pick<Campaign, 'kpi' | 'rationale'>>> = {
  champions: { kpi: 'Retention and items per visit held without discount cost' },
  vip_luxury: {
    kpi: 'Luxury items bought per customer in the segment',
    rationale: 'This segment {traits}, so first access to new luxury ranges rewards that and keeps their luxury buying with us.',
  },
  festive: { kpi: 'Festive-season items bought and pre-order uptake' },
  fresh_bundle: { kpi: 'Visits per month and fresh items bought' },
  bulk_dry: { kpi: 'Dry-goods items bought per month' },
  loyalty_multiplier: { rationale: 'This segment {traits}, so extra points for each visit encourage them to come more often and buy more.' },
};

const itemBecause: Record<string, string> = {
  'frequent, recent and high-spending': 'frequent, recent and buying many items',
  'luxury takes far more of their spend than average, all year round': 'luxury takes far more of their items than average, all year round',
  'their spending peaks in April and December': 'their buying peaks in April and December',
  'fresh produce takes far more of their spend than average': 'fresh produce takes far more of their items than average',
  'dry goods take far more of their spend than average': 'dry goods take far more of their items than average',
  'they spend far less with us than average': 'they buy far fewer items with us than average',
};

/** Items instead of spend: totals are counted in items, the basket in items per visit. */
const itemFeature: Partial<Record<FeatureName, FeatureName>> = { totalSpend: 'totalItems', basketValue: 'itemsPerVisit' };

export const itemCampaignRules: readonly CampaignRule[] = campaignRules.map((rule) => ({
  campaign: rule.campaign,
  when: rule.when.map((c) => ({ ...c, feature: itemFeature[c.feature] ?? c.feature })),
  because: itemBecause[rule.because] ?? rule.because,
}));

/** A campaign in the words of the data's measure. */
export function campaignFor(id: string, measure: Measure): Campaign {
  const campaign = campaignById(id);
  return measure === 'items' ? { ...campaign, ...itemWords[id] } : campaign;
}

/** `pickCampaign` for the data's measure. */
export function pickCampaignFor(z: Partial<Record<FeatureName, number>>, measure: Measure): CampaignRule {
  return pickCampaign(z, measure === 'items' ? itemCampaignRules : campaignRules);
}
