import { z } from 'zod';
import { customerFiltersSchema } from './filters';
import { measures } from './measure';
import { segmentCampaignSchema, segmentTraitSchema } from './segments';

/** One segment of the active model under the dashboard's filters: what the detail view shows. */

/** Which segment, of which model version (a newer model makes the question stale), under which filters. */
export const segmentRefSchema = z
  .object({
    modelId: z.number().int().positive(),
    segment: z.number().int().min(0).max(63),
    filters: customerFiltersSchema.default({}),
  })
  .strict();
export type SegmentRef = z.input<typeof segmentRefSchema>;

/**
 * Customers in a band of a measure, in the segment and among all customers
 * matching the filters. The band is `min` (inclusive) to `max` (exclusive);
 * a null end is open; both null is the band of customers the data cannot place.
 */
const bandSchema = z.object({
  min: z.number().nullable(),
  max: z.number().nullable(),
  customers: z.number().int().nonnegative(),
  allCustomers: z.number().int().nonnegative(),
});
export type Band = z.infer<typeof bandSchema>;

const categorySpendSchema = z.object({ fresh: z.number(), dry: z.number(), luxury: z.number() });

export const segmentDetailSchema = z.object({
  modelId: z.number().int(),
  window: z.object({ from: z.string(), to: z.string() }),
  segment: z.number().int(),
  name: z.string(),
  /** Customers of the segment matching the filters. */
  customers: z.number().int().nonnegative(),
  /** Customers of every segment matching the filters. */
  allCustomers: z.number().int().nonnegative(),
  share: z.number(),
  medianSpend: z.number().nullable(),
  visitsPerMonth: z.number().nullable(),
  medianDaysSinceLastPurchase: z.number().nullable(),
  traits: z.array(segmentTraitSchema),
  campaign: segmentCampaignSchema,
  /** Spend in the window per category, in the chain's currency: the segment's and all matching customers'. */
  categorySpend: z.object({ segment: categorySpendSchema, all: categorySpendSchema }),
  /** Spend in the window, in the chain's currency. */
  spend: z.array(bandSchema),
  /** Visits a month over the window. */
  visitsPerMonthBands: z.array(bandSchema),
  /** Age in years; the last band is unknown ages. */
  age: z.array(bandSchema),
  /** Customers who bought at each outlet in the window (one customer counts at each outlet used), most first. */
  outlets: z.object({
    top: z.array(z.object({ outletId: z.number().int(), name: z.string(), customers: z.number().int(), allCustomers: z.number().int() })),
    /** Outlets at least one of the segment's customers bought at. */
    used: z.number().int(),
  }),
  // issue 14, money: 'items' when the data has no values; the spend figures above then count items bought.
  measure: z.enum(measures).default('money'),
});
export type SegmentDetail = z.infer<typeof segmentDetailSchema>;

export const customerSortColumns = ['code', 'age', 'gender', 'spend', 'visits', 'lastPurchase', 'outlets'] as const;
export type CustomerSortColumn = (typeof customerSortColumns)[number];

export const customerSortSchema = z.object({ column: z.enum(customerSortColumns), direction: z.enum(['asc', 'desc']) }).strict();
export type CustomerSort = z.infer<typeof customerSortSchema>;

/** A page of the segment's customers under the filters, sorted, optionally narrowed by part of the customer code. */
export const segmentCustomersInputSchema = segmentRefSchema
  .extend({
    sort: customerSortSchema.default({ column: 'spend', direction: 'desc' }),
    search: z.string().trim().max(100).default(''),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type SegmentCustomersInput = z.input<typeof segmentCustomersInputSchema>;
export type SegmentCustomersQuestion = z.output<typeof segmentCustomersInputSchema>;

export const customerRowSchema = z.object({
  customerId: z.number().int(),
  code: z.string(),
  age: z.number().int().nullable(),
  gender: z.enum(['F', 'M', 'X']).nullable(),
  /** Spend in the window, in the chain's currency. */
  spend: z.number(),
  /** Visits in the window. */
  visits: z.number().int().nullable(),
  /** `YYYY-MM-DD`. */
  lastPurchase: z.string().nullable(),
  /** Outlets bought at in the window. */
  outlets: z.number().int().nonnegative(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const segmentCustomersSchema = z.object({
  /** Rows matching the search (all of the segment's matching customers when there is none). */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(customerRowSchema),
  // issue 14, money: 'items' when the rows' spend counts items bought.
  measure: z.enum(measures).default('money'),
});
export type SegmentCustomers = z.infer<typeof segmentCustomersSchema>;
