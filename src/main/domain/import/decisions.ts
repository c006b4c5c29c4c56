import type { categoryCodes } from '../../../shared/domain';
import type { ImportDecisions, OutletDecision } from '../../../shared/imports';
import type { Analysis } from './analyse';
import { foldReason } from '../../../shared/outletNames';
import { tidyOutletName } from './outlets';
import { outletField } from './columns';
import { catalogueOfferWords, noValueNotice } from '../../../shared/measure';

export type { ImportDecisions, OutletDecision };

export interface AutoOptions {
  strictOutlets?: boolean;
  /** For day/month dates the column cannot settle; Sri Lankan exports are day-first. */
  dateOrder?: 'dmy' | 'mdy';
  /** Outlet for files without an outlet column: a name (matched or added). */
  outlet?: string;
  ifImported?: 'ask' | 'skip' | 'replace';
  mappingName?: string | null;
  // issue 14, guard
  /** Remove the demo data (default: only when the file has customers). */
  removeDemo?: boolean;
  /** Import amounts the check found on another scale than the earlier data. */
  acceptAmounts?: boolean;
  // issue 14, money
  valueAtCataloguePrices?: boolean;
}

/**
 * The decisions the command line takes without asking: remembered ones
 * first; spellings that are an outlet's or a known town's name, or one slip
 * of typing away from one, folded into it; the rest added as new outlets
 * (or rejected with `strictOutlets`), naming the outlet a similar spelling
 * might be without merging into it (it may be another town). Each decision
 * and every fold, down to one of capitals or spaces, is listed in `notes`.
 */
export function automaticDecisions(analysis: Analysis, options: AutoOptions = {}): { decisions: ImportDecisions; notes: string[] } {
  const notes: string[] = [];
  const outlets: Record<string, OutletDecision> = {};
  const outletWritings: ImportDecisions['outletWritings'] = {};
  for (const o of analysis.outlets) {
    outletWritings[o.key] = o.writings;
    const folds = (name: string, remembered: boolean): void => {
      for (const w of o.writings) {
        const how = foldReason(w.written, name, remembered);
        if (how !== null) notes.push(`Outlet "${w.written}" → ${name} (${how}${remembered && how !== 'as decided before' ? ', as decided before' : ''}).`);
      }
    };
    const s = o.suggestion;
    if (o.remembered === 'rejected') {
      outlets[o.key] = { kind: 'reject' };
      notes.push(`Outlet "${o.spelling}" (${o.rows} rows): rejected, as decided before.`);
    } else if (o.remembered) {
      outlets[o.key] = { kind: 'outlet', outletId: o.remembered.outletId };
      folds(o.remembered.name, true);
    } else if (s?.automatic && s.outletId !== null) {
      outlets[o.key] = { kind: 'outlet', outletId: s.outletId };
      folds(s.name, false);
    } else if (s?.automatic && options.strictOutlets) {
      outlets[o.key] = { kind: 'reject' };
      notes.push(`Outlet "${o.spelling}" (${o.rows} rows) is the town ${s.name}, not one of your outlets: its rows are rejected (--strict-outlets).`);
    } else if (s?.automatic) {
      outlets[o.key] = { kind: 'new', name: s.name };
      // A typo of the town's name is said as such in its fold note below.
      const what = s.how === 'known place' ? 'is the town' : 'is taken for the town';
      notes.push(`Outlet "${o.spelling}" ${what} ${s.name}${where(s.place)}: added as a new outlet "${s.name}".`);
      folds(s.name, false);
    } else if (options.strictOutlets) {
      outlets[o.key] = { kind: 'reject' };
      notes.push(`Outlet "${o.spelling}" (${o.rows} rows): no known outlet matches; its rows are rejected (--strict-outlets).`);
    } else {
      const name = tidyOutletName(o.spelling);
      outlets[o.key] = { kind: 'new', name };
      notes.push(
        s === null
          ? `Outlet "${o.spelling}" matches no known outlet: added as a new outlet "${name}".`
          : s.outletId === null
            ? `Outlet "${o.spelling}" is not taken for the town ${s.name} (a similar spelling, but it may be another town): added as a new outlet "${name}".`
            : `Outlet "${o.spelling}" is not merged into ${s.name} (a similar spelling, but it may be another town): added as a new outlet "${name}".`,
      );
      folds(name, false);
    }
  }
  let defaultOutlet: OutletDecision | null = null;
  // Sales lines always need an outlet; a customer-level file takes one only when told (--outlet).
  const outlet = outletField[analysis.shape];
  if (outlet !== null && typeof analysis.mapping[outlet] !== 'number' && (analysis.shape === 'salesLines' || options.outlet !== undefined)) {
    const name = options.outlet ?? 'Unspecified outlet';
    const known = analysis.canonicalOutlets.find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
    defaultOutlet = known ? { kind: 'outlet', outletId: known.id } : { kind: 'new', name };
    const what = analysis.shape === 'salesLines' ? 'every line is booked to' : analysis.shape === 'customers' ? "every customer's home outlet is" : 'every customer is booked to';
    notes.push(`The file has no outlet column: ${what} "${known?.name ?? name}"${options.outlet ? '' : ' (choose one with --outlet NAME)'}.`);
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
      outletWritings,
      removeDemo: options.removeDemo ?? analysis.customers.rowsWithCustomer > 0,
      amountsConfirmed: options.acceptAmounts === true,
      // issue 14, money
      valueAtCataloguePrices: analysis.noValue && analysis.catalogue !== null && options.valueAtCataloguePrices === true,
    },
  };
}

function where(place: { district: string | null; province: string | null } | null): string {
  if (!place) return '';
  const parts = [place.district && `${place.district} District`, place.province && `${place.province} Province`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
