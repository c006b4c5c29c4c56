import { z } from 'zod';
import { segmentCampaignSchema, segmentTraitSchema } from './segments';

/** The dashboard's filters, as the window sends them. Every one is optional. */
export const customerFiltersSchema = z
  .object({
    age: z.object({ min: z.number().int().min(0).max(120), max: z.number().int().min(0).max(120) }).refine((a) => a.min <= a.max, 'age: the lower end must not be above the upper end').optional(),
    category: z.enum(['fresh', 'dry', 'luxury']).optional(),
    lastPurchase: z
      .union([z.object({ withinDays: z.number().int().min(1).max(3660) }).strict(), z.object({ from: z.iso.date(), to: z.iso.date() }).strict()])
      .optional(),
    outletIds: z.array(z.number().int().positive()).max(200).optional(),
    gender: z.enum(['F', 'M', 'X']).optional(),
    spend: z.object({ min: z.number().min(0), max: z.number().min(0) }).refine((s) => s.min <= s.max, 'spend: the lower end must not be above the upper end').optional(),
  })
  .strict();
export type CustomerFiltersInput = z.infer<typeof customerFiltersSchema>;

/** What a card shows for a group of customers under the filters. */
const groupFigures = {
  customers: z.number().int(),
  share: z.number(),
  medianSpend: z.number().nullable(),
  visitsPerMonth: z.number().nullable(),
  medianDaysSinceLastPurchase: z.number().nullable(),
};

export const segmentOverviewSchema = z.object({
  modelId: z.number().int().nullable(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** Customers matching the filters, over all segments. */
  customers: z.number().int(),
  segments: z.array(
    z.object({
      segment: z.number().int(),
      name: z.string(),
      ...groupFigures,
      spend: z.object({ fresh: z.number(), dry: z.number(), luxury: z.number() }),
      traits: z.array(segmentTraitSchema),
      campaign: segmentCampaignSchema,
    }),
  ),
});
export type SegmentOverview = z.infer<typeof segmentOverviewSchema>;

/** The RFM lens under the same filters: the ten standard groups, in their usual order. */
export const rfmOverviewSchema = z.object({
  modelId: z.number().int().nullable(),
  customers: z.number().int(),
  groups: z.array(
    z.object({
      name: z.string(),
      ...groupFigures,
      campaign: z.string(),
    }),
  ),
});
export type RfmOverview = z.infer<typeof rfmOverviewSchema>;
