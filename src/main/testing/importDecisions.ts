import type { ImportCheck, StartImportInput } from '../../shared/importViews';

/** The Import Data screen's decisions when the user accepts every suggestion of the check, with `change` on top. */
export function suggestedDecisions(check: ImportCheck, change: Partial<StartImportInput> = {}): StartImportInput {
  return {
    fileId: check.fileId,
    encoding: check.encoding,
    delimiter: check.delimiter,
    sheet: check.sheet,
    shape: check.shape,
    mapping: check.mapping,
    contentHash: check.contentHash,
    dateOrder: check.dates.order,
    outlets: Object.fromEntries(
      check.outlets.map((o) => [o.key, o.suggestion?.outletId ? { kind: 'outlet' as const, outletId: o.suggestion.outletId } : { kind: 'reject' as const }]),
    ),
    defaultOutlet: null,
    categories: Object.fromEntries(check.categories.map((c) => [c.key, c.category])),
    ifImported: 'ask',
    mappingName: null,
    remember: true,
    outletWritings: Object.fromEntries(check.outlets.map((o) => [o.key, o.writings])),
    ...change,
  };
}
