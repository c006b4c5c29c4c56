import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { databasePerTest } from '../../testing/database';
import { addOutlet, listOutlets, removeOutlet, updateOutlet } from './service';

const test = databasePerTest();

const byName = (name: string) => listOutlets(test.conn.sqlite).outlets.find((o) => o.name === name);
const errorOf = (work: () => unknown): AppError => {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
};

describe('the outlet list in Settings', () => {
  it('starts with the chain’s 20 outlets and takes a new one, tidied, once', () => {
    expect(listOutlets(test.conn.sqlite).outlets).toHaveLength(20);
    const { id } = addOutlet(test.conn.sqlite, { name: '  Hambantota   Port ', city: '', province: 'Southern' });
    expect(byName('Hambantota Port')).toMatchObject({ id, city: 'Hambantota Port', province: 'Southern', salesLines: 0, spellings: [] });
    const twice = errorOf(() => addOutlet(test.conn.sqlite, { name: 'HAMBANTOTA PORT', city: '', province: '' }));
    expect(twice).toMatchObject({ kind: 'conflict', message: 'There is already an outlet called “Hambantota Port”. Choose another name.' });
  });

  it('renames an outlet in place: its sales and remembered spellings stay with it', () => {
    const db = test.conn.sqlite;
    const galle = byName('Galle')!;
    db.prepare("INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents) VALUES ('2026-01-01', ?, 1, 12, 5000)").run(galle.id);
    db.prepare("INSERT INTO outlet_aliases (spelling, outlet_id) VALUES ('gallefort', ?)").run(galle.id);
    updateOutlet(db, galle.id, { name: 'Galle Fort', city: 'Galle', province: 'Southern' });
    expect(byName('Galle Fort')).toMatchObject({ id: galle.id, salesLines: 12, spellings: ['gallefort'] });
    expect(byName('Galle')).toBeUndefined();
    expect(errorOf(() => updateOutlet(db, galle.id, { name: 'kandy', city: '', province: '' })).kind).toBe('conflict');
  });

  it('removes an outlet nothing uses, and refuses one with sales, saying what to do', () => {
    const db = test.conn.sqlite;
    const { id } = addOutlet(db, { name: 'Pop-up stall', city: 'Colombo', province: 'Western' });
    expect(removeOutlet(db, id)).toEqual({ removed: true });
    expect(byName('Pop-up stall')).toBeUndefined();
    const kandy = byName('Kandy')!;
    db.prepare("INSERT INTO sales_daily (day, outlet_id, category_id, lines, amount_cents) VALUES ('2026-01-01', ?, 1, 1200, 5000)").run(kandy.id);
    expect(errorOf(() => removeOutlet(db, kandy.id))).toMatchObject({
      kind: 'conflict',
      message: 'Kandy cannot be removed: 1,200 sales lines belong to it. Delete the imports that brought them first (Import Data, Earlier imports).',
    });
    expect(byName('Kandy')).toBeDefined();
  });
});
