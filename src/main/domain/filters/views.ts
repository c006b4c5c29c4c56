import type { Database } from 'better-sqlite3';
import type { ChangeTopic } from '../../../shared/contracts';
import { hasFilters, type RfmOverview, type SegmentOverview } from '../../../shared/filters';
import { rfmSegments } from '../../../shared/rfm';
import type { SegmentDetail, SegmentCustomers, SegmentCustomersQuestion } from '../../../shared/segmentDetail';
import type { SegmentTrait, SegmentView } from '../../../shared/segments';
import { dataWithoutDates } from '../features/customerFeatures';
import { activeModel, listSegments, type ModelRecord } from '../segmentation/store';
import { CustomerTable } from './customerTable';
import { outletNames, segmentFigures } from './detail';
import { type CustomerFilters, CustomerSnapshot, type SnapshotFacts } from './engine';
import { traitFigures, traitsUnderFilters } from './traits';

/**
 * The dashboard's whole views (the overview with names, traits and
 * campaigns; RFM; one segment in detail; pages of its customers), answered
 * in the filter thread from the customer snapshot and the model's segment
 * descriptions, so a filter change costs the window's process one message
 * and no SQLite read.
 *
 * What each change throws away: sales or a new model, the snapshot (1.5–3 s
 * to build again for a million customers); names, only the small segments
 * table, read again on the next question; settings and reports, nothing the
 * views keep (outlet names are read with each detail).
 */

/** The active model and what was read with it; null when there is no active model. */
interface Held {
  model: ModelRecord;
  snapshot: CustomerSnapshot;
  /** The data has no dates: it changes only with sales, like the snapshot. */
  undated: boolean;
}

/** The model's words for a segment it has no description of (never expected: segments are written with the model). */
const undescribed = (segment: number) => ({ name: `Segment ${segment + 1}`, traits: [] as SegmentTrait[], campaign: { id: 'cross_category' as const, because: '', rationale: '' } });

const noSupport: SegmentOverview['support'] = { age: null, lastPurchase: null, outlets: false, genders: [], spend: null, measure: 'money' };
const noOverview: SegmentOverview = { modelId: null, window: null, customers: 0, allCustomers: 0, totals: { spend: 0, fresh: 0, dry: 0, luxury: 0, outlets: 0 }, support: noSupport, segments: [], modelNote: null, undated: false };

/** The model was trained on customers no longer in the data (the demo data removed, say), and none of the data now can be placed. */
export const staleModelNote =
  'These segments were found in data that is no longer here, and no customer in the data now can be placed in them (the demo data was removed, or the sales imported have no customer ids). The segments stay listed. Import sales with customer ids, then choose Find segments.';

export class FilterViews {
  private held: Held | null | undefined;
  private described: Map<number, SegmentView> | undefined;
  private table: CustomerTable | null = null;
  /** How many times the customer snapshot was built, and the segments table read: tests see with it what a change threw away. */
  readonly reads = { snapshots: 0, segments: 0 };

  constructor(private readonly db: Database) {}

  /** What a change event means for what the views keep. */
  changed(what: ChangeTopic): void {
    if (what === 'sales' || what === 'model') {
      this.held = undefined;
      this.table = null;
    }
    if (what === 'sales' || what === 'model' || what === 'names') this.described = undefined;
  }

  /** The model the last view was answered for: its id, window and filter facts (none before the first view). */
  get model(): { modelId: number | null; window: { from: string; to: string } | null; facts: SnapshotFacts | null } {
    const held = this.held ?? null;
    return { modelId: held?.model.id ?? null, window: held?.model.window ?? null, facts: held?.snapshot.facts ?? null };
  }

