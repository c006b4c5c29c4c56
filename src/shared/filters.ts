import { z } from 'zod';
import { measures } from './measure';
import { segmentCampaignSchema, segmentTraitSchema } from './segments';

/** The dashboard's filters, as the window sends them. Every one is optional. */
export const customerFiltersSchema = z
  .object({
    /** Inclusive; customers without an age never match an age filter. */
    age: z.object({ min: z.number().int().min(0).max(120), max: z.number().int().min(0).max(120) }).refine((a) => a.min <= a.max, 'age: the lower end must not be above the upper end').optional(),
    /** Bought in this category in the window. */
    category: z.enum(['fresh', 'dry', 'luxury']).optional(),
    /** Spent more in this category than in each of the other two; ties go to the first of fresh, dry, luxury, so every customer with spend in any of them has exactly one. */
    dominantCategory: z.enum(['fresh', 'dry', 'luxury']).optional(),
    /** Last purchase within this many days of the window's end, or between two days (`YYYY-MM-DD`, inclusive). */
    lastPurchase: z
      .union([z.object({ withinDays: z.number().int().min(1).max(3660) }).strict(), z.object({ from: z.iso.date(), to: z.iso.date() }).strict()])
      .optional(),
    /** Bought at any of these outlets in the window. */
    outletIds: z.array(z.number().int().positive()).max(200).optional(),
    gender: z.enum(['F', 'M', 'X']).optional(),
    /** Inclusive, in the chain's currency, over the window; either end may be left open. */
    spend: z
      .object({ min: z.number().min(0).optional(), max: z.number().min(0).optional() })
      .strict()
      .refine((s) => s.min !== undefined || s.max !== undefined, 'spend: give a lower end, an upper end or both')
      .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, 'spend: the lower end must not be above the upper end')
      .optional(),
  })
  .strict();
export type CustomerFiltersInput = z.infer<typeof customerFiltersSchema>;

/** Whether any filter is set (an empty object, or keys left undefined, mean all customers). */
export function hasFilters(filters: CustomerFiltersInput): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}

/** What a card shows for a group of customers under the filters. */
const groupFigures = {
  customers: z.number().int(),
  share: z.number(),
  medianSpend: z.number().nullable(),
  visitsPerMonth: z.number().nullable(),
  medianDaysSinceLastPurchase: z.number().nullable(),
};

/**
 * What the segmented customers' data can be filtered by, unfiltered: a
 * customer-level import has no purchase dates, a till export no ages, and so
 * on. Null or empty means the filter cannot work on this data.
 */
export const filterSupportSchema = z.object({
  /** Youngest and oldest age on record. */
  age: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  /** Earliest and latest last purchase on record (`YYYY-MM-DD`). */
  lastPurchase: z.object({ from: z.iso.date(), to: z.iso.date() }).nullable(),
  /** Whether any customer's outlets are known. */
  outlets: z.boolean(),
  /** Genders on record, in the order F, M, X. */
  genders: z.array(z.enum(['F', 'M', 'X'])),
  /** Highest spend in the window, in the chain's currency. */
  spend: z.object({ max: z.number() }).nullable(),
  // issue 14, money
  /** Items: the data has no values, so spend cannot be filtered and the figures count items bought. */
  measure: z.enum(measures).default('money'),
});
export type FilterSupport = z.infer<typeof filterSupportSchema>;

/** What the filter thread tells the main process of its snapshot: the support above, and customers per model segment and per RFM group before any filter. */
export const snapshotFactsSchema = filterSupportSchema.extend({
  sizes: z.object({ segment: z.array(z.number().int()), rfm: z.array(z.number().int()) }),
});

export const segmentOverviewSchema = z.object({
  modelId: z.number().int().nullable(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** Customers matching the filters, over all segments. */
  customers: z.number().int(),
  /** Segmented customers before any filter. */
  allCustomers: z.number().int(),
  /** The matching customers together: spend in the window (in the chain's currency, in total and per category) and how many outlets they bought at. */
  totals: z.object({ spend: z.number(), fresh: z.number(), dry: z.number(), luxury: z.number(), outlets: z.number().int() }),
  support: filterSupportSchema,
  /** Every segment of the model, largest first by its unfiltered size, so the order holds while filters change. */
  segments: z.array(
    z.object({
      segment: z.number().int(),
      name: z.string(),
      /** Customers in the segment before any filter. */
      allCustomers: z.number().int(),
      ...groupFigures,
      spend: z.object({ fresh: z.number(), dry: z.number(), luxury: z.number() }),
      /** The model's traits, in the numbers of the customers the filters keep (its own words without a filter). */
      traits: z.array(segmentTraitSchema),
      campaign: segmentCampaignSchema,
    }),
  ),
  // issue 14, guard: what the screen says when the data no longer supports the model, or has no dates.
  /** Set when no customer in the data can be placed in the active model's segments: what happened and what to do. */
  modelNote: z.string().nullable().default(null),
  /** The data has no dates (customer-level sales without purchase dates): there is no analysis period. */
  undated: z.boolean().default(false),
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

