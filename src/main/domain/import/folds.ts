import type { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { outletForSpelling } from '../outlets/service';
import { foldReason } from '../../../shared/outletNames';
import type { ImportDecisions } from '../../../shared/imports';
import type { outletFoldSchema } from '../../../shared/importViews';

export type OutletFold = z.infer<typeof outletFoldSchema>;

/**
 * Every spelling of the file that is booked to an outlet of another name,
 * case-only and space-only ones included: README promises that every
 * decision is listed. Call after the outlets are resolved and before this
 * import's decisions are remembered (to tell "as decided before").
 */
export function outletFolds(db: Database, decisions: ImportDecisions, outletIds: Map<string, number | null>): OutletFold[] {
  const folds: OutletFold[] = [];
  for (const [key, writings] of Object.entries(decisions.outletWritings)) {
    const id = outletIds.get(key);
    if (id === null || id === undefined) continue;
    const found = outletForSpelling(db, id, key);
    const outlet = found.name as string;
    const before = found.remembered;
    for (const w of writings) {
      const how = foldReason(w.written, outlet, before);
      if (how !== null) folds.push({ spelling: w.written, outlet, how, rows: w.rows });
    }
  }
  return folds.sort((a, b) => b.rows - a.rows);
}
