import type { ImportDecisions } from '../../../shared/imports';
import type { LineList } from '../../../shared/rowNotes';
import type { OutletFold } from './folds';
import type { CutRow } from './rowSieve';

/** What an import did, row by row: the import job's result, read by the window, the CLI and the audit log. */
export interface ImportSummary {
  importId: number | null;
  file: string;
  shape: ImportDecisions['shape'];
  /** True when the same file had been imported before and the user chose to skip it. */
  skipped: boolean;
  replacedImportId: number | null;
  /** True when the demo data was in the database and this import of the user's own data removed it. */
  demoRemoved: boolean;
  rowsRead: number;
  imported: number;
  duplicatesInFile: number;
  alreadyImported: number;
  rejected: number;
  rejectedByReason: Array<{ reason: string; rows: number }>;
  /** Of the imported lines: */
  returns: number;
  cancellations: number;
  anonymous: number;
  customersNew: number;
  customersUpdated: number;
  /** Product catalogues: products added, and products already known that the file updated. */
  productsNew: number;
  productsUpdated: number;
  firstSale: string | null;
  lastSale: string | null;
  outletsAdded: string[];
  categoriesOther: Array<{ source: string; rows: number }>;
  /** Rejected rows kept in the import report (the first 100,000). */
  errorsStored: number;
  // issue 14, places: every spelling booked to an outlet of another name, and why.
  outletFolds: OutletFold[];
  // issue 14, guard: the demo data was in the database and this import left it there (not chosen to remove).
  demoKept: boolean;
  // issue 14, rows: lines skipped as not data (blank, footer, and above the header), totals rows (rejected), the cut last row left out, and cells read as 0 or unknown.
  skippedLines: { blank: LineList; footer: LineList; preamble: LineList };
  totalsRows: LineList;
  /** The last row, when the file stopped inside it and the complete rows before it were imported. */
  cutRow: CutRow | null;
  /** Empty numeric cells, per column: how many rows, and what they were read as. */
  emptyCells: Array<{ column: string; rows: number; readAs: string }>;
  /** Amounts that could not be read in rows kept without them (customer-level files), per column; listed in the report. */
  unreadableCells: Array<{ column: string; rows: number }>;
  // issue 14, money: a sales file without prices or amounts.
  /** The file had no unit price and no line amount: its lines are items and visits, without value. */
  noValue: boolean;
  /** Of such a file's imported lines: still without a value, and valued at catalogue prices (when asked). */
  unvalued: number;
  valuedAtCatalogue: number;
}
