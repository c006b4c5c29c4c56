import type { Database } from 'better-sqlite3';
import { activeModelId } from '../domain/segmentation/store';
import { Random } from '../../shared/random';
import { dayNumber } from '../../shared/days';

/**
 * Writes `customers` made-up customers straight into the tables the filter
 * thread reads (customers, customer_segments, an active model of `k`
 * segments), with `bigSegment` of them in segment 0: a large segment without
 * generating and training on millions of sales lines. Only the facts the
 * snapshot reads are real; the model's JSON is empty.
 */
export function writeBigSegment(db: Database, { customers, bigSegment, k = 5, seed = 7 }: { customers: number; bigSegment: number; k?: number; seed?: number }): { modelId: number; window: { from: string; to: string } } {
  const rng = new Random(seed);
  const window = { from: '2025-11-01', to: '2026-10-31' };
  const endDay = dayNumber('2026-10-31');
  const genders = ['F', 'M', 'X', null] as const;
  db.transaction(() => {
    db.prepare('UPDATE model_versions SET active = 0').run();
    const modelId = Number(
      db
        .prepare(
          `INSERT INTO model_versions (created_at, window_from, window_to, k, labels_from, customers, seed, model, quality, timings, reference, active)
           VALUES (datetime('now'), ?, ?, ?, 'kmeans', ?, ?, '{}', '{}', '{}', '{}', 1)`,
        )
        .run(window.from, window.to, k, customers, seed).lastInsertRowid,
    );
    const customer = db.prepare('INSERT INTO customers (id, code, age, gender) VALUES (?, ?, ?, ?)');
    const fact = db.prepare(
      `INSERT INTO customer_segments (customer_id, model_id, segment, last_day, spend, fresh, dry, luxury, visits, outlets)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let id = 1; id <= customers; id++) {
      const age = rng.next() < 0.03 ? null : rng.int(18, 85);
      customer.run(id, `BG${String(id).padStart(7, '0')}`, age, genders[rng.int(0, 3)] ?? null);
      const segment = id <= bigSegment ? 0 : 1 + ((id - bigSegment) % (k - 1));
      const fresh = Math.round(rng.next() * 40_000);
      const dry = Math.round(rng.next() * 30_000);
      const luxury = rng.next() < 0.4 ? Math.round(rng.next() * 20_000) : 0;
      const outlets = [...new Set([rng.int(1, 20), rng.int(1, 20)])].join(',');
      fact.run(id, modelId, segment, endDay - rng.int(0, 364), fresh + dry + luxury, fresh, dry, luxury, rng.int(1, 40), outlets);
    }
  })();
  return { modelId: activeModelId(db) as number, window };
}
