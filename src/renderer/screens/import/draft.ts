import { formatCount } from '../../../shared/format';
import type { OutletDecision } from '../../../shared/imports';
import type { ImportCheck, StartImportInput } from '../../../shared/importViews';
import { firstInvisible } from '../../../shared/text';

/** The decisions being made on screen: everything the import needs but the file's id. */
export type Draft = Omit<StartImportInput, 'fileId'>;

/** The shapes whose every line (or customer) needs an outlet: without an outlet column, one is chosen for the whole file. */
export function needsDefaultOutlet(check: ImportCheck): boolean {
  return (check.shape === 'salesLines' || check.shape === 'customerSpend') && (check.mapping.outlet ?? null) === null;
}

/** The fields still without a column; the outlet is not one when the whole file goes to one outlet. */
export function missingColumns(check: ImportCheck): string[] {
  return needsDefaultOutlet(check) ? check.missing.filter((m) => m !== 'Outlet') : check.missing;
}

/**
 * First decisions for a checked file: what was decided before, else a match
 * taken without asking (the same name, a known town, a one-letter typo), else
 * a new outlet: a similar spelling is only offered, never chosen for the
 * user, as it may be another town. After a re-check, the user's own choices
 * that still apply are kept.
 */
export function draftDecisions(check: ImportCheck, carried?: Draft): Draft {
  const outlets: Record<string, OutletDecision> = {};
  for (const o of check.outlets) {
    const kept = carried?.outlets[o.key];
    outlets[o.key] =
      kept ??
      (o.remembered === 'rejected'
        ? { kind: 'reject' }
        : o.remembered
          ? { kind: 'outlet', outletId: o.remembered.outletId }
          : o.suggestion?.automatic
            ? suggested(o.suggestion)
            : { kind: 'new', name: o.newName });
  }
  const categories: Draft['categories'] = {};
  for (const c of check.categories) categories[c.key] = carried?.categories[c.key] ?? c.category;
  return {
    encoding: check.encoding,
    delimiter: check.delimiter,
    sheet: check.sheet,
    shape: check.shape,
    mapping: check.mapping,
    contentHash: check.contentHash,
    dateOrder: check.dates.order ?? (check.dates.needsDecision ? (carried?.dateOrder ?? null) : null),
    outlets,
    defaultOutlet: needsDefaultOutlet(check) ? (carried?.defaultOutlet ?? { kind: 'new', name: 'Unspecified outlet' }) : null,
    categories,
    ifImported: check.previousImport ? (carried?.ifImported ?? 'ask') : 'ask',
    mappingName: carried?.mappingName ?? null,
    remember: carried?.remember ?? true,
    outletWritings: Object.fromEntries(check.outlets.map((o) => [o.key, o.writings])),
    // issue 14, guard: the demo goes only when the file brings customers to take its place; odd amounts are asked about again after a re-check.
    removeDemo: carried?.removeDemo ?? hasCustomers(check),
    amountsConfirmed: false,
    importCompleteRows: check.cut ? (carried?.importCompleteRows ?? false) : false,
  };
}

/** The decision that takes a suggestion: its outlet, or a new one for a known town that has none yet. */
export function suggested(s: NonNullable<ImportCheck['outlets'][number]['suggestion']>): OutletDecision {
  return s.outletId === null ? { kind: 'new', name: s.name } : { kind: 'outlet', outletId: s.outletId };
}

/** Whether the file names customers (a sales file of anonymous lines cannot make segments). */
export function hasCustomers(check: ImportCheck): boolean {
  return check.customers.rowsWithCustomer > 0;
}

/** What the user must still settle before the import can start, in words. */
export function blockers(check: ImportCheck, draft: Draft): string[] {
  const out: string[] = [];
  const missing = missingColumns(check);
  if (missing.length > 0) out.push(`Choose the column that holds the ${missing.join(', and the ')}.`);
  if (check.dates.needsDecision && draft.dateOrder === null) out.push(`Say whether dates such as ${check.dates.example ?? 'these'} are day/month or month/day.`);
  if (check.amounts?.question && draft.amountsConfirmed !== true) out.push('Say whether the amounts are right (see “Amounts look …” above).');
  if (check.previousImport && draft.ifImported === 'ask') out.push('This file was imported before: choose to skip it or to replace the earlier import.');
  const unnamed = Object.values(draft.outlets).some((d) => d.kind === 'new' && d.name.trim() === '');
  if (check.cut && !draft.importCompleteRows) {
    out.push(`The file seems cut short at line ${formatCount(check.cut.row)}: export it again, or tick “Import the complete rows before the cut”.`);
  }
  if (unnamed || (draft.defaultOutlet?.kind === 'new' && draft.defaultOutlet.name.trim() === '')) out.push('Give every new outlet a name.');
  // issue 15, names: the import would be refused for these; the field says which character.
  const newNames = [...Object.values(draft.outlets), ...(draft.defaultOutlet ? [draft.defaultOutlet] : [])].flatMap((d) => (d.kind === 'new' ? [d.name] : []));
  if (newNames.some((n) => firstInvisible(n) !== null)) out.push('Give every new outlet a name without invisible characters (the names marked in red).');
  if (draft.mappingName !== null && firstInvisible(draft.mappingName) !== null) out.push('Type the name of the column choice again without the invisible character.');
  return out;
}

/** Outlet spellings the user should look at: new names, and similar spellings that are only offered. */
export function needsAttention(o: ImportCheck['outlets'][number]): boolean {
  if (o.remembered) return false;
  return !o.suggestion?.automatic;
}
