import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliOnFiles } from '../../testing/cliFiles';

// The shape of a file (sales lines, customers, customer-level sales, catalogue) through the real command line.
const { cli, query, write, file: tmpFile } = cliOnFiles();

const spendOf = (db: string): unknown[] =>
  query(db, 'SELECT c.code, s.fresh_cents AS fresh, s.dry_cents AS dry, s.luxury_cents AS luxury, s.visits FROM customer_spend s JOIN customers c ON c.id = s.customer_id ORDER BY c.code');

describe('customer-level spend columns written as a person would', () => {
  it('Card No, Location and "… Sales Value" columns are customer-level sales, not a customer list: the spend is kept to the cent', () => {
    const db = tmpFile('shop.sqlite');
    const file = write('warehouse.csv', ['Card No,Location,Fresh Sales Value,Dry Sales Value,Luxury Sales Value', 'C1,Kandy,100.25,200,50', 'C2,Galle,10,20.50,5']);
    const r = cli('import', file, '--db', db, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ shape: 'customerSpend', imported: 2, rejected: 0 });
    expect(r.json().columnMatches).toContainEqual(expect.objectContaining({ field: 'fresh', column: 'Fresh Sales Value', reason: 'fresh with words for money (sales, value)' }));
    expect(query(db, "SELECT c.code, s.fresh_cents AS fresh, s.dry_cents AS dry FROM customer_spend s JOIN customers c ON c.id = s.customer_id WHERE c.code IN ('C1', 'C2') ORDER BY c.code")).toEqual([
      { code: 'C1', fresh: 10025, dry: 20000 },
      { code: 'C2', fresh: 1000, dry: 2050 },
    ]);
  });

  it.each([
    ['Customer Card,Location,Value of Fresh Sales,Dry Amt (LKR),Lux. Rs.,VISIT_CNT'],
    ['Card Number,STORECITY,FRESH_SALES_RS,DRY_AMT,LUX_AMT,Visit Count'],
    ['Customer Card,Shop,Total Fresh Purchases,Dry Val,Luxury Amt,No. of Visits'],
  ])('%s', (header) => {
    const db = tmpFile('shop.sqlite');
    const r = cli('import', write('spend.csv', [header, 'C1,Kandy,100,200,50,4', 'C2,Galle,10,20,5,1']), '--db', db, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ shape: 'customerSpend', imported: 2, unusedColumns: [] });
    expect(spendOf(db)).toEqual([
      { code: 'C1', fresh: 10000, dry: 20000, luxury: 5000, visits: 4 },
      { code: 'C2', fresh: 1000, dry: 2000, luxury: 500, visits: 1 },
    ]);
  });
});

describe('--shape, and --map fields of another shape', () => {
  // Read as a customer list by its Age column; the spend is only found once the person says so.
  const listLike = ['Customer ID,Age,Town,Greens Figure,Pantry Figure,Treats Figure', 'C1,34,Kandy,100,200,50', 'C2,40,Galle,10,20,5'];
  const maps = ['--map', 'fresh=Greens Figure', '--map', 'dry=Pantry Figure', '--map', 'luxury=Treats Figure', '--map', 'outlet=Town'];

  it('a --map naming a field of exactly one other shape switches to it; --shape says it outright', () => {
    const file = write('odd.csv', listLike);
    const switched = cli('import', file, '--db', tmpFile('a.sqlite'), ...maps, '--json');
    expect(switched.code, switched.stdout).toBe(0);
    // Customer-level sales read an Age column too (cells part), so nothing is left unused here.
    expect(switched.json()).toMatchObject({ shape: 'customerSpend', imported: 2, unusedColumns: [] });
    expect(switched.json().decisions).toContain('Read as customer-level sales: the fields named with --map are that kind of file\'s.');
    expect(spendOf(tmpFile('a.sqlite'))).toEqual([
      { code: 'C1', fresh: 10000, dry: 20000, luxury: 5000, visits: null },
      { code: 'C2', fresh: 1000, dry: 2000, luxury: 500, visits: null },
    ]);

    // With --shape given, a field it lacks is refused with the shape that has it.
    const refused = cli('import', file, '--db', tmpFile('b.sqlite'), '--shape', 'customers', '--map', 'fresh=Greens Figure');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('fresh is a field of Customer-level sales; add --shape customerSpend.');
    expect(fs.existsSync(tmpFile('b.sqlite'))).toBe(false);

    const told = cli('import', file, '--db', tmpFile('c.sqlite'), '--shape', 'customerSpend', ...maps, '--json');
    expect(told.code, told.stdout).toBe(0);
    expect(told.json()).toMatchObject({ shape: 'customerSpend', imported: 2 });

    const bad = cli('import', file, '--db', tmpFile('d.sqlite'), '--shape', 'spend');
    expect(bad.stderr).toContain('--shape must be one of salesLines, customers, customerSpend, products');
  });

  it('a loyalty purchase history (member, visit date, item, number of items) is sales lines: no false duplicates', () => {
    const lines = ['Membership No,Visit Date,SKU Description,Category Name,No of Items,Shop'];
    for (let m = 1; m <= 12; m++) for (const day of ['01/03/2026', '02/03/2026']) lines.push(`M${m},${day},Milk 1L,Dairy,2,Kandy`);
    const db = tmpFile('shop.sqlite');
    const r = cli('import', write('history.csv', lines), '--db', db, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ shape: 'salesLines', imported: 24, duplicatesInFile: 0, customersNew: 12, unusedColumns: [] });
    expect(query(db, 'SELECT count(DISTINCT customer_id) AS customers, sum(quantity) AS items FROM sales_lines')).toEqual([{ customers: 12, items: 48 }]);
    // And --map soldAt on a file read otherwise switches it to sales lines.
    const h2 = write('h2.csv', ['Member ID,When,Shop,Gender,Article Text', 'M1,01/03/2026,Kandy,F,Milk', 'M2,01/03/2026,Kandy,M,Bread']);
    const other = cli('import', h2, '--db', tmpFile('h2.sqlite'), '--map', 'soldAt=When', '--map', 'description=Article Text', '--json');
    expect(other.code, other.stdout).toBe(0);
    expect(other.json()).toMatchObject({ shape: 'salesLines', imported: 2, unusedColumns: ['Gender'] });
  });
});

