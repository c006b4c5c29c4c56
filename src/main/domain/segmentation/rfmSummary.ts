import type { Database } from 'better-sqlite3';
import { rfmSegments } from '../../../shared/rfm';
import type { RfmSummary } from '../../../shared/segments';
import { all, first, q } from '../../platform/db/query';

/** The RFM lens over the active model's customers: counts per named RFM segment and the recency × frequency grid. */
export function rfmSummary(db: Database): RfmSummary {
  const count = q.selectFrom('customer_segments').select((eb) => eb.fn.countAll<number>().as('n'));
  const customers = first(db, count)?.n ?? 0;
  const counts = new Map(
    all(db, count.select('rfm_segment').where('rfm_segment', 'is not', null).groupBy('rfm_segment')).map((r) => [r.rfm_segment as string, r.n]),
  );
  const grid = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const cells = all(db, count.select(['rfm_r', 'rfm_f']).where('rfm_r', 'is not', null).where('rfm_f', 'is not', null).groupBy(['rfm_r', 'rfm_f']));
  for (const { rfm_r: r, rfm_f: f, n } of cells) (grid[5 - (r as number)] as number[])[(f as number) - 1] = n;
  const scored = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    customers,
    unscored: customers - scored,
    segments: rfmSegments.map((s) => ({ name: s.name, customers: counts.get(s.name) ?? 0, share: scored ? (counts.get(s.name) ?? 0) / scored : 0, campaign: s.campaign })),
    grid,
  };
}
