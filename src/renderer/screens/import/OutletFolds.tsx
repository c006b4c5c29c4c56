import { formatCount } from '../../../shared/format';
import type { OutletDecision } from '../../../shared/imports';
import type { ImportCheck } from '../../../shared/importViews';
import { foldReason } from '../../../shared/outletNames';

export interface Fold {
  spelling: string;
  outlet: string;
  how: string;
  rows: number;
}

/**
 * The folds the current decisions make: every writing in the file that ends
 * in an outlet of another name, even by capitals or spaces alone.
 */
export function draftFolds(check: ImportCheck, outlets: Record<string, OutletDecision>): Fold[] {
  const names = new Map(check.canonicalOutlets.map((c) => [c.id, c.name]));
  const folds: Fold[] = [];
  for (const o of check.outlets) {
    const d = outlets[o.key];
    const outlet = d?.kind === 'outlet' ? names.get(d.outletId) : d?.kind === 'new' ? d.name.trim().replace(/\s+/g, ' ') : undefined;
    if (!outlet) continue;
    const remembered = o.remembered !== null && o.remembered !== 'rejected' && d?.kind === 'outlet' && o.remembered.outletId === d.outletId;
    for (const w of o.writings) {
      const how = foldReason(w.written, outlet, remembered);
      if (how !== null) folds.push({ spelling: w.written, outlet, how, rows: w.rows });
    }
  }
  return folds.sort((a, b) => b.rows - a.rows);
}

/** The folds as a list: on the check screen before the import, in the summary after it. */
export function OutletFolds({ folds, heading }: { folds: Fold[]; heading: string }) {
  if (folds.length === 0) return null;
  return (
    <details className="outlet-folds" open={folds.length <= 8}>
      <summary>
        {heading} ({formatCount(folds.length)})
      </summary>
      <ul aria-label={heading}>
        {folds.map((f) => (
          <li key={`${f.spelling}\u0001${f.outlet}`}>
            <span className="file-value">“{f.spelling}”</span> → {f.outlet} <span className="muted">({f.how}, {formatCount(f.rows)} {f.rows === 1 ? 'row' : 'rows'})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
