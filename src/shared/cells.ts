/**
 * Text cells as spreadsheets read them. Excel, LibreOffice and Google Sheets
 * take a cell that starts with = + - @ (or a tab or carriage return before
 * one) for a formula: "-1+cmd|' /C calc'!A0" in a rejected-rows CSV would
 * run when the file is opened. Such a cell gets a leading apostrophe, which
 * the spreadsheet shows and never evaluates; a cell that is a whole number
 * ("-12.5", "+3", "1e5", "-1,200") is left as it is.
 */

const formulaStart = /^[=+\-@\t\r]/;
const wholeNumber = /^[+-]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** Whether a spreadsheet would read `text` as a formula (and not as a plain number). */
export function looksLikeFormula(text: string): boolean {
  return formulaStart.test(text) && !wholeNumber.test(text);
}

/** `text` as a cell no spreadsheet evaluates. */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** One comma-separated field: never a formula, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
