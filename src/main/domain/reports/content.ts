import { noDatesWords } from '../../../shared/importGuard';
import { formatAmount, formatCount, formatDay, formatDayTime, formatShare } from '../../../shared/format';
import { formatItems } from '../../../shared/measure';
import type { ReportDocument } from '../../../shared/reports';
import type { SegmentDetail } from '../../../shared/segmentDetail';

/**
 * The words of a segment report, the same in the PDF and the workbook: its
 * header facts, filters, key figures, traits and campaign. Each figure keeps
 * its typed value beside the text, so the workbook stores numbers and dates.
 */

export const appName = 'Octave Segments';
/** The segment's colour in the charts, table header and campaign box (the first segment colour of the app). */
export const segmentColour = '#1f5fbf';
export const noFilters = 'All customers (no filters)';

/** How a value is kept in the workbook. */
export type ValueKind = 'text' | 'count' | 'money' | 'decimal' | 'share' | 'dateTime';

export interface Fact {
  label: string;
  /** As the PDF prints it. */
  text: string;
  /** As the workbook stores it; null when unknown. */
  value: string | number | Date | null;
  kind: ValueKind;
  /** A second line: what the figure is of. */
  note?: string;
}

const text = (label: string, value: string): Fact => ({ label, text: value, value, kind: 'text' });
const unknown = '—';

/** Who exported what, when, from which data and model. */
export function headerFacts(doc: ReportDocument): Fact[] {
  return [
    text('Segment', doc.segmentName),
    { label: 'Exported', text: formatDayTime(doc.createdAt), value: new Date(doc.createdAt), kind: 'dateTime' },
    text('Exported by', doc.createdBy),
    text('Data window', doc.undated ? noDatesWords : `${formatDay(doc.window.from)} – ${formatDay(doc.window.to)}`),
    { label: 'Model version', text: String(doc.modelVersion), value: doc.modelVersion, kind: 'count' },
  ];
}

/** Every active filter, or the one line that says there are none. */
export function filterLines(doc: ReportDocument): string[] {
  return doc.filters.length > 0 ? doc.filters : [noFilters];
}

/** The detail view's characteristics: customers and their share, median spend (in `currency`), visits a month, days since last purchase. */
export function keyFigures(d: SegmentDetail, currency: string, undated = false): Fact[] {
  // Undated data has no window: its figures cover all of the data.
  const inWindow = undated ? 'the data' : 'the data window';
  const known = (v: number | null, show: (v: number) => string) => (v === null ? unknown : show(v));
  return [
    {
      label: 'Customers',
      text: formatCount(d.customers),
      value: d.customers,
      kind: 'count',
      note: `${formatShare(d.share)} of ${formatCount(d.allCustomers)} matching customers`,
    },
    d.measure === 'items'
      ? { label: 'Median items bought', text: known(d.medianSpend, (v) => formatItems(v)), value: d.medianSpend, kind: 'decimal', note: `per customer in ${inWindow}` }
      : { label: 'Median spend', text: known(d.medianSpend, (v) => formatAmount(v, currency)), value: d.medianSpend, kind: 'money', note: `per customer in ${inWindow}` },
    { label: 'Visits a month', text: known(d.visitsPerMonth, (v) => v.toFixed(1)), value: d.visitsPerMonth, kind: 'decimal', note: 'mean per customer' },
    {
      label: 'Days since last purchase',
      text: known(d.medianDaysSinceLastPurchase, (v) => String(Math.round(v))),
      value: d.medianDaysSinceLastPurchase === null ? null : Math.round(d.medianDaysSinceLastPurchase),
      kind: 'count',
      note: 'median',
    },
  ];
}

/** The traits as sentences about the segment ("Puts 84% of spend on fresh produce …"). */
export function traitLines(d: SegmentDetail): string[] {
  return d.traits.map((t) => t.text.charAt(0).toUpperCase() + t.text.slice(1));
}

/** The recommended campaign's particulars, after its name. */
export function campaignFacts(doc: ReportDocument): Fact[] {
  const c = doc.campaign;
  const facts = [text('Channel', c.channel), text('Timing', c.timing), text('KPI to watch', c.kpi), text('Why', c.rationale)];
  if (c.because) facts.push(text('Chosen because', c.because));
  return facts;
}

/** A calendar day `YYYY-MM-DD` as the reports print it, a dash when there is none. */
export function dayOrDash(isoDate: string | null): string {
  return isoDate === null ? unknown : formatDay(isoDate);
}

export function countOrDash(n: number | null): string {
  return n === null ? unknown : formatCount(n);
}
