import type { ImportSummaryView } from '../../../shared/importViews';
import { rowNotes } from '../../../shared/rowNotes';

/** In the summary: lines skipped, totals rows, and cells read as 0 or unknown, so none of them is silent. */
export function RowNotesView({ summary }: { summary: ImportSummaryView }) {
  const notes = rowNotes(summary);
  if (notes.length === 0) return null;
  return (
    <section className="card" aria-labelledby="row-notes" data-testid="row-notes">
      <h2 id="row-notes">Lines and cells to know about</h2>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