  /**
   * Every segment of the model under the filters, in the order of its
   * unfiltered size (a card keeps its place while the filters change, so the
   * eye can follow it), each with its name, campaign and traits in the
   * numbers of the customers the filters keep.
   */
  overview(filters: CustomerFilters): SegmentOverview {
    const held = this.hold();
    if (!held) return noOverview;
    const { snapshot, model } = held;
    const answer = snapshot.query(filters);
    const described = this.describe(model.id);
    const traits = this.traits(snapshot, filters, [...described.values()]);
    const { sizes, ...support } = snapshot.facts;
    const allCustomers = sizes.segment.reduce((a, b) => a + b, 0);
    const total = answer.customers;
    return {
      modelId: model.id,
      window: model.window,
      customers: total,
      allCustomers,
      totals: answer.totals,
      support,
      segments: answer.segments
        .map((s) => {
          const d = described.get(s.segment) ?? undescribed(s.segment);
          return {
            ...s,
            name: d.name,
            allCustomers: sizes.segment[s.segment] ?? 0,
            share: total > 0 ? s.customers / total : 0,
            traits: traits(s.segment, d.traits),
            campaign: d.campaign,
          };
        })
        .sort((a, b) => b.allCustomers - a.allCustomers || a.segment - b.segment),
      modelNote: allCustomers === 0 ? staleModelNote : null,
      undated: held.undated,
    };
  }

  /** The ten RFM groups under the filters. */
  rfm(filters: CustomerFilters): RfmOverview {
    const held = this.hold();
    if (!held) return { modelId: null, customers: 0, groups: [] };
    const answer = held.snapshot.query(filters, 'rfm');
    const total = answer.customers;
    return {
      modelId: held.model.id,
      customers: total,
      groups: answer.segments.map((g, i) => ({
        name: rfmSegments[i]?.name ?? `Group ${i + 1}`,
        customers: g.customers,
        share: total > 0 ? g.customers / total : 0,
        medianSpend: g.medianSpend,
        visitsPerMonth: g.visitsPerMonth,
        medianDaysSinceLastPurchase: g.medianDaysSinceLastPurchase,
        campaign: rfmSegments[i]?.campaign ?? '',
      })),
    };
  }

  /** One segment's figures, spreads, name, traits and campaign under the filters; null without a model or such a segment. */
  detail(filters: CustomerFilters, segment: number): SegmentDetail | null {
    const held = this.hold();
    if (!held) return null;
    const figures = segmentFigures(held.snapshot, filters, segment, outletNames(this.db));
    if (!figures) return null;
    const d = this.describe(held.model.id).get(segment) ?? undescribed(segment);
    const traits = this.traits(held.snapshot, filters, [d]);
    return { ...figures, modelId: held.model.id, window: held.model.window, name: d.name, traits: traits(segment, d.traits), campaign: d.campaign };
  }

  /** A page of one segment's customers under the filters; null without a model or such a segment. */
  customers(question: SegmentCustomersQuestion): SegmentCustomers | null {
    const held = this.hold();
    if (!held) return null;
    this.table ??= new CustomerTable(held.snapshot, this.db);
    return this.table.page(question);
  }

  /**
   * The model's traits in the numbers of the customers the filters keep (its
   * own words without a filter), measuring only the features the segments'
   * traits speak of: one pass each over the matching rows.
   */
  private traits(snapshot: CustomerSnapshot, filters: CustomerFilters, described: Array<{ traits: SegmentTrait[] }>): (segment: number, traits: SegmentTrait[]) => SegmentTrait[] {
    if (!hasFilters(filters)) return (_, traits) => traits;
    const features = new Set(described.flatMap((d) => d.traits.map((t) => t.feature)));
    const figures = traitFigures(snapshot, filters, features);
    const window = snapshot.window;
    return (segment, traits) => traitsUnderFilters(traits, figures.segments[segment] ?? null, figures.all, window, figures.measure);
  }

  private hold(): Held | null {
    if (this.held === undefined) {
      const model = activeModel(this.db);
      if (model) this.reads.snapshots++;
      this.held = model ? { model, snapshot: new CustomerSnapshot(this.db, model.window), undated: dataWithoutDates(this.db) } : null;
    }
    return this.held;
  }

  private describe(modelId: number): Map<number, SegmentView> {
    if (this.described === undefined) {
      this.reads.segments++;
      this.described = new Map(listSegments(this.db, modelId).map((s) => [s.segment, s]));
    }
    return this.described;
  }
}
