import type { Database } from 'better-sqlite3';
import { rfmSegments } from '../../../shared/rfm';
import type { RfmSummary } from '../../../shared/segments';

/** The RFM lens over the active model's customers: counts per named RFM segment and the recency × frequency grid. */
export function rfmSummary(db: Database): RfmSummary {
  const customers = db.prepare('SELECT count(*) FROM customer_segments').pluck().get() as number;
  const counts = new Map(
    (db.prepare('SELECT rfm_segment, count(*) FROM customer_segments WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment').raw().all() as Array<[string, number]>).map(
      ([name, n]) => [name, n],
    ),
  );
  const grid = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  for (const [r, f, n] of db
    .prepare('SELECT rfm_r, rfm_f, count(*) FROM customer_segments WHERE rfm_r IS NOT NULL AND rfm_f IS NOT NULL GROUP BY rfm_r, rfm_f')
    .raw()
    .iterate() as Iterable<[number, number, number]>) {
    (grid[5 - r] as number[])[f - 1] = n;
  }
  const scored = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    customers,
    unscored: customers - scored,
    segments: rfmSegments.map((s) => ({ name: s.name, customers: counts.get(s.name) ?? 0, share: scored ? (counts.get(s.name) ?? 0) / scored : 0, campaign: s.campaign })),
    grid,
  };
}
