/** Small helpers for what forms and messages say. */

/** The first thing wrong with a value, in the schema's own words (the backend checks the same schema). */
export function firstProblem(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error?.issues[0]?.message;
}

/** "1 minute", "15 minutes". */
export const minutes = (n: number): string => (n === 1 ? '1 minute' : `${n} minutes`);
