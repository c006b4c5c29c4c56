import { campaignById, campaignRules, rationale as rationaleOf } from '../../shared/campaigns';
import type { ReportCustomerRow, ReportDocument } from '../../shared/reports';
import { rfmSegments } from '../../shared/rfm';
import { Random } from '../../shared/random';
import type { Band } from '../../shared/segmentDetail';
import { demoOutlets } from '../domain/demo/generator';
import { spendEdges, visitEdges } from '../domain/filters/detail';
import { dayNumber, isoDay } from '../../shared/days';

/**
 * A segment report as the app would hand it to the renderers: a realistic
 * segment of a Sri Lankan chain (its figures, traits, spreads and outlets),
 * filters written with the characters that need an embedded font (≥, –), and
 * customer rows drawn deterministically. For the reports' tests and benchmark.
 */

export const reportFilters = ['Age 30–45', 'Bought luxury', 'Spend ≥ LKR 25,000', 'Last purchase within 90 days', 'Outlets: Colombo, Kandy, Nuwara Eliya', 'Gender: Women'];

function bands(edges: readonly number[], segment: number[], all: number[], unknown: boolean): Band[] {
  const out: Band[] = segment.slice(0, edges.length + 1).map((customers, i) => ({
    min: i === 0 ? null : (edges[i - 1] as number),
    max: i === edges.length ? null : (edges[i] as number),
    customers,
    allCustomers: all[i] as number,
  }));
  if (unknown) out.push({ min: null, max: null, customers: segment[edges.length + 1] as number, allCustomers: all[edges.length + 1] as number });
  return out;
}

export function sampleReportDocument(overrides: Partial<ReportDocument> = {}): ReportDocument {
  const campaign = campaignById('vip_luxury');
  const traits = [
    { feature: 'luxuryShare', z: 1.8, text: 'puts 41% of spend on luxury (all customers: 12%)' },
    { feature: 'basketValue', z: 1.2, text: 'fills baskets worth 2.3 times the average' },
    { feature: 'outlets', z: 0, text: 'mostly shops at Colombo and Dehiwala-Mount Lavinia (80% of the segment)' },
  ];
  const rule = campaignRules.find((r) => r.campaign === campaign.id)!;
  const rationale = rationaleOf(rule, `${traits[0]!.text} and ${traits[1]!.text}`);
  const because = rule.because;
  const outletCounts: Array<[number, number]> = [
    [812, 9_410],
    [655, 7_220],
    [402, 6_015],
    [366, 5_870],
    [241, 4_102],
    [198, 3_954],
    [120, 2_811],
    [96, 2_406],
    [71, 1_980],
    [40, 1_377],
  ];
  const segmentName = 'Luxury weekend shoppers';
  return {
    title: `Segment report: ${segmentName}`,
    segmentName,
    createdAt: '2026-11-23T12:15:00.000Z',
    createdBy: 'Nimali Perera',
    window: { from: '2025-11-01', to: '2026-10-31' },
    modelVersion: 4,
    filters: reportFilters,
    rowsLabel: 'All 1,200 customers',
    currency: 'LKR',
    campaign: { name: campaign.name, channel: campaign.channel, timing: campaign.timing, kpi: campaign.kpi, rationale, because },
    detail: {
      modelId: 4,
      window: { from: '2025-11-01', to: '2026-10-31' },
      segment: 2,
      name: segmentName,
      customers: 1_834,
      allCustomers: 14_905,
      share: 1_834 / 14_905,
      measure: 'money',
      medianSpend: 86_450.5,
      visitsPerMonth: 3.4,
      medianDaysSinceLastPurchase: 9,
      traits,
      campaign: { id: campaign.id, because, rationale },
      categorySpend: { segment: { fresh: 41_200_000, dry: 52_900_000, luxury: 65_300_000 }, all: { fresh: 402_000_000, dry: 611_000_000, luxury: 138_000_000 } },
      spend: bands(spendEdges, [12, 40, 188, 402, 611, 455, 126], [1_950, 2_230, 3_804, 3_010, 2_290, 1_290, 331], false),
      visitsPerMonthBands: bands(visitEdges, [80, 310, 522, 640, 282, 0], [2_960, 4_420, 3_300, 2_750, 1_475, 0], true),
      age: bands([25, 35, 45, 55, 65], [0, 402, 988, 444, 0, 0, 0], [1_180, 3_315, 4_960, 3_010, 1_600, 640, 200], true),
      outlets: {
        top: outletCounts.map(([customers, allCustomers], i) => ({ outletId: i + 1, name: demoOutlets[i]?.name ?? `Outlet ${i + 1}`, customers, allCustomers })),
        used: 14,
      },
    },
    ...overrides,
  };
}

/** `n` customers, most spend first, as the report's query would give them; every field's null case turns up. */
export function* sampleReportRows(n: number, seed = 6): Generator<ReportCustomerRow> {
  const rng = new Random(seed);
  const outlets = demoOutlets.map((o) => o.name);
  const end = dayNumber('2026-10-31');
  let spend = 900_000;
  for (let i = 0; i < n; i++) {
    spend = Math.max(25_000, spend * (1 - rng.next() * 0.004));
    const total = Math.round(spend * 100) / 100;
    const luxury = Math.round(total * (0.3 + rng.next() * 0.2) * 100) / 100;
    const fresh = Math.round((total - luxury) * rng.next() * 100) / 100;
    const dry = Math.round((total - luxury - fresh) * 100) / 100;
    const dated = i % 97 !== 13;
    const days = Math.floor(rng.next() * 90);
    yield {
      code: `CUST-${String(100_000 + i * 7).padStart(7, '0')}`,
      homeOutlet: i % 53 === 7 ? null : (outlets[Math.floor(rng.next() * outlets.length)] as string),
      age: i % 41 === 5 ? null : 30 + Math.floor(rng.next() * 16),
      gender: i % 37 === 3 ? null : rng.next() < 0.8 ? 'F' : rng.next() < 0.9 ? 'M' : 'X',
      fresh,
      dry,
      luxury,
      spend: total,
      visits: dated ? 12 + Math.floor(rng.next() * 60) : null,
      lastPurchase: dated ? isoDay(end - days) : null,
      daysSinceLastPurchase: dated ? days : null,
      segment: 'Luxury weekend shoppers',
      rfmSegment: dated ? (rfmSegments[Math.floor(rng.next() * rfmSegments.length)]?.name ?? null) : null,
    };
  }
}
