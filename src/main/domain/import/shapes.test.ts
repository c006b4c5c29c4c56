import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/connection';
import { deleteImport } from '../sales/imports';
import { databasePerTest, testJob as job } from '../../testing/database';
import { builtCli } from '../../testing/temp';
import { analyseFile } from './analyse';
import { autoMapping, detectShape, missingFields, type Shape } from './columns';
import { automaticDecisions, type ImportDecisions } from './decisions';
import { runImport, type ImportSummary } from './run';

const env = databasePerTest();

/** Writes `lines` as a file and imports it with the command line's decisions, changed by `edit` when given. */
async function load(name: string, lines: string[], edit?: (d: ImportDecisions) => void) {
  const file = env.tmp.file(name);
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const analysis = await analyseFile(env.conn.sqlite, { file }, job);
  const { decisions, notes } = automaticDecisions(analysis);
  edit?.(decisions);
  // Small hand-written amounts: the scale check (its own tests in guard.test.ts) is not what these test.
  const summary = await runImport(env.conn.sqlite, { ...decisions, amountsConfirmed: true }, job);
  expect(summary.imported + summary.duplicatesInFile + summary.alreadyImported + summary.rejected).toBe(summary.rowsRead);
  return { analysis, decisions, summary, notes };
}

const all = (sql: string, ...params: unknown[]) => env.conn.sqlite.prepare(sql).all(...params);
const one = (sql: string, ...params: unknown[]) => env.conn.sqlite.prepare(sql).pluck().get(...params);
const reasons = (s: ImportSummary) => Object.fromEntries(s.rejectedByReason.map((r) => [r.reason, r.rows]));

