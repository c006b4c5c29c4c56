import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../../testing/database';
import { writeBigSegment } from '../../testing/bigSegment';
import { dayNumber } from '../../../shared/days';
import { CustomerSnapshot } from './engine';
import { traitFigures } from './traits';

const env = databasePerTest();

// The traits' figures count whole numbers in histograms and select anything else in place: both must give SQLite's medians.
describe('the figures behind the traits under filters', () => {
  it('are the means and medians SQLite gives, for whole and for fractional visits, and for days beyond a histogram', () => {
    const db = env.conn.sqlite;
    const { window } = writeBigSegment(db, { customers: 6000, bigSegment: 2500, k: 4 });
    const endDay = dayNumber(window.to);
    const where = 'c.age BETWEEN 30 AND 60 AND s.luxury > 0';
    const filters = { age: { min: 30, max: 60 }, category: 'luxury' as const };
    const from = `FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE ${where}`;
    const one = (sql: string) => db.prepare(sql).pluck().get(endDay) as number;
    const check = () => {
      const snapshot = new CustomerSnapshot(db, window);
      const counts = snapshot.query(filters);
      const figures = traitFigures(snapshot, filters);
      for (let segment = 0; segment < 4; segment++) {
        const mine = figures.segments[segment];
        if (!mine) throw new Error(`segment ${segment} has no figures`);
        const and = `AND s.segment = ${segment}`;
        expect(mine.age?.median).toBe(one(`SELECT median(c.age) ${from} ${and} AND ? > 0`));
        expect(mine.visits?.median).toBe(one(`SELECT median(s.visits) ${from} ${and} AND ? > 0`));
        expect(mine.recencyDays?.median).toBe(one(`SELECT median(? - s.last_day) ${from} ${and}`));
        expect(counts.segments[segment]?.medianDaysSinceLastPurchase).toBe(mine.recencyDays?.median);
        expect(mine.visits?.mean).toBeCloseTo(one(`SELECT avg(s.visits) ${from} ${and} AND ? > 0`), 9);
        expect(mine.luxuryShare?.mean).toBeCloseTo(one(`SELECT avg(s.luxury / s.spend) ${from} ${and} AND s.spend > 0 AND ? > 0`), 9);
        expect(mine.totalSpend?.mean).toBeCloseTo(one(`SELECT avg(s.spend) ${from} ${and} AND ? > 0`), 6);
      }
      expect(figures.all.age?.median).toBe(one(`SELECT median(c.age) ${from} AND ? > 0`));
      expect(figures.all.visits?.median).toBe(one(`SELECT median(s.visits) ${from} AND ? > 0`));
      expect(figures.all.recencyDays?.median).toBe(one(`SELECT median(? - s.last_day) ${from}`));
      return figures;
    };
    check();
    // Visits a month from a customer-level file can have decimals, and a few customers thousands of visits.
    db.prepare('UPDATE customer_segments SET visits = visits + 0.25').run();
    db.prepare('UPDATE customer_segments SET visits = 5000 WHERE customer_id % 97 = 0').run();
    // And a last purchase long before the window (the figures then select the days in place too).
    db.prepare('UPDATE customer_segments SET last_day = last_day - 6000 WHERE customer_id % 89 = 0').run();
    const fractional = check();
    expect(Number.isInteger(fractional.all.visits?.median)).toBe(false);
  });
});
