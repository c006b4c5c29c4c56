import { z } from 'zod';
import { featureNames } from './features';
import { measures } from './measure';

/** Segments as the window, the CLI and the workers see them. */

const featureValues = z.partialRecord(z.enum(featureNames), z.number());

export const segmentProfileSchema = z.object({
  customers: z.number().int().nonnegative(),
  share: z.number(),
  /** Per feature (money in the chain's currency, days, counts, shares 0..1). */
  mean: featureValues,
  median: featureValues,
  topOutlets: z.array(z.object({ outletId: z.number().int(), name: z.string(), share: z.number() })),
  ageBands: z.array(z.object({ band: z.string(), customers: z.number().int().nonnegative() })),
});
export type SegmentProfile = z.infer<typeof segmentProfileSchema>;

export const segmentTraitSchema = z.object({
  /** A feature name, or 'outlets' / 'none'. */
  feature: z.string(),
  /** Standard deviations from all customers (0 for the outlet trait). */
  z: z.number(),
  text: z.string(),
});
export type SegmentTrait = z.infer<typeof segmentTraitSchema>;

export const segmentCampaignSchema = z.object({
  id: z.string(),
  /** The rule that chose it, in words. */
  because: z.string(),
  rationale: z.string(),
});
export type SegmentCampaign = z.infer<typeof segmentCampaignSchema>;

export const segmentViewSchema = z.object({
  segment: z.number().int().nonnegative(),
  name: z.string(),
  namedBy: z.enum(['generated', 'user', 'carried']),
  customers: z.number().int().nonnegative(),
  profile: segmentProfileSchema,
  traits: z.array(segmentTraitSchema),
  campaign: segmentCampaignSchema,
});
export type SegmentView = z.infer<typeof segmentViewSchema>;

export const kCandidateSchema = z.object({
  k: z.number().int(),
  /** Mean silhouette on a sample: higher is better. */
  silhouette: z.number(),
  /** Davies–Bouldin index: lower is better. */
  daviesBouldin: z.number(),
});

export const qualityReportSchema = z.object({
  silhouette: z.number(),
  daviesBouldin: z.number(),
  calinskiHarabasz: z.number(),
  /** Mean Jaccard similarity of each segment over bootstrap resamples (1 = always found again). */
  stability: z.object({ mean: z.number(), perSegment: z.array(z.number()), resamples: z.number().int() }),
  network: z.object({ accuracy: z.number(), macroF1: z.number(), trainedOn: z.number().int(), heldOut: z.number().int(), epochs: z.number().int() }),
  kChoice: z.object({ chosen: z.number().int(), fixedByUser: z.boolean(), reason: z.string(), candidates: z.array(kCandidateSchema) }),
  inertia: z.number(),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

export const modelVersionViewSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  k: z.number().int(),
  labelsFrom: z.enum(['kmeans', 'import']),
  customers: z.number().int(),
  active: z.boolean(),
  quality: qualityReportSchema,
  timings: z.record(z.string(), z.number()),
  previousId: z.number().int().nullable(),
  /** Customers from each segment of the previous version (rows; the last row is "not segmented before") to each new segment (columns). */
  transitions: z
    .object({ from: z.array(z.string()), to: z.array(z.string()), counts: z.array(z.array(z.number().int())) })
    .nullable(),
  // issue 14, money: what the version measured customers by.
  measure: z.enum(measures).default('money'),
});
export type ModelVersionView = z.infer<typeof modelVersionViewSchema>;

export const segmentInputSchema = z
  .object({
    /** Fixed number of segments, or null to choose 3..10 by silhouette and Davies–Bouldin. */
    k: z.number().int().min(2).max(12).nullable().default(null),
    window: z.object({ from: z.iso.date(), to: z.iso.date() }).nullable().default(null),
    /** Train the network on an imported segment label column instead of k-means segments. */
    labelsFrom: z.enum(['kmeans', 'import']).default('kmeans'),
    seed: z.number().int().nonnegative().default(20_261_101),
  })
  .strict();
export type SegmentInput = z.input<typeof segmentInputSchema>;

export const trainSummarySchema = z.object({
  modelId: z.number().int(),
  previousId: z.number().int().nullable(),
  k: z.number().int(),
  customers: z.number().int(),
  window: z.object({ from: z.string(), to: z.string() }),
  labelsFrom: z.enum(['kmeans', 'import']),
  quality: qualityReportSchema,
  /** Seconds per step. */
  timings: z.record(z.string(), z.number()),
  segments: z.array(z.object({ segment: z.number().int(), name: z.string(), customers: z.number().int(), campaign: z.string() })),
  // issue 14, money
  measure: z.enum(measures).default('money'),
});
export type TrainSummaryView = z.infer<typeof trainSummarySchema>;

export const driftReportSchema = z.object({
  modelId: z.number().int(),
  measuredAt: z.string(),
  customers: z.number().int(),
  /** PSI per model feature, largest first. */
  features: z.array(z.object({ feature: z.string(), psi: z.number() })),
  segments: z.array(z.object({ segment: z.number().int(), then: z.number(), now: z.number() })),
  /** Customers segmented before and now whose segment changed, as a share of those. */
  moved: z.object({ customers: z.number().int(), share: z.number(), compared: z.number().int() }),
  retrainRecommended: z.boolean(),
  reasons: z.array(z.string()),
});
export type DriftReportView = z.infer<typeof driftReportSchema>;

export const segmentListSchema = z.object({
  modelId: z.number().int().nullable(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  customers: z.number().int(),
  segments: z.array(segmentViewSchema),
  drift: driftReportSchema.nullable(),
  // issue 14, money: items and visits instead of LKR when the data has no values.
  measure: z.enum(measures).default('money'),
});
export type SegmentList = z.infer<typeof segmentListSchema>;

export const rfmSummarySchema = z.object({
  customers: z.number().int(),
  /** Customers the data cannot score (no dates or visits). */
  unscored: z.number().int(),
  segments: z.array(z.object({ name: z.string(), customers: z.number().int(), share: z.number(), campaign: z.string() })),
  /** Customers per recency (rows, 5 first) × frequency (columns, 1 first) score. */
  grid: z.array(z.array(z.number().int())),
});
export type RfmSummary = z.infer<typeof rfmSummarySchema>;
