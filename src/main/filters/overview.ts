import { AppError } from '../../shared/errors';
import type { CustomerFiltersInput, RfmOverview, SegmentOverview } from '../../shared/filters';
import { rfmSegments } from '../../shared/rfm';
import type { AppContext } from '../app/context';
import { listSegments } from '../segmentation/store';

const noSupport: SegmentOverview['support'] = { age: null, lastPurchase: null, outlets: false, genders: [], spend: null };

/**
 * The active segments under the dashboard's filters: counts and KPIs from the
 * filter thread, names, traits and campaigns from the model. Every segment
 * stays in the answer, in the order of its unfiltered size: a card keeps its
 * place while the filters change, so the eye can follow it.
 */
export async function segmentOverview(ctx: AppContext, filters: CustomerFiltersInput): Promise<SegmentOverview> {
  const reply = await ctx.filters.query(filters);
  if (!reply.ok) throw new AppError('internal', `The filters could not be applied: ${reply.message}`);
  if (reply.modelId === null || reply.answer === null || reply.facts === null) {
    return { modelId: null, window: null, customers: 0, allCustomers: 0, totals: { spend: 0, fresh: 0, dry: 0, luxury: 0, outlets: 0 }, support: noSupport, segments: [] };
  }
  const described = new Map(listSegments(ctx.connection.sqlite, reply.modelId).map((s) => [s.segment, s]));
  const total = reply.answer.customers;
  const { sizes, ...support } = reply.facts;
  return {
    modelId: reply.modelId,
    window: reply.window,
    customers: total,
    allCustomers: sizes.segment.reduce((a, b) => a + b, 0),
    totals: reply.answer.totals,
    support,
    segments: reply.answer.segments
      .map((s) => {
        const d = described.get(s.segment);
        return {
          ...s,
          name: d?.name ?? `Segment ${s.segment + 1}`,
          allCustomers: sizes.segment[s.segment] ?? 0,
          share: total > 0 ? s.customers / total : 0,
          traits: d?.traits ?? [],
          campaign: d?.campaign ?? { id: 'cross_category', because: '', rationale: '' },
        };
      })
      .sort((a, b) => b.allCustomers - a.allCustomers || a.segment - b.segment),
  };
}

/** The ten RFM groups under the dashboard's filters. */
export async function rfmOverview(ctx: AppContext, filters: CustomerFiltersInput): Promise<RfmOverview> {
  const reply = await ctx.filters.query(filters, 'rfm');
  if (!reply.ok) throw new AppError('internal', `The filters could not be applied: ${reply.message}`);
  if (reply.modelId === null || reply.answer === null) return { modelId: null, customers: 0, groups: [] };
  const total = reply.answer.customers;
  return {
    modelId: reply.modelId,
    customers: total,
    groups: reply.answer.segments.map((g, i) => ({
      name: rfmSegments[i]?.name ?? `Group ${i + 1}`,
      customers: g.customers,
      share: total > 0 ? g.customers / total : 0,
      medianSpend: g.medianSpend,
      visitsPerMonth: g.visitsPerMonth,
      medianDaysSinceLastPurchase: g.medianDaysSinceLastPurchase,
      campaign: rfmSegments[i]?.campaign ?? '',
    })),
  };
}
