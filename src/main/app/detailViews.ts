import { AppError } from '../../shared/errors';
import type { SegmentCustomers, SegmentCustomersQuestion, SegmentDetail } from '../../shared/segmentDetail';
import { hasFilters, type CustomerFiltersInput } from '../../shared/filters';
import type { AppContext } from './context';
import { listSegments } from '../domain/segmentation/store';
import { remeasure } from './overview';
import type { FilterReply } from './filters';

/**
 * The segment detail view's two calls: the figures and spreads, and pages of
 * customers, both from the filter thread; names, traits and the campaign from
 * the model. Asked about a model version that is no longer active (segments
 * found again meanwhile), they say so rather than answer for another segment.
 */

function answerOf<A>(reply: FilterReply<A>, ref: { modelId: number; segment: number }): { answer: A; modelId: number; window: { from: string; to: string } } {
  if (reply.modelId === null || reply.window === null) throw new AppError('not_found', 'There are no segments yet. Find segments first.');
  if (reply.modelId !== ref.modelId) {
    throw new AppError('not_found', 'The segments were found again since this page opened. Go back to the segments to see the new ones.');
  }
  if (reply.answer === null) throw new AppError('not_found', `This model has no segment ${ref.segment + 1}. Go back to the segments.`);
  return { answer: reply.answer, modelId: reply.modelId, window: reply.window };
}

export async function segmentDetail(ctx: AppContext, input: { modelId: number; segment: number; filters: CustomerFiltersInput }): Promise<SegmentDetail> {
  const [reply, figures] = await Promise.all([ctx.filters.detail(input.filters, input.segment), hasFilters(input.filters) ? ctx.filters.traits(input.filters) : null]);
  const { answer, modelId, window } = answerOf(reply, input);
  const described = listSegments(ctx.connection.sqlite, modelId).find((s) => s.segment === input.segment);
  return {
    ...answer,
    modelId,
    window,
    name: described?.name ?? `Segment ${input.segment + 1}`,
    traits: remeasure(described?.traits ?? [], input.segment, figures, window),
    campaign: described?.campaign ?? { id: 'cross_category', because: '', rationale: '' },
  };
}

export async function segmentCustomers(ctx: AppContext, input: SegmentCustomersQuestion): Promise<SegmentCustomers> {
  return answerOf(await ctx.filters.customers(input), input).answer;
}
