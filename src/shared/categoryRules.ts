import { z } from 'zod';
import { categoryCodes } from './domain';
import { cleanText } from './text';

/** The user's own rules: a category or department name in exports, and the sales category it counts as. */
export const categoryRuleListSchema = z.object({
  rules: z.array(z.object({ source: z.string(), category: z.enum(categoryCodes) })),
});
export type CategoryRuleList = z.infer<typeof categoryRuleListSchema>;

export const categoryRuleInputSchema = z
  .object({ source: cleanText('name').min(1, 'Type the name as it appears in the files.').max(200, 'A name can have at most 200 characters.'), category: z.enum(categoryCodes) })
  .strict();
export type CategoryRuleInput = z.infer<typeof categoryRuleInputSchema>;
