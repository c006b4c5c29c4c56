import type { Measure } from './measure';
import type { Fact } from './segmentFacts';

/**
 * The campaigns the app can suggest, and the rules that pick one for a
 * segment. Both are data: the rules are checked in order and the first whose
 * facts all hold (and whose `unless` facts do not) wins; the last rule
 * always holds. The facts are the segment's own (src/shared/segmentFacts.ts),
 * the same its name is made from, and each rule's reason (`so`) is written
 * for exactly those facts, so the reason cannot contradict the traits. No
 * rule or reason speaks of money: they read as true for data measured in
 * items.
 */

export interface Campaign {
  id: string;
  name: string;
  channel: string;
  timing: string;
  /** What to watch to see whether it worked. */
  kpi: string;
}

export const campaigns: readonly Campaign[] = [
  {
    id: 'winback',
    name: 'Win-back voucher',
    channel: 'SMS with a single-use voucher code',
    timing: 'Now, then a reminder after 14 days',
    kpi: 'Share of the segment who buy again within 30 days',
  },
  {
    id: 'onboarding',
    name: 'New-customer onboarding',
    channel: 'Welcome SMS and loyalty-app message series',
    timing: 'In their first four weeks',
    kpi: 'Second and third visit within 60 days',
  },
  {
    id: 'champions',
    name: 'No-discount recognition for champions',
    channel: 'Personal thank-you message, priority service at the till',
    timing: 'Quarterly',
    kpi: 'Retention and spend held without discount cost',
  },
  {
    id: 'vip_luxury',
    name: 'VIP early access to luxury lines',
    channel: 'Invitation by SMS and email, in-store preview',
    timing: 'Before each new luxury range and before the festive season',
    kpi: 'Luxury spend per customer in the segment',
  },
  {
    id: 'festive',
    name: 'Festive-season pre-orders',
    channel: 'SMS and leaflets, pre-order at the outlet',
    timing: 'Four weeks before Avurudu (April) and before December',
    kpi: 'Festive-season spend and pre-order uptake',
  },
  {
    id: 'fresh_bundle',
    name: 'Fresh-produce weekly bundle',
    channel: 'Loyalty app and shelf-edge offers',
    timing: 'Weekly, on their usual shopping day',
    kpi: 'Visits per month and fresh spend',
  },
  {
    id: 'bulk_dry',
    name: 'Bulk dry-goods discount',
    channel: 'SMS at the start of the month',
    timing: 'Monthly, around payday',
    kpi: 'Dry-goods spend and share of wallet',
  },
  {
    id: 'loyalty_multiplier',
    name: 'Loyalty points multiplier',
    channel: 'SMS and loyalty app',
    timing: 'A four-week double-points period',
    kpi: 'Visits per customer during and after the offer',
  },
  {
    id: 'cross_category',
    name: 'Cross-category introduction offer',
    channel: 'Coupon printed on the receipt',
    timing: 'At their next visits',
    kpi: 'Share of the segment buying in a second category',
  },
];

export type CampaignId = (typeof campaigns)[number]['id'];

export interface CampaignRule {
  campaign: string;
  /** All must hold. An empty list always holds. */
  when: Fact[];
  /** None may hold. */
  unless?: Fact[];
  /** How the UI explains the rule. */
  because: string;
  /** The reason, after "This segment <its leading traits>, so". */
  so: string;
}

