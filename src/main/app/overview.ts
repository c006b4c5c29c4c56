import { hasFilters, type CustomerFiltersInput, type RfmOverview, type SegmentOverview, type SegmentTraitsView } from '../../shared/filters';
import { rfmSegments } from '../../shared/rfm';
import type { AppContext } from './context';
import type { SegmentTrait } from '../../shared/segments';
import { activeModel, listSegments } from '../domain/segmentation/store';
import { dataWithoutDates } from '../domain/features/customerFeatures';
import type { FilterReply } from './filters';
import { traitsUnderFilters, type TraitFiguresAnswer } from '../domain/filters/traits';

/** The model's traits of `segment`, in the filtered customers' numbers when `figures` has them. */
export function remeasure(traits: SegmentTrait[], segment: number, figures: FilterReply<TraitFiguresAnswer> | null, window: { from: string; to: string }): SegmentTrait[] {
  if (!figures?.answer) return traits;
  return traitsUnderFilters(traits, figures.answer.segments[segment] ?? null, figures.answer.all, window, figures.answer.measure);
}

const noSupport: SegmentOverview['support'] = { age: null, lastPurchase: null, outlets: false, genders: [], spend: null, measure: 'money' };

/**
 * The active segments under the dashboard's filters: counts and KPIs from the
 * filter thread, names, traits and campaigns from the model. Every segment
 * stays in the answer, in the order of its unfiltered size: a card keeps its
 * place while the filters change, so the eye can follow it.
 */
export async function segmentOverview(ctx: AppContext, filters: CustomerFiltersInput): Promise<SegmentOverview> {
  const reply = await ctx.filters.query(filters);
  if (reply.modelId === null || reply.answer === null || reply.facts === null || reply.window === null) {
    return { modelId: null, window: null, customers: 0, allCustomers: 0, totals: { spend: 0, fresh: 0, dry: 0, luxury: 0, outlets: 0 }, support: noSupport, segments: [], modelNote: null, undated: false };
  }
  const described = new Map(listSegments(ctx.connection.sqlite, reply.modelId).map((s) => [s.segment, s]));
  const total = reply.answer.customers;
  const window = reply.window;
  const { sizes, ...support } = reply.facts;
  const allCustomers = sizes.segment.reduce((a, b) => a + b, 0);
  return {
    modelId: reply.modelId,
    window,
    customers: total,
    allCustomers,
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
          // The model's words; getSegmentTraits measures them again under the filters (a second, slower question).
          traits: d?.traits ?? [],
          campaign: d?.campaign ?? { id: 'cross_category', because: '', rationale: '' },
        };
      })
      .sort((a, b) => b.allCustomers - a.allCustomers || a.segment - b.segment),
    modelNote: allCustomers === 0 ? staleModelNote : null,
    undated: dataWithoutDates(ctx.connection.sqlite),
  };
}

/** The model was trained on customers no longer in the data (the demo data removed, say), and none of the data now can be placed. */
export const staleModelNote =
  'These segments were found in data that is no longer here, and no customer in the data now can be placed in them (the demo data was removed, or the sales imported have no customer ids). The segments stay listed. Import sales with customer ids, then choose Find segments.';

/**
 * Each segment's traits in the numbers of the customers the filters keep.
 * Asked apart from the overview: measuring eight features again over every
 * matching customer costs more than the counts, which should not wait for it.
 */
export async function segmentTraits(ctx: AppContext, filters: CustomerFiltersInput): Promise<SegmentTraitsView> {
  const model = activeModel(ctx.connection.sqlite);
  if (!model) return { modelId: null, segments: [] };
  const described = listSegments(ctx.connection.sqlite, model.id);
  const figures = hasFilters(filters) ? await ctx.filters.traits(filters) : null;
  // The thread answers for the model it holds: if that changed meanwhile, the model's own words.
  const current = figures && figures.modelId === model.id ? figures : null;
  return { modelId: model.id, segments: described.map((d) => ({ segment: d.segment, traits: remeasure(d.traits, d.segment, current, model.window) })) };
}

/** The ten RFM groups under the dashboard's filters. */
export async function rfmOverview(ctx: AppContext, filters: CustomerFiltersInput): Promise<RfmOverview> {
  const reply = await ctx.filters.query(filters, 'rfm');
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
