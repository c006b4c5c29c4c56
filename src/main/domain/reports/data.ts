import { dataWithoutDates } from '../features/customerFeatures';
import type { Database } from 'better-sqlite3';
import { campaignFor } from '../../../shared/campaigns';
import type { Measure } from '../../../shared/measure';
import { AppError } from '../../../shared/errors';
import { hasFilters } from '../../../shared/filters';
import { filterWords } from '../../../shared/filterWords';
import { formatCount } from '../../../shared/format';
import type { ReportCustomerRow, ReportDocument, ReportParams } from '../../../shared/reports';
import { dayNumber, isoDay } from '../../../shared/days';
import { outletNames, segmentFigures } from '../filters/detail';
import { CustomerSnapshot } from '../filters/engine';
import { traitFigures, traitsUnderFilters } from '../filters/traits';
import { activeModel, listSegments } from '../segmentation/store';
import { chainCurrency } from '../settings/currency';

/**
 * What a segment report says, read from the database as it is now: the same
 * figures, traits and campaign as the segment's detail view under the same
 * filters, and its customers, most spend first. Runs in the export job.
 */
export const pdfRowLimit = 5000;

export interface CollectedReport {
  document: ReportDocument;
  /** Customer ids in report order (most spend first, then id); `rows` reads them. */
  customerIds: Int32Array;
}

export function collectReport(db: Database, params: ReportParams, who: { createdBy: string; createdAt: string }): CollectedReport {
  const model = activeModel(db);
  if (!model || model.id !== params.modelId) {
    throw new AppError('not_found', 'The segments were found again since this report was asked for. Open the segment again and export it from there.');
  }
  const described = listSegments(db, model.id).find((s) => s.segment === params.segment);
  if (!described) throw new AppError('not_found', `This model has no segment ${params.segment + 1}.`);
  const snapshot = new CustomerSnapshot(db, model.window);
  const names = outletNames(db);
  const figures = segmentFigures(snapshot, params.filters, params.segment, names);
  if (!figures) throw new AppError('not_found', `This model has no segment ${params.segment + 1}.`);
  const filtered = hasFilters(params.filters);
  // The detail view's words: under filters, measured again over the customers they keep.
  let traits = described.traits;
  if (filtered) {
    const t = traitFigures(snapshot, params.filters);
    traits = traitsUnderFilters(described.traits, t.segments[params.segment] ?? null, t.all, model.window, t.measure);
  }

  // The segment's rows under the filters, most spend first (ties by customer id, so the order is stable).
  const { rows } = snapshot.matching(params.filters);
  const c = snapshot.columns;
  const mine = rows.filter((r) => c.segment[r] === params.segment);
  const order = Array.from(mine).sort((a, b) => c.spend[b]! - c.spend[a]! || snapshot.customerId[a]! - snapshot.customerId[b]!);
  // A PDF lists at most pdfRowLimit customers (5,000 rows is 130 pages); the workbook takes them all.
  const wanted = params.rows === 'all' ? order.length : params.rows.top;
  const limit = Math.min(order.length, wanted, params.format === 'pdf' ? pdfRowLimit : Infinity);
  const customerIds = Int32Array.from(order.slice(0, limit), (r) => snapshot.customerId[r]!);

  const campaign = campaignFor(described.campaign.id, model.measure);
  // Read as the report is made, so a report made after a change of currency is in the new one.
  const currency = chainCurrency(db);
  const most = model.measure === 'items' ? 'most items' : 'most spend';
  const by = model.measure === 'items' ? 'items bought' : 'spend';
  const document: ReportDocument = {
    title: `${described.name}: segment report`,
    segmentName: described.name,
    createdAt: who.createdAt,
    createdBy: who.createdBy,
    window: model.window,
    undated: dataWithoutDates(db),
    modelVersion: model.id,
    filters: filterWords(params.filters, (id) => names.get(id) ?? `Outlet ${id}`, currency).map((f) => f.label),
    currency,
    detail: { ...figures, modelId: model.id, window: model.window, name: described.name, traits, campaign: described.campaign },
    campaign: {
      name: campaign.name,
      channel: campaign.channel,
      timing: campaign.timing,
      kpi: campaign.kpi,
      rationale: described.campaign.rationale,
      because: described.campaign.because,
    },
    rowsLabel:
      limit === order.length
        ? `All ${formatCount(order.length)} customers of the segment${filtered ? ' matching the filters' : ''}, ${most} first`
        : `Top ${formatCount(limit)} of ${formatCount(order.length)} customers by ${by}${limit < wanted ? ` (a PDF lists at most ${formatCount(pdfRowLimit)}; export to Excel for all of them)` : ''}`,
  };
  return { document, customerIds };
}

/** The report's customer lines, read in chunks in the order of `ids`. */
export function* reportRows(
  db: Database,
  modelId: number,
  segmentName: string,
  window: { to: string },
  ids: Int32Array,
  chunk = 2000,
  measure: Measure = 'money',
): Generator<ReportCustomerRow> {
  const endDay = dayNumber(window.to);
  // Data without values: the amount columns count items bought.
  const amounts = measure === 'items' ? 's.fresh_items AS fresh, s.dry_items AS dry, s.luxury_items AS luxury, s.items AS spend' : 's.fresh, s.dry, s.luxury, s.spend';
  for (let start = 0; start < ids.length; start += chunk) {
    const part = Array.from(ids.subarray(start, start + chunk));
    const found = new Map(
      (
        // raw: a report's customer rows, up to a million, 2,000 ids at a time through json_each.
        db
          .prepare(
            `SELECT c.id, c.code, o.name AS homeOutlet, c.age, c.gender, ${amounts}, s.visits, s.last_day AS lastDay, s.rfm_segment AS rfm
             FROM customers c JOIN customer_segments s ON s.customer_id = c.id AND s.model_id = ?
             LEFT JOIN outlets o ON o.id = c.home_outlet_id
             WHERE c.id IN (SELECT value FROM json_each(?))`,
          )
          .all(modelId, JSON.stringify(part)) as Array<{
          id: number;
          code: string;
          homeOutlet: string | null;
          age: number | null;
          gender: 'F' | 'M' | 'X' | null;
          fresh: number | null;
          dry: number | null;
          luxury: number | null;
          spend: number | null;
          visits: number | null;
          lastDay: number | null;
          rfm: string | null;
        }>
      ).map((r) => [r.id, r]),
    );
    for (const id of part) {
      const r = found.get(id);
      if (!r) continue;
      yield {
        code: r.code,
        homeOutlet: r.homeOutlet,
        age: r.age,
        gender: r.gender,
        fresh: r.fresh ?? 0,
        dry: r.dry ?? 0,
        luxury: r.luxury ?? 0,
        spend: r.spend ?? 0,
        visits: r.visits,
        lastPurchase: r.lastDay === null ? null : isoDay(r.lastDay),
        daysSinceLastPurchase: r.lastDay === null ? null : endDay - r.lastDay,
        segment: segmentName,
        rfmSegment: r.rfm,
      };
    }
  }
}
