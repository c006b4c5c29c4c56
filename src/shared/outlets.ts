import { z } from 'zod';
import { cleanText } from './text';

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
    name: cleanText('outlet name').min(1, 'Give the outlet a name.').max(80, 'An outlet name can have at most 80 characters.'),
    city: cleanText('city').max(80, 'A city can have at most 80 characters.'),
    province: cleanText('province').max(80, 'A province can have at most 80 characters.'),
  })
  .strict();
export type OutletInput = z.infer<typeof outletInputSchema>;
