import type { categoryCodes } from '../../shared/domain';
import type { ImportDecisions, OutletDecision } from '../../shared/imports';
import type { Analysis } from './analyse';
import { autoMergeConfidence, tidyOutletName } from './outlets';
import { catalogueOfferWords, noValueNotice } from '../../shared/measure';

export type { ImportDecisions, OutletDecision };

export interface AutoOptions {
  strictOutlets?: boolean;
  /** For day/month dates the column cannot settle; Sri Lankan exports are day-first. */
  dateOrder?: 'dmy' | 'mdy';
  /** Outlet for files without an outlet column: a name (matched or added). */
  outlet?: string;
  ifImported?: 'ask' | 'skip' | 'replace';
  mappingName?: string | null;
  // issue 14, money
  valueAtCataloguePrices?: boolean;
}

/**
 * The decisions the command line takes without asking: remembered ones
 * first; spellings close to a known outlet merged into it; the rest added
 * as new outlets (or rejected with `strictOutlets`). Each is listed in
 * `notes` so the output says what was done.
 */
export function automaticDecisions(analysis: Analysis, options: AutoOptions = {}): { decisions: ImportDecisions; notes: string[] } {
  const notes: string[] = [];
  const outlets: Record<string, OutletDecision> = {};
  for (const o of analysis.outlets) {
    if (o.remembered === 'rejected') {
      outlets[o.key] = { kind: 'reject' };
      notes.push(`Outlet "${o.spelling}" (${o.rows} rows): rejected, as decided before.`);
    } else if (o.remembered) {
      outlets[o.key] = { kind: 'outlet', outletId: o.remembered.outletId };
      if (o.spelling !== o.remembered.name) notes.push(`Outlet "${o.spelling}" → ${o.remembered.name}, as decided before.`);
    } else if (o.suggestion && o.suggestion.confidence >= autoMergeConfidence) {
      outlets[o.key] = { kind: 'outlet', outletId: o.suggestion.outletId };
      if (o.suggestion.confidence < 1) {
        notes.push(`Outlet "${o.spelling}" → ${o.suggestion.name} (${o.suggestion.how}, ${Math.round(o.suggestion.confidence * 100)}% sure).`);
      }
    } else if (options.strictOutlets) {
      outlets[o.key] = { kind: 'reject' };
      notes.push(`Outlet "${o.spelling}" (${o.rows} rows): no known outlet matches; its rows are rejected (--strict-outlets).`);
    } else {
      outlets[o.key] = { kind: 'new', name: tidyOutletName(o.spelling) };
      notes.push(`Outlet "${o.spelling}" matches no known outlet: added as a new outlet "${tidyOutletName(o.spelling)}".`);
    }
  }
  let defaultOutlet: OutletDecision | null = null;
  const outletField = analysis.shape === 'salesLines' ? 'outlet' : null;
  if (outletField && analysis.mapping[outletField] === null) {
    const name = options.outlet ?? 'Unspecified outlet';
    const known = analysis.canonicalOutlets.find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
    defaultOutlet = known ? { kind: 'outlet', outletId: known.id } : { kind: 'new', name };
    notes.push(`The file has no outlet column: every line is booked to "${known?.name ?? name}"${options.outlet ? '' : ' (choose one with --outlet NAME)'}.`);
  }
  const categories: Record<string, (typeof categoryCodes)[number]> = {};
  for (const c of analysis.categories) {
    categories[c.key] = c.category;
    if (c.how === 'not recognised') notes.push(`Category "${c.source}" (${c.rows} rows) is not a known name: counted as Other.`);
  }
  let dateOrder = analysis.dates.order;
  if (analysis.dates.needsDecision) {
    dateOrder = options.dateOrder ?? 'dmy';
    notes.push(
      `Dates such as ${analysis.dates.example} could be day/month or month/day: read as ${dateOrder === 'dmy' ? 'day/month' : 'month/day'}` +
        (options.dateOrder ? '.' : ' (change with --date-order mdy).'),
    );
  }
  // issue 14, money: a file without prices or amounts.
  if (analysis.noValue) {
    notes.push(noValueNotice);
    if (analysis.catalogue && !options.valueAtCataloguePrices) {
      notes.push(`${catalogueOfferWords(analysis.catalogue).replace(/^Value the lines at catalogue prices: y/, 'Y')} To value them so, add --value-at-catalogue-prices.`);
    }
  }
  return {
    notes,
    decisions: {
      file: analysis.file,
      encoding: analysis.encoding,
      delimiter: analysis.delimiter,
      sheet: analysis.sheet,
      shape: analysis.shape,
      mapping: analysis.mapping,
      contentHash: analysis.contentHash,
      dateOrder,
      outlets,
      defaultOutlet,
      categories,
      ifImported: options.ifImported ?? 'ask',
      mappingName: options.mappingName === undefined ? null : options.mappingName,
      remember: true,
      // issue 14, money
      valueAtCataloguePrices: analysis.noValue && analysis.catalogue !== null && options.valueAtCataloguePrices === true,
    },
  };
}
