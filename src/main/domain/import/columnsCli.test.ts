import { describe, expect, it } from 'vitest';
import { cliOnFiles } from '../../testing/cliFiles';

// Real exports' headers through the real command line: a file written to disk, `import` run as a user runs it.
const { cli, query, write, file: tmpFile } = cliOnFiles();

/** Ten members, each buying the same item at the same outlet for the same amount on two days: alike once the member is dropped. */
function memberSales(memberHeader: string): string[] {
  const lines = [`${memberHeader},Date,Outlet,Item Code,Qty,Amount`];
  for (const day of ['2026-03-01 10:00', '2026-03-02 10:00']) {
    for (let m = 1; m <= 10; m++) lines.push(`M${String(m).padStart(3, '0')},${day},Kandy,P1,1,100.00`);
  }
  return lines;
}

describe('import recognises columns as a person would', () => {
  it('imports a customer-level export whose outlet column is store_city, each customer at the right outlet', () => {
    const file = write('warehouse.csv', ['Customer ID,store_city,Fresh Spend,Dry Spend,Luxury Spend', 'C1,Kandy,100,200,50', 'C2,Galle,10,20,5', 'C3,Matara,30,40,10']);
    const db = tmpFile('shop.sqlite');
    const r = cli('import', file, '--db', db, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, shape: 'customerSpend', imported: 3, rejected: 0 });
    expect(r.json().columnMatches).toContainEqual({ field: 'outlet', label: 'Outlet', column: 'store_city', confidence: 0.9, reason: 'outlet named with a qualifier: city' });
    expect(query(db, 'SELECT c.code, o.name AS outlet FROM customer_spend s JOIN customers c ON c.id = s.customer_id JOIN outlets o ON o.id = s.outlet_id ORDER BY c.code')).toEqual([
      { code: 'C1', outlet: 'Kandy' },
      { code: 'C2', outlet: 'Galle' },
      { code: 'C3', outlet: 'Matara' },
    ]);

    const text = cli('import', write('branches.csv', ['cust_no,branch_location,fresh,dry,luxury', 'C9,Kandy,1,2,3']), '--db', db);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}Outlet ← branch_location · 90% · outlet named with a qualifier: location$/m);
    expect(text.stdout).toMatch(/^ {2}Customer ID ← cust_no · 100% · a usual name for the Customer ID$/m);
  });

  it('takes a Member_Number column as the customer: no anonymous lines and no false duplicates', () => {
    const db = tmpFile('shop.sqlite');
    const r = cli('import', write('members.csv', memberSales('Member_Number')), '--db', db, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ rowsRead: 20, imported: 20, duplicatesInFile: 0, anonymous: 0, customersNew: 10 });
    expect(r.json().columnMatches).toContainEqual(expect.objectContaining({ field: 'customer', column: 'Member_Number', reason: 'member/loyalty number taken as the customer' }));
    expect(query(db, 'SELECT count(DISTINCT customer_id) AS n FROM sales_lines WHERE customer_id IS NOT NULL')).toEqual([{ n: 10 }]);

    // The same lines with a column nobody would call the customer: what the member column saves them from.
    const lost = cli('import', write('unnamed.csv', memberSales('Ref')), '--db', tmpFile('other.sqlite'), '--json');
    expect(lost.json()).toMatchObject({ duplicatesInFile: 18, anonymous: 2 });
  });

  it('loyalty card numbers and product groups, through the whole import', () => {
    const db = tmpFile('shop.sqlite');
    const file = write('loyalty.csv', [
      'Loyalty_Card_No,Txn Date,Store Name,Product Family,Sub Department,Qty,Amt',
      'L1,2026-03-01 10:00,Kandy,Food,Vegetables,1,100.00',
      'L2,2026-03-01 11:00,Kandy,Food,Chocolates,1,250.00',
    ]);
    const r = cli('import', file, '--db', db, '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ imported: 2, anonymous: 0, customersNew: 2, categoriesOther: [] });
    expect(r.json().columnMatches).toContainEqual(expect.objectContaining({ field: 'category', column: 'Sub Department', reason: 'finer of two category columns (Sub Department over Product Family)' }));
    expect(query(db, 'SELECT c.code, k.code AS category FROM sales_lines s JOIN customers c ON c.id = s.customer_id JOIN categories k ON k.id = s.category_id ORDER BY c.code')).toEqual([
      { code: 'L1', category: 'fresh' },
      { code: 'L2', category: 'luxury' },
    ]);
  });

  it('--map and --category-column choose columns by name (any case) or number', () => {
    const db = tmpFile('shop.sqlite');
    const file = write('till.csv', ['Date,Where,Aisle,Amount,Member_Number', '2026-03-01 10:00,Galle,Vegetables,100.00,M1', '2026-03-01 11:00,Kandy,Chocolates,250.00,M2']);
    const r = cli('import', file, '--db', db, '--map', 'Outlet=where', '--map', 'CUSTOMER ID=5', '--category-column', '3', '--json');
    expect(r.code, r.stdout).toBe(0);
    expect(r.json()).toMatchObject({ imported: 2, categoriesOther: [], read: { columns: { outlet: 'Where', category: 'Aisle' }, mappingFrom: 'automatic, with --map' } });
    expect(r.json().columnMatches).toContainEqual({ field: 'outlet', label: 'Outlet', column: 'Where', confidence: 1, reason: 'chosen with --map' });
    expect(r.json().columnMatches).toContainEqual({ field: 'customer', label: 'Customer ID', column: 'Member_Number', confidence: 1, reason: 'chosen with --map' });
    expect(r.json()).toMatchObject({ customersNew: 2, anonymous: 0 });
    expect(query(db, 'SELECT o.name AS outlet, k.code AS category FROM sales_lines s JOIN outlets o ON o.id = s.outlet_id JOIN categories k ON k.id = s.category_id ORDER BY s.amount_cents')).toEqual([
      { outlet: 'Galle', category: 'fresh' },
      { outlet: 'Kandy', category: 'luxury' },
    ]);

    // A --map wins over what was recognised: here the member column is taken as the basket instead.
    const over = cli('import', file, '--db', tmpFile('b.sqlite'), '--map', 'basket=Member_Number', '--json');
    expect(over.json()).toMatchObject({ ok: true, anonymous: 2, read: { columns: { basket: 'Member_Number', customer: null } } });
  });

  it('--help shows --map and --category-column', () => {
    const help = cli('--help').stdout;
    expect(help).toMatch(/--map FIELD=COLUMN +Say which column holds a field; repeatable/);
    expect(help).toMatch(/--category-column COLUMN +The column holding the product category/);
  });

  it('--map to a field or column that does not exist says what exists', () => {
    const file = write('till.csv', ['Date,Where,Amount', '2026-03-01 10:00,Galle,100.00']);
    const noColumn = cli('import', file, '--db', tmpFile('a.sqlite'), '--map', 'outlet=Town', '--json');
    expect(noColumn.code).toBe(1);
    expect(noColumn.json()).toEqual({ ok: false, error: { kind: 'validation', message: '--map outlet="Town": till.csv has no such column. Its columns are: 1 Date, 2 Where, 3 Amount.' } });
    const noField = cli('import', file, '--db', tmpFile('a.sqlite'), '--map', 'shop=Where');
    expect(noField.code).toBe(1);
    expect(noField.stderr).toMatch(/--map shop=…: a file of sales lines .* has no field "shop"\. Its fields are: soldAt \(Date\), time \(Time \(if separate\)\), customer \(Customer ID\), outlet \(Outlet\)/);
    expect(noField.stderr).not.toMatch(/at applyOverrides/);
    expect(cli('import', file, '--db', tmpFile('a.sqlite'), '--map', 'outlet', '--json').json()).toMatchObject({ error: { message: expect.stringMatching(/--map takes FIELD=COLUMN/) } });
  });

  it('a required field with no column, or two equally likely, gives the columns and the exact --map to add', () => {
    const file = write('stores.csv', ['cust_no,zone,fresh,dry,luxury', 'C1,Kandy,100,200,50']);
    const missing = cli('import', file, '--db', tmpFile('a.sqlite'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'Error: No column of stores.csv looks like the Outlet. Its columns are: cust_no, zone, fresh, dry, luxury. Add --map outlet=COLUMN, for example --map outlet="zone". Or, if every row is from one outlet, add --outlet NAME.',
    );
    const fixed = cli('import', file, '--db', tmpFile('a.sqlite'), '--map', 'outlet="zone"', '--json');
    expect(fixed.json()).toMatchObject({ ok: true, imported: 1 });

    const two = write('two.csv', ['cust_no,store_city,branch_town,fresh,dry,luxury', 'C1,Kandy,Kandy,100,200,50']);
    const ambiguous = cli('import', two, '--db', tmpFile('b.sqlite'), '--json');
    expect(ambiguous.json()).toMatchObject({
      ok: false,
      error: {
        message:
          'In two.csv, "store_city" and "branch_town" look equally like the Outlet. Its columns are: cust_no, store_city, branch_town, fresh, dry, luxury. Say which with --map outlet="store_city" or --map outlet="branch_town".',
      },
    });
    expect(cli('import', two, '--db', tmpFile('b.sqlite'), '--map', 'outlet=branch_town', '--json').json()).toMatchObject({ ok: true, read: { columns: { outlet: 'branch_town' } } });
  });
});