describe('the example in a missing-column message fits the field', () => {
  it('never an age column for the outlet, nor a total for the fresh spend, nor a town for the age', () => {
    const noOutlet = cli('import', write('a.csv', ['Customer ID,Age,Fresh,Dry,Luxury', 'C1,34,1,2,3', 'C2,35,1,2,3']), '--db', tmpFile('a.sqlite'));
    expect(noOutlet.stderr).toContain('No column of a.csv looks like the Outlet');
    expect(noOutlet.stderr).not.toContain('for example');
    expect(noOutlet.stderr).toContain('Or, if every row is from one outlet, add --outlet NAME.');

    const noFresh = cli('import', write('b.csv', ['Customer ID,Outlet,Total Spend (Rs.),Dry,Luxury', 'C1,Kandy,6,2,3', 'C2,Galle,6,2,3']), '--db', tmpFile('b.sqlite'), '--shape', 'customerSpend');
    expect(noFresh.stderr).toContain('looks like the Fresh spend');
    expect(noFresh.stderr).not.toContain('--map fresh="Total Spend (Rs.)"');

    // A column of towns is no age, but may well be the home outlet.
    const noAge = cli('import', write('c.csv', ['Customer ID,CITY', 'C1,Kandy', 'C2,Galle']), '--db', tmpFile('c.sqlite'), '--shape', 'customers');
    expect(noAge.stderr).toContain('looks like the Age or Birth date');
    expect(noAge.stderr).not.toContain('--map age="CITY"');
    expect(noAge.stderr).toContain('for example --map homeOutlet="CITY"');
  });

  it('suggests a column that does fit: a town column for the outlet, a dated column for the date', () => {
    const town = cli('import', write('a.csv', ['Customer ID,Town,Fresh,Dry,Luxury', 'C1,Kandy,1,2,3', 'C2,Galle,1,2,3']), '--db', tmpFile('a.sqlite'));
    expect(town.stderr).toContain('for example --map outlet="Town"');
    const fresh = cli('import', write('b.csv', ['Customer ID,Outlet,Fresh Stuff,Dry,Luxury', 'C1,Kandy,1,2,3', 'C2,Galle,1,2,3']), '--db', tmpFile('b.sqlite'), '--shape', 'customerSpend');
    expect(fresh.stderr).toContain('for example --map fresh="Fresh Stuff"');
  });
});

describe('--outlet for customer-level files', () => {
  it('books every customer of a file without an outlet column to the outlet named', () => {
    const db = tmpFile('shop.sqlite');
    const r = cli('import', write('spend.csv', ['Customer ID,Age,Fresh,Dry,Luxury', 'C1,34,1,2,3', 'C2,35,4,5,6']), '--db', db, '--outlet', 'Kandy', '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ shape: 'customerSpend', imported: 2, unusedColumns: [] });
    expect(r.json().decisions).toContain('The file has no outlet column: every customer is booked to "Kandy".');
    expect(query(db, 'SELECT c.code, o.name FROM customer_spend s JOIN customers c ON c.id = s.customer_id JOIN outlets o ON o.id = s.outlet_id ORDER BY c.code')).toEqual([
      { code: 'C1', name: 'Kandy' },
      { code: 'C2', name: 'Kandy' },
    ]);

    const list = cli('import', write('list.csv', ['Customer ID,Age,Gender', 'C7,34,F']), '--db', db, '--outlet', 'Galle', '--json');
    expect(list.code, list.stdout).toBe(0);
    expect(query(db, "SELECT o.name FROM customers c JOIN outlets o ON o.id = c.home_outlet_id WHERE c.code = 'C7'")).toEqual([{ name: 'Galle' }]);
  });
});

describe('columns the import does not use are said', () => {
  it('lists them in the JSON and in the words of the summary', () => {
    const file = write('list.csv', ['Customer ID,Age,Gender,Notes,Favourite Colour', 'C1,34,F,called,blue']);
    const r = cli('import', file, '--db', tmpFile('a.sqlite'), '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json().unusedColumns).toEqual(['Notes', 'Favourite Colour']);
    const text = cli('import', write('list2.csv', ['Customer ID,Age,Notes', 'C2,34,x']), '--db', tmpFile('b.sqlite'));
    expect(text.stdout).toMatch(/^not used +Notes$/m);
  });
});
