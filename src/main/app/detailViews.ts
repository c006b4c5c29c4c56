import { AppError } from '../../shared/errors';
import type { SegmentCustomers, SegmentCustomersQuestion, SegmentDetail } from '../../shared/segmentDetail';
import type { CustomerFiltersInput } from '../../shared/filters';
import type { AppContext } from './context';
import type { FilterReply } from './filters';

/**
 * The segment detail view's two calls: the segment whole (figures, spreads,
 * name, traits, campaign) and pages of its customers, both answered by the
 * filter thread. Asked about a model version that is no longer active
 * (segments found again meanwhile), they say so rather than answer for
 * another segment.
 */

function answerOf<A>(reply: FilterReply<A>, ref: { modelId: number; segment: number }): A {
  if (reply.modelId === null || reply.window === null) throw new AppError('not_found', 'There are no segments yet. Find segments first.');
  if (reply.modelId !== ref.modelId) {
    throw new AppError('not_found', 'The segments were found again since this page opened. Go back to the segments to see the new ones.');
  }
  if (reply.answer === null) throw new AppError('not_found', `This model has no segment ${ref.segment + 1}. Go back to the segments.`);
  return reply.answer;
}

export async function segmentDetail(ctx: Pick<AppContext, 'filters'>, input: { modelId: number; segment: number; filters: CustomerFiltersInput }): Promise<SegmentDetail> {
  return answerOf(await ctx.filters.detail(input.filters, input.segment), input);
}

export async function segmentCustomers(ctx: Pick<AppContext, 'filters'>, input: SegmentCustomersQuestion): Promise<SegmentCustomers> {
  return answerOf(await ctx.filters.customers(input), input);
}
