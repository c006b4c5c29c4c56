import { formatCount } from '../../../shared/format';
import type { ImportCheck } from '../../../shared/importViews';
import { whichRows } from '../../../shared/rowNotes';
import type { Draft } from './draft';

/** On the check step: a file cut short (refused unless the complete rows are chosen), and the lines that are not data (above the column names, totals, footer, blank). */
export function RowChecks({ check, draft, onDraft }: { check: ImportCheck; draft: Draft; onDraft: (draft: Draft) => void }) {
  const { blank, footer, totals, preamble } = check.skippedLines;
  const lines: string[] = [];
  if (preamble.rows > 0) {
    lines.push(
      `${formatCount(preamble.rows)} ${preamble.rows === 1 ? 'line' : 'lines'} above the column names (${whichRows(preamble)}): skipped as a title or notes. The column names are on line ${formatCount(check.headerRow)}.`,
    );
  }
  if (totals.rows > 0) lines.push(`${formatCount(totals.rows)} totals ${totals.rows === 1 ? 'row' : 'rows'} (${whichRows(totals)}): rejected, as a total is not data.`);
  if (footer.rows > 0) lines.push(`${formatCount(footer.rows)} ${footer.rows === 1 ? 'line' : 'lines'} after the data (${whichRows(footer)}): skipped as a footer.`);
  if (blank.rows > 0) lines.push(`${formatCount(blank.rows)} blank ${blank.rows === 1 ? 'line' : 'lines'} (${whichRows(blank)}): skipped.`);
  if (!check.cut && lines.length === 0) return null;
  return (
    <>
      {check.cut && (
        <section className="card attention" aria-labelledby="file-cut" data-testid="file-cut">
          <h2 id="file-cut">The file seems cut short</h2>
          <p>
            The file seems cut short at line {formatCount(check.cut.row)} (that row {check.cut.reason}). Nothing is imported as it is. Export it
            again, or import the complete rows before the cut.
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.importCompleteRows === true}
              onChange={(e) => onDraft({ ...draft, importCompleteRows: e.target.checked })}
            />
            Import the complete rows before the cut
          </label>
        </section>
      )}
      {lines.length > 0 && (
        <section className="card" aria-labelledby="not-data" data-testid="not-data">
          <h2 id="not-data">Lines that are not data</h2>
          <ul>
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
