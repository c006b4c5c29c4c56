import { describe, expect, it } from 'vitest';
import { databasePerTest } from '../../testing/database';
import { listCategoryRules, removeCategoryRule, setCategoryRule } from './rules';

const test = databasePerTest();

describe('category rules in Settings', () => {
  it('are kept by the name as imports compare it, changed in place, and forgotten', () => {
    const db = test.conn.sqlite;
    expect(setCategoryRule(db, { source: '  Rice & GRAINS ', category: 'luxury' })).toEqual({ source: 'rice grains' });
    setCategoryRule(db, { source: 'rice grains', category: 'dry' });
    setCategoryRule(db, { source: 'Toys', category: 'other' });
    expect(listCategoryRules(db).rules).toEqual([
      { source: 'rice grains', category: 'dry' },
      { source: 'toys', category: 'other' },
    ]);
    expect(removeCategoryRule(db, 'toys')).toEqual({ removed: true });
    expect(removeCategoryRule(db, 'toys')).toEqual({ removed: false });
    expect(() => setCategoryRule(db, { source: '&&', category: 'dry' })).toThrow(/Type the category or department name/);
  });
});