export const campaignRules: readonly CampaignRule[] = [
  {
    campaign: 'winback',
    when: ['lapsed'],
    because: 'long since their last purchase',
    so: 'a time-limited voucher gives them a reason to come back before they are lost',
  },
  {
    campaign: 'onboarding',
    when: ['new'],
    because: 'customers for a short time',
    so: 'a welcome series can turn their first visits into a habit',
  },
  {
    campaign: 'champions',
    when: ['frequent', 'high', 'recent'],
    because: 'frequent, recent and among the biggest buyers',
    so: 'recognition keeps them without giving margin away',
  },
  {
    campaign: 'festive',
    when: ['festive'],
    because: 'their buying peaks in April and December',
    so: 'a pre-order offer secures their festive basket early',
  },
  {
    campaign: 'vip_luxury',
    when: ['leansLuxury'],
    because: 'luxury takes far more of what they buy than average, all year round',
    so: 'first access to new luxury ranges rewards that and keeps their luxury buying with us',
  },
  {
    campaign: 'fresh_bundle',
    when: ['leansFresh'],
    because: 'fresh produce takes far more of what they buy than average',
    so: 'a weekly fresh bundle rewards what they come for most and brings them back each week',
  },
  {
    campaign: 'bulk_dry',
    when: ['leansDry'],
    // A bulk offer to people who fill small baskets would misread them.
    unless: ['smallBasket'],
    because: 'dry goods take far more of what they buy than average',
    so: 'a bulk-buy discount wins the monthly stock-up from other shops',
  },
  {
    campaign: 'loyalty_multiplier',
    when: ['lapsing'],
    because: 'longer than most since their last purchase',
    so: 'extra points on their next visits give them a reason to return before they drift away',
  },
  {
    campaign: 'loyalty_multiplier',
    when: ['infrequent'],
    because: 'they visit less often than average',
    so: 'extra points for each visit give them a reason to come more often',
  },
  {
    campaign: 'loyalty_multiplier',
    when: ['low'],
    because: 'they buy far less with us than average',
    so: 'extra points on bigger baskets give them a reason to bring more of their shopping here',
  },
  {
    campaign: 'cross_category',
    when: ['rarelyLuxury'],
    because: 'luxury is a very small part of what they buy',
    so: 'an offer on luxury lines, which they rarely buy here, widens what they buy',
  },
  {
    campaign: 'cross_category',
    when: ['rarelyFresh'],
    because: 'fresh produce is a very small part of what they buy',
    so: 'an offer on fresh produce, which they rarely buy here, widens what they buy',
  },
  {
    campaign: 'cross_category',
    when: ['rarelyDry'],
    because: 'dry goods are a very small part of what they buy',
    so: 'an offer on dry goods, which they rarely buy here, widens what they buy',
  },
  {
    campaign: 'loyalty_multiplier',
    when: ['balanced'],
    because: 'they already buy fresh, dry and luxury alike',
    so: 'extra points on every visit reward the whole basket and keep their whole shop with us',
  },
  {
    campaign: 'loyalty_multiplier',
    when: [],
    because: 'no stronger pattern stands out',
    so: 'extra points on every visit give them a reason to bring more of their shopping to us',
  },
];

export function campaignById(id: string): Campaign {
  const found = campaigns.find((c) => c.id === id);
  if (!found) throw new RangeError(`No campaign "${id}"`);
  return found;
}

/** The first rule that holds for a segment with these facts. */
export function pickCampaign(facts: ReadonlySet<Fact>): CampaignRule {
  const rule = campaignRules.find((r) => r.when.every((f) => facts.has(f)) && !(r.unless ?? []).some((f) => facts.has(f)));
  return rule ?? (campaignRules[campaignRules.length - 1] as CampaignRule);
}

/** The campaign's "why": the segment's leading traits (`lead`, e.g. "puts 84% of spend on fresh produce and …") and the rule's reason. */
export function rationale(rule: CampaignRule, lead: string): string {
  return `This segment ${lead}, so ${rule.so}.`;
}

// issue 14, money: data without values (a purchase history without prices) is measured in items and
// visits; the rules and reasons above already read true for it, but these KPIs would name spend.
const itemKpis: Partial<Record<CampaignId, string>> = {
  champions: 'Retention and items per visit held without discount cost',
  vip_luxury: 'Luxury items bought per customer in the segment',
  festive: 'Festive-season items bought and pre-order uptake',
  fresh_bundle: 'Visits per month and fresh items bought',
  bulk_dry: 'Dry-goods items bought per month',
};

/** A campaign in the words of the data's measure. */
export function campaignFor(id: string, measure: Measure): Campaign {
  const campaign = campaignById(id);
  const kpi = measure === 'items' ? itemKpis[id] : undefined;
  return kpi === undefined ? campaign : { ...campaign, kpi };
}
