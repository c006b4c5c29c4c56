import { AppError } from '../../shared/errors';
import type { CustomerFiltersInput, RfmOverview, SegmentOverview } from '../../shared/filters';
import type { AppContext } from './context';
import type { FilterReply } from './filters';

export { staleModelNote } from '../domain/filters/views';

/**
 * The dashboard's views under its filters, as the filter thread answers
 * them whole (domain/filters/views.ts): the main process only forwards.
 */

function viewOf<A>(reply: FilterReply<A>): A {
  if (reply.answer === null) throw new AppError('internal', 'The filters could not be applied: the filter thread gave no answer.');
  return reply.answer;
}

/** Every active segment under the filters, with names, traits in the filtered customers' numbers, and campaigns: the one call a filter change makes. */
export async function segmentOverview(ctx: Pick<AppContext, 'filters'>, filters: CustomerFiltersInput): Promise<SegmentOverview> {
  return viewOf(await ctx.filters.overview(filters));
}

/** The ten RFM groups under the dashboard's filters. */
export async function rfmOverview(ctx: Pick<AppContext, 'filters'>, filters: CustomerFiltersInput): Promise<RfmOverview> {
  return viewOf(await ctx.filters.rfm(filters));
}
