import { z } from 'zod';

/** The outlet list in Settings. */
export const outletListSchema = z.object({
  outlets: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      city: z.string(),
      province: z.string(),
      salesLines: z.number().int().nonnegative(),
      customers: z.number().int().nonnegative(),
      /** Spellings seen in imported files that the user confirmed as this outlet. */
      spellings: z.array(z.string()),
      // issue 14, places: filled in for a known town an import added.
      district: z.string().nullable(),
    }),
  ),
});
export type OutletList = z.infer<typeof outletListSchema>;

export const outletInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the outlet a name.').max(80),
    city: z.string().trim().max(80),
    province: z.string().trim().max(80),
  })
  .strict();
export type OutletInput = z.infer<typeof outletInputSchema>;
