/**
 * The standard RFM lens: recency, frequency and monetary quintile scores
 * (5 best) and the ten named segments of the usual recency × frequency
 * grid, each with its customary campaign. The grid is data: each entry
 * lists the recency and frequency scores it covers, checked in order.
 */
export const rfmSegments = [
  { name: 'Champions', r: [5], f: [4, 5], campaign: 'Reward them: early access, no discount needed; ask for reviews and referrals.' },
  { name: 'Loyal', r: [3, 4, 5], f: [4, 5], campaign: 'Upsell dearer ranges; loyalty-tier benefits.' },
  { name: 'Potential Loyalist', r: [4, 5], f: [2, 3], campaign: 'Membership or points offer to build the habit.' },
  { name: 'New', r: [5], f: [1], campaign: 'Onboarding: welcome message and a second-visit offer.' },
  { name: 'Promising', r: [4], f: [1], campaign: 'Brand awareness and a small free-gift offer.' },
  { name: 'Need Attention', r: [3], f: [3], campaign: 'Limited-time offer based on what they bought before.' },
  { name: 'About to Sleep', r: [3], f: [1, 2], campaign: 'Reconnect with popular products and a discount.' },
  { name: "Can't Lose Them", r: [1, 2], f: [5], campaign: 'Win them back personally: call or personal message, their favourite lines.' },
  { name: 'At Risk', r: [1, 2], f: [3, 4], campaign: 'Personal reactivation message and a renewal offer.' },
  { name: 'Hibernating/Lost', r: [1, 2], f: [1, 2], campaign: 'Win-back voucher; otherwise leave them out of paid campaigns.' },
] as const;

export type RfmSegmentName = (typeof rfmSegments)[number]['name'];

export function rfmSegmentOf(r: number, f: number): RfmSegmentName {
  for (const s of rfmSegments) if ((s.r as readonly number[]).includes(r) && (s.f as readonly number[]).includes(f)) return s.name;
  throw new RangeError(`RFM scores out of range: R${r} F${f}`);
}
