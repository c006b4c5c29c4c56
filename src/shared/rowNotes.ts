import { formatCount } from './format';

/** Lines of a file that are not data: how many, and the first few row numbers. */
export interface LineList {
  rows: number;
  first: number[];
}

export interface RowNotesInput {
  /** `preamble`: lines above the column names (a title, a date line, Excel's sep=); older summaries have none. */
  skippedLines: { blank: LineList; footer: LineList; preamble?: LineList | undefined };
  totalsRows: LineList;
  cutRow: { row: number; reason: string } | null;
  emptyCells: Array<{ column: string; rows: number; readAs: string }>;
  unreadableCells: Array<{ column: string; rows: number }>;
}

function rows(n: number, word = 'row'): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** "rows 5, 9 and 12", "rows 5, 9, 12, 15, 20 and 3 more". */
export function whichRows(list: LineList): string {
  const shown = list.first.map(formatCount);
  const more = list.rows - list.first.length;
  if (shown.length === 1 && more === 0) return `row ${shown[0]}`;
  if (more > 0) return `rows ${shown.join(', ')} and ${formatCount(more)} more`;
  return `rows ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Lines skipped, rows set aside and cells read as 0 or unknown, in the words the summary and the command line both use. */
export function rowNotes(s: RowNotesInput): string[] {
  const notes: string[] = [];
  if (s.cutRow) {
    notes.push(`The file is cut short at line ${formatCount(s.cutRow.row)}: that row was left out (counted as rejected), and the complete rows before it were imported.`);
  }
  if (s.totalsRows.rows > 0) notes.push(`${rows(s.totalsRows.rows, 'totals row')} rejected (${whichRows(s.totalsRows)}): a total is not data.`);
  for (const e of s.emptyCells) notes.push(`${e.column} empty in ${rows(e.rows)}: read as ${e.readAs}.`);
  for (const u of s.unreadableCells) {
    notes.push(`${u.column} could not be read in ${rows(u.rows)}: kept as unknown, not 0; the customers are kept (the cells are listed in the import report).`);
  }
  const { blank, footer, preamble } = s.skippedLines;
  if (preamble && preamble.rows > 0) notes.push(`${rows(preamble.rows, 'line')} above the column names skipped (${whichRows(preamble)}): a title or notes, not data.`);
  if (blank.rows > 0) notes.push(`${rows(blank.rows, 'blank line')} skipped (${whichRows(blank)}).`);
  if (footer.rows > 0) notes.push(`${rows(footer.rows, 'line')} after the data skipped as a footer (${whichRows(footer)}).`);
  return notes;
}

