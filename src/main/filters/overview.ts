import { AppError } from '../../shared/errors';
import type { CustomerFiltersInput, RfmOverview, SegmentOverview } from '../../shared/filters';
import { rfmSegments } from '../../shared/rfm';
import type { AppContext } from '../app/context';
import { listSegments } from '../segmentation/store';

/** The active segments under the dashboard's filters: counts and KPIs from the filter thread, names, traits and campaigns from the model. */
export async function segmentOverview(ctx: AppContext, filters: CustomerFiltersInput): Promise<SegmentOverview> {
  const reply = await ctx.filters.query(filters);
  if (!reply.ok) throw new AppError('internal', `The filters could not be applied: ${reply.message}`);
  if (reply.modelId === null || reply.answer === null) return { modelId: null, window: null, customers: 0, segments: [] };
  const described = new Map(listSegments(ctx.connection.sqlite, reply.modelId).map((s) => [s.segment, s]));
  const total = reply.answer.customers;
  return {
    modelId: reply.modelId,
    window: reply.window,
    customers: total,
    segments: reply.answer.segments
      .map((s) => {
        const d = described.get(s.segment);
        return {
          ...s,
          name: d?.name ?? `Segment ${s.segment + 1}`,
          share: total > 0 ? s.customers / total : 0,
          traits: d?.traits ?? [],
          campaign: d?.campaign ?? { id: 'cross_category', because: '', rationale: '' },
        };
      })
      .sort((a, b) => b.customers - a.customers || a.segment - b.segment),
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