describe('which shape a file is', () => {
  it.each<[Shape, string[]]>([
    ['customerSpend', ['Customer ID', 'Outlet', 'Fresh Spend', 'Dry Spend', 'Luxury Spend', 'Visits', 'Last Purchase Date', 'Segment']],
    ['customerSpend', ['cust_no', 'store', 'fresh_sales_lkr', 'dry_sales_lkr', 'luxury_sales_lkr', 'other_sales_lkr', 'no_of_bills', 'first_purchase', 'last_purchase']],
    ['customerSpend', ['Loyalty No', 'Home Branch', 'Fresh', 'Dry Goods', 'Premium', 'Cluster']],
    ['customerSpend', ['CustomerID', 'Outlet', 'Perishables', 'Groceries', 'Luxury Rs', 'Group label', 'Transactions', 'Total']],
    ['products', ['SKU', 'Description', 'Category', 'Unit Price']],
    ['products', ['Item Code', 'Item Name', 'Department', 'MRP']],
    ['products', ['Code', 'Name', 'Dept', 'Price (Rs.)']],
    ['products', ['Barcode', 'Product', 'Product Group']],
    ['salesLines', ['Date', 'Bill No', 'Customer Code', 'Outlet', 'Item Code', 'Item', 'Department', 'Qty', 'Amount (Rs.)']],
    ['salesLines', ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']],
    ['salesLines', ['Txn Date', 'Item Code', 'Category', 'Unit Price']],
    ['salesLines', ['Invoice', 'CustomerID', 'Outlet', 'Amount']],
    ['salesLines', ['Bill No', 'Item Code', 'Category', 'Qty']],
    ['customers', ['Customer_ID', 'DOB', 'Sex', 'Home Store']],
    ['customers', ['Customer Code', 'Age', 'Gender', 'Home Outlet', 'Join Date']],
    ['customers', ['Code', 'Name', 'Category', 'Age', 'Gender']],
  ])('%s: %j', (shape, headers) => {
    expect(detectShape(headers)).toBe(shape);
  });

  it('map warehouse spend columns to their categories, and name the one missing', () => {
    const mapping = autoMapping('customerSpend', ['cust_no', 'store', 'fresh_sales_lkr', 'dry_sales_lkr', 'luxury_sales_lkr', 'other_sales_lkr', 'no_of_bills', 'first_purchase', 'last_purchase']);
    expect(mapping).toEqual({ customer: 0, outlet: 1, fresh: 2, dry: 3, luxury: 4, other: 5, visits: 6, firstPurchase: 7, lastPurchase: 8, segment: null, age: null, birthDate: null, gender: null });
    const twoOfThree = ['Member ID', 'Branch', 'Fresh Rs', 'Luxury Rs'];
    expect(detectShape(twoOfThree)).toBe('customerSpend');
    expect(missingFields('customerSpend', autoMapping('customerSpend', twoOfThree))).toEqual(['Dry spend']);
    expect(autoMapping('products', ['Code', 'Name', 'Dept', 'Price (Rs.)'])).toEqual({ productCode: 0, description: 1, category: 2, unitPrice: 3 });
  });
});

const spendHeader = 'Customer ID,Outlet,Fresh Spend,Dry Spend,Luxury Spend,Other Spend,Visits,First Purchase,Last Purchase,Segment';
const spendRows = [
  'C001,KANDY,"12,500.00",8400,1200.50,300,14,04/01/2025,20/12/2025,Family shoppers',
  'C002,Colmbo,0,15000,,,6,11/03/2025,30/11/2025,Budget',
  'C003,Galle Fort,"Rs. 4,000",2500,9000,0,9,01/02/2025,24/12/2025,"  Premium   treats "',
  'C004,Kandy,-500,100,100,0,2,01/02/2025,01/03/2025,Budget',
  'C005,Kandy,lots,100,100,0,2,01/02/2025,01/03/2025,Budget',
  'C006,Kandy,,,,,1,01/02/2025,01/03/2025,Budget',
  'C001,KANDY,"12,500.00",8400,1200.50,300,14,04/01/2025,20/12/2025,Family shoppers',
  'C002,Colmbo,99,99,99,,6,11/03/2025,30/11/2025,Budget',
  'C007,,100,100,100,0,3,01/02/2025,01/03/2025,Budget',
  'C008,Kandy,100,100,100,0,0,01/02/2025,01/03/2025,Budget',
  'C009,Kandy,100,100,100,0,3,01/06/2025,01/05/2025,Budget',
  '1010.0,Jaffna,500,500,500,,3,01/04/2025,20/04/2025,',
];

function spendTable() {
  return all(
    `SELECT c.code, o.name AS outlet, s.fresh_cents AS fresh, s.dry_cents AS dry, s.luxury_cents AS luxury, s.other_cents AS other,
            s.visits, s.first_purchase AS first, s.last_purchase AS last, s.segment_label AS segment, s.import_id AS importId
     FROM customer_spend s JOIN customers c ON c.id = s.customer_id JOIN outlets o ON o.id = s.outlet_id ORDER BY c.code`,
  );
}

describe('customer-level sales', () => {
  it('import one row per customer: spend in cents, outlets through the outlet decisions, every row in one bucket', async () => {
    const master = await load('customers.csv', ['Customer_ID,Age,Gender', 'C003,41,F']);
    expect(master.summary).toMatchObject({ shape: 'customers', customersNew: 1 });

    const { analysis, summary, notes } = await load('warehouse.csv', [spendHeader, ...spendRows]);
    expect(analysis).toMatchObject({ shape: 'customerSpend', missing: [], dates: { column: 'First Purchase', order: 'dmy', needsDecision: false } });
    expect(analysis.outlets.map((o) => [o.spelling, o.suggestion?.name])).toEqual([
      ['KANDY', 'Kandy'],
      ['Colmbo', 'Colombo'],
      ['Galle Fort', 'Galle'],
      ['Jaffna', 'Jaffna'],
    ]);
    expect(notes.join('\n')).toMatch(/Colmbo" → Colombo/);
    expect(summary).toMatchObject({
      shape: 'customerSpend',
      rowsRead: 12,
      imported: 5,
      duplicatesInFile: 1,
      alreadyImported: 0,
      rejected: 6,
      customersNew: 4,
      customersUpdated: 1,
      productsNew: 0,
      productsUpdated: 0,
      firstSale: '2025-01-04 00:00:00',
      lastSale: '2025-12-24 00:00:00',
      outletsAdded: [],
    });
    expect(reasons(summary)).toEqual({
      'Fresh Spend is negative (returns larger than purchases)': 1,
      'Spend is empty or zero in every category': 1,
      'Customer ID appears again with other values (the first row was imported)': 1,
      'Outlet is empty': 1,
      'Visits is not a whole number above zero': 1,
      'Last Purchase is before the first purchase': 1,
    });
    const importId = summary.importId;
    expect(spendTable()).toEqual([
      { code: '1010', outlet: 'Jaffna', fresh: 50000, dry: 50000, luxury: 50000, other: 0, visits: 3, first: '2025-04-01', last: '2025-04-20', segment: null, importId },
      { code: 'C001', outlet: 'Kandy', fresh: 1250000, dry: 840000, luxury: 120050, other: 30000, visits: 14, first: '2025-01-04', last: '2025-12-20', segment: 'Family shoppers', importId },
      { code: 'C002', outlet: 'Colombo', fresh: 0, dry: 1500000, luxury: 0, other: 0, visits: 6, first: '2025-03-11', last: '2025-11-30', segment: 'Budget', importId },
      { code: 'C003', outlet: 'Galle', fresh: 400000, dry: 250000, luxury: 900000, other: 0, visits: 9, first: '2025-02-01', last: '2025-12-24', segment: 'Premium treats', importId },
      // "lots" cannot be read: that spend is unknown, and the customer is kept.
      { code: 'C005', outlet: 'Kandy', fresh: null, dry: 10000, luxury: 10000, other: 0, visits: 2, first: '2025-02-01', last: '2025-03-01', segment: 'Budget', importId },
    ]);
    expect(summary.unreadableCells).toEqual([{ column: 'Fresh Spend', rows: 1 }]);
    // New customers get the row's outlet as home outlet; a known customer keeps what it had.
    expect(all('SELECT c.code, o.name AS home, c.age FROM customers c LEFT JOIN outlets o ON o.id = c.home_outlet_id ORDER BY c.code')).toEqual([
      { code: '1010', home: 'Jaffna', age: null },
      { code: 'C001', home: 'Kandy', age: null },
      { code: 'C002', home: 'Colombo', age: null },
      { code: 'C003', home: null, age: 41 },
      { code: 'C005', home: 'Kandy', age: null },
    ]);
    expect(all('SELECT row_number AS row, column_name AS col, value FROM import_errors WHERE import_id = ? ORDER BY row_number', importId)).toEqual([
      { row: 5, col: 'Fresh Spend', value: '-500' },
      { row: 6, col: 'Fresh Spend', value: 'lots' },
      { row: 7, col: null, value: '(empty) | (empty) | (empty) | (empty)' },
      { row: 9, col: 'Customer ID', value: 'C002' },
      { row: 10, col: 'Outlet', value: '' },
      { row: 11, col: 'Visits', value: '0' },
      { row: 12, col: 'Last Purchase', value: '01/05/2025' },
    ]);
  });

  it('a file without an "other" column leaves other spend unknown, not zero', async () => {
    const { summary } = await load('no-other.csv', ['Loyalty No,Home Branch,Fresh,Dry Goods,Premium,Cluster', 'L1,Matara,100,200,300,Gold']);
    expect(summary).toMatchObject({ shape: 'customerSpend', imported: 1 });
    expect(spendTable()).toEqual([
      { code: 'L1', outlet: 'Matara', fresh: 10000, dry: 20000, luxury: 30000, other: null, visits: null, first: null, last: null, segment: 'Gold', importId: summary.importId },
    ]);
  });

  it('replace a customer’s row when imported again; deleting an import removes exactly the rows it still holds', async () => {
    await load('customers.csv', ['Customer_ID,Age,Gender', 'C003,41,F']);
    const first = await load('warehouse.csv', [spendHeader, ...spendRows]);
    const second = await load('warehouse-january.csv', [
      spendHeader,
      'C001,Kandy,100,200,300,400,2,02/01/2026,15/01/2026,Lapsed',
      'C010,Negombo,50,50,50,0,1,03/01/2026,03/01/2026,New',
    ]);
    expect(second.summary).toMatchObject({ imported: 2, customersNew: 1, customersUpdated: 1 });
    expect(spendTable()).toHaveLength(6);
    expect(spendTable()).toContainEqual(expect.objectContaining({ code: 'C001', fresh: 10000, segment: 'Lapsed', importId: second.summary.importId }));

    // The second import brought C001's current row and C010 (row and customer); C001 itself came with the first.
    deleteImport(env.conn.sqlite, second.summary.importId as number);
    expect(spendTable().map((r) => (r as { code: string }).code)).toEqual(['1010', 'C002', 'C003', 'C005']);
    expect(all('SELECT code FROM customers ORDER BY code').map((r) => (r as { code: string }).code)).toEqual(['1010', 'C001', 'C002', 'C003', 'C005']);

    // The first: its rows, and the customers it created; C003 came from the customer list and stays.
    const removed = deleteImport(env.conn.sqlite, first.summary.importId as number);
    expect(removed).toEqual({ removedSalesLines: 0, removedCustomers: 4 });
    expect(spendTable()).toEqual([]);
    expect(all('SELECT code FROM customers')).toEqual([{ code: 'C003' }]);
    expect(env.conn.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('replace the same file’s earlier import when asked, with the same counts', async () => {
    const first = await load('warehouse.csv', [spendHeader, ...spendRows]);
    const again = await load('warehouse.csv', [spendHeader, ...spendRows], (d) => {
      d.ifImported = 'replace';
    });
    expect(again.summary).toMatchObject({ replacedImportId: first.summary.importId, imported: 5, customersNew: 5, customersUpdated: 0, rejected: 6 });
    expect(spendTable()).toHaveLength(5);
    expect(one('SELECT count(*) FROM imports')).toBe(1);
  });
});

const salesHeader = 'Date,Bill No,Customer Code,Outlet,Item Code,Item,Department,Qty,Amount';
const catalogueHeader = 'SKU,Description,Department,Unit Price (Rs.)';
const catalogueRows = [
  'P1,Fresh Milk 1L,Dairy,320.00',
  'P2,Basmati Rice 5kg,Grocery,"2,450"',
  'P3,Old Reserve Arrack,Liquor,4800',
  'P4,Pencils,Stationery,150',
  'P5,,Chilled Desserts,',
  'P10,Reload card,Services,100',
  ',Nameless,Dairy,100',
  'P6,Soap,,90',
  'P7,Tea,Beverages,-5',
  'P8,Coffee,Beverages,abc',
  'P2,Basmati Rice 5kg,Grocery,"2,450"',
  'P3,Arrack,Liquor,4900',
];

function products() {
  return all(
    `SELECT p.code, p.name, g.code AS category, p.unit_price_cents AS price, p.import_id AS importId
     FROM products p JOIN categories g ON g.id = p.category_id ORDER BY p.code`,
  );
}

function lineCategories() {
  return all(
    `SELECT p.code, g.code AS category FROM sales_lines s JOIN products p ON p.id = s.product_id
     JOIN categories g ON g.id = s.category_id ORDER BY s.sold_at`,
  );
}

describe('product catalogues', () => {
  it('upsert products by code, categories through the category decisions; later sales without a category take the product’s', async () => {
    const before = await load('sales-march.csv', [salesHeader, '02/03/2026,B1,C1,Kandy,P1,Milk,Misc,1,300']);
    expect(before.summary).toMatchObject({ imported: 1, categoriesOther: [{ source: 'Misc', rows: 1 }] });

    const { analysis, summary } = await load('catalogue.csv', [catalogueHeader, ...catalogueRows], (d) => {
      d.categories.stationery = 'dry';
    });
    expect(analysis.shape).toBe('products');
    expect(Object.fromEntries(analysis.categories.map((c) => [c.source, [c.category, c.how]]))).toEqual({
      Dairy: ['fresh', 'usual name'],
      Grocery: ['dry', 'usual name'],
      Liquor: ['luxury', 'usual name'],
      Stationery: ['other', 'not recognised'],
      'Chilled Desserts': ['fresh', 'usual name'],
      Services: ['other', 'not recognised'],
      Beverages: ['dry', 'usual name'],
    });
    expect(summary).toMatchObject({
      shape: 'products',
      rowsRead: 12,
      imported: 6,
      duplicatesInFile: 1,
      rejected: 5,
      productsNew: 5,
      productsUpdated: 1,
      customersNew: 0,
      customersUpdated: 0,
      firstSale: null,
      categoriesOther: [{ source: 'Services', rows: 1 }],
    });
    expect(reasons(summary)).toEqual({
      'SKU is empty': 1,
      'Department is empty': 1,
      'Unit Price (Rs.) is negative': 1,
      'Unit Price (Rs.) is not a number': 1,
      'SKU appears again with other values (the first row was imported)': 1,
    });
    const catalogue = summary.importId;
    expect(products()).toEqual([
      { code: 'P1', name: 'Fresh Milk 1L', category: 'fresh', price: 32000, importId: null },
      { code: 'P10', name: 'Reload card', category: 'other', price: 10000, importId: catalogue },
      { code: 'P2', name: 'Basmati Rice 5kg', category: 'dry', price: 245000, importId: catalogue },
      { code: 'P3', name: 'Old Reserve Arrack', category: 'luxury', price: 480000, importId: catalogue },
      { code: 'P4', name: 'Pencils', category: 'dry', price: 15000, importId: catalogue },
      { code: 'P5', name: 'P5', category: 'fresh', price: null, importId: catalogue },
    ]);
    // The user's decision is remembered for the next file.
    const next = await analyseFile(env.conn.sqlite, { file: env.tmp.file('catalogue.csv') }, job);
    expect(next.categories.find((c) => c.source === 'Stationery')).toMatchObject({ category: 'dry', how: 'remembered' });

    // The line imported before keeps the category it came with; new lines without a category take the catalogue's.
    const after = await load('sales-april.csv', [
      'Date,Bill No,Customer Code,Outlet,Item Code,Qty,Amount',
      '02/04/2026,B2,C1,Kandy,P1,2,640',
      '03/04/2026,B3,C1,Kandy,P2,1,2450',
      '04/04/2026,B4,C2,Kandy,P9,1,75',
    ]);
    expect(after.summary).toMatchObject({ imported: 3, productsNew: 0, productsUpdated: 0 });
    expect(lineCategories()).toEqual([
      { code: 'P1', category: 'other' },
      { code: 'P1', category: 'fresh' },
      { code: 'P2', category: 'dry' },
      { code: 'P9', category: 'other' },
    ]);

    // Deleting the catalogue removes the products it created that no line refers to; P1 (updated) and P2 (sold) stay.
    deleteImport(env.conn.sqlite, catalogue as number);
    expect(products()).toEqual([
      { code: 'P1', name: 'Fresh Milk 1L', category: 'fresh', price: 32000, importId: null },
      { code: 'P2', name: 'Basmati Rice 5kg', category: 'dry', price: 245000, importId: null },
      { code: 'P9', name: 'P9', category: 'other', price: 7500, importId: null },
    ]);
    expect(lineCategories()).toHaveLength(4);
    expect(env.conn.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('keep a product’s name and price when a later catalogue has none', async () => {
    await load('full.csv', [catalogueHeader, 'P1,Fresh Milk 1L,Dairy,320']);
    const { summary } = await load('codes-only.csv', ['Item Code,Dept', 'P1,Bakery', 'P2,Frozen']);
    expect(summary).toMatchObject({ shape: 'products', productsNew: 1, productsUpdated: 1 });
    expect(products()).toEqual([
      expect.objectContaining({ code: 'P1', name: 'Fresh Milk 1L', category: 'fresh', price: 32000 }),
      expect.objectContaining({ code: 'P2', name: 'P2', category: 'fresh', price: null }),
    ]);
  });
});

describe('the command line', () => {
  it('imports customer-level sales with no extra flags, and says so in one JSON object', () => {
    const file = env.tmp.file('warehouse.csv');
    fs.writeFileSync(file, [spendHeader, ...spendRows].join('\n'));
    const db = env.tmp.file('cli.sqlite');
    const r = spawnSync(process.execPath, [builtCli, 'import', file, '--db', db, '--json', '--accept-amounts'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ok: true,
      command: 'import',
      shape: 'customerSpend',
      rowsRead: 12,
      imported: 5,
      duplicatesInFile: 1,
      rejected: 6,
      customersNew: 5,
      customersUpdated: 0,
      productsNew: 0,
      productsUpdated: 0,
      read: { shape: 'customerSpend', columns: { customer: 'Customer ID', outlet: 'Outlet', fresh: 'Fresh Spend', dry: 'Dry Spend', luxury: 'Luxury Spend', other: 'Other Spend', visits: 'Visits' } },
    });
    expect((out.decisions as string[]).join('\n')).toMatch(/Galle Fort" → Galle/);
    const check = openDatabase(db);
    expect(check.sqlite.prepare('SELECT count(*) FROM customer_spend').pluck().get()).toBe(5);
    check.close();
  });
});
