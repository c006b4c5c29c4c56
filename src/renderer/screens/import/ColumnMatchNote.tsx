import type { ImportCheck } from '../../../shared/importViews';

/**
 * Under a column's drop-down: which field it was taken as, how sure and why
 * ("Outlet ← store_city · 90% · outlet named with a qualifier: city"), so a
 * person can judge the guess before trusting it. The drop-down still decides.
 */
export function ColumnMatchNote({ check, column }: { check: ImportCheck; column: number }) {
  const match = check.columnMatches.find((m) => m.column === column);
  if (!match) return null;
  const label = check.shapes.find((s) => s.shape === check.shape)?.fields.find((f) => f.key === match.field)?.label ?? match.field;
  const rivals = check.ambiguousColumns.find((a) => a.field === match.field && a.columns[0] === match.header)?.columns.slice(1) ?? [];
  return (
    <div className="muted column-match" title={match.reason}>
      {label} ← {match.header} · {Math.round(match.confidence * 100)}% · {match.reason}
      {rivals.length > 0 && (
        <div role="note" className="error-text">
          {rivals.map((r) => `“${r}”`).join(', ')} looks just as likely: check which is the {label}.
        </div>
      )}
    </div>
  );
}
