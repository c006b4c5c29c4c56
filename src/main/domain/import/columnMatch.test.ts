import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databasePerTest, testJob } from '../../testing/database';
import { analyseFile } from './analyse';
import { detectShape, type Shape } from './columns';
import { headerWords } from './headerWords';

const env = databasePerTest();

/** A file on disk with these headers and one row of plain values, checked as the import's first pass checks it. */
async function analysed(headers: string[]) {
  const file = env.tmp.file('export.csv');
  fs.writeFileSync(file, `${headers.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',')}\n${headers.map((_, i) => `v${i}`).join(',')}\n`);
  return analyseFile(env.conn.sqlite, { file }, testJob);
}

describe('headers read as a person reads them', () => {
  it.each<[string, Shape, string[], string, string, RegExp]>([
    ['outlet with a town', 'customerSpend', ['cust_no', 'outlet_town', 'fresh', 'dry', 'luxury'], 'outlet', 'outlet_town', /^outlet named with a qualifier: town$/],
    ['store with a city', 'customerSpend', ['Customer ID', 'store_city', 'Fresh Spend', 'Dry Spend', 'Luxury Spend'], 'outlet', 'store_city', /qualifier: city/],
    ['branch with a location', 'customerSpend', ['Customer ID', 'branch_location', 'Fresh', 'Dry', 'Luxury'], 'outlet', 'branch_location', /qualifier: location/],
    ['town of the store, words reversed', 'customerSpend', ['cust_no', 'town_of_store', 'fresh', 'dry', 'luxury'], 'outlet', 'town_of_store', /qualifier: town/],
    ['member number written out', 'salesLines', ['Member_Number', 'InvoiceDate', 'Outlet', 'StockCode', 'Qty', 'Amount'], 'customer', 'Member_Number', /member\/loyalty number taken as the customer/],
    ['loyalty card number', 'salesLines', ['Loyalty_Card_No', 'Date', 'Outlet', 'Amount'], 'customer', 'Loyalty_Card_No', /member\/loyalty number taken as the customer/],
    ['member id', 'salesLines', ['member id', 'Date', 'Outlet', 'Amount'], 'customer', 'member id', /usual name/],
    ['membership card, camelCase', 'salesLines', ['MembershipCardID', 'Date', 'Outlet', 'Amount'], 'customer', 'MembershipCardID', /member\/loyalty/],
    ['item group', 'salesLines', ['Date', 'Outlet', 'Item Group', 'Amount'], 'category', 'Item Group', /product group wording/],
    ['product family', 'salesLines', ['Date', 'Outlet', 'Product Family', 'Amount'], 'category', 'Product Family', /product group wording/],
    ['sub department over department', 'salesLines', ['Date', 'Outlet', 'Department', 'Sub Department', 'Amount'], 'category', 'Sub Department', /^finer of two category columns \(Sub Department over Department\)$/],
    ['catalogue: category over department', 'products', ['SKU', 'Description', 'Department', 'Category', 'Price'], 'category', 'Category', /^finer of two category columns \(Category over Department\)$/],
    ['catalogue: sub category, abbreviated', 'products', ['Item Code', 'Dept', 'SubCat', 'MRP'], 'category', 'SubCat', /finer of two category columns \(SubCat over Dept\)/],
    ['words in another order', 'salesLines', ['Date Invoice', 'Number Member', 'Store Name', 'Amount'], 'soldAt', 'Date Invoice', /^same words in another order$/],
    ['abbreviations', 'salesLines', ['Txn Dt', 'Cust Nbr', 'Outlet', 'Amt'], 'amount', 'Amt', /“amt” read as amount/],
    ['plurals', 'salesLines', ['Dates', 'Customers', 'Outlets', 'Quantities', 'Amounts'], 'quantity', 'Quantities', /singular or plural/],
    ['dotted and upper case', 'salesLines', ['INVOICE.DATE', 'CUSTOMER.NUM', 'OUTLET', 'LINE.AMOUNT'], 'customer', 'CUSTOMER.NUM', /“num” read as number/],
  ])('%s', async (_, shape, headers, field, header, reason) => {
    const analysis = await analysed(headers);
    expect(analysis.shape).toBe(shape);
    expect(analysis.missing.filter((m) => !/Fresh|Dry|Luxury|Date|price/.test(m))).toEqual([]);
    expect(analysis.headers[analysis.mapping[field] as number]).toBe(header);
    const match = analysis.columnMatches.find((m) => m.field === field);
    expect(match).toMatchObject({ header, reason: expect.stringMatching(reason) });
    expect(match?.confidence).toBeGreaterThan(0.5);
    expect(match?.confidence).toBeLessThanOrEqual(1);
  });

  it('keeps a count apart from a number: "No of Bills" is the visits, "Bill No" the basket', async () => {
    expect(headerWords('No_of_Bills').words).toEqual(['count', 'bill']);
    expect(headerWords('Bill No').words).toEqual(['bill', 'number']);
    const sales = await analysed(['Bill No', 'Date', 'Outlet', 'Amount']);
    expect(sales.mapping.basket).toBe(0);
    const spend = await analysed(['cust_no', 'Num Visits', 'store', 'fresh', 'dry', 'luxury']);
    expect(spend.mapping).toMatchObject({ customer: 0, visits: 1, outlet: 2 });
  });

  it('takes nothing for a word that only looks alike', () => {
    // An age group is about people, a payment card is not the customer: neither is taken.
    expect(detectShape(['Customer Code', 'Age Group', 'Gender'])).toBe('customers');
    const file = ['Date', 'Card Type', 'Customer Group', 'Amount'];
    return analysed(file).then(async (a) => {
      expect(a.mapping).toMatchObject({ customer: null, category: null });
      // "Card" is how someone paid, "Unit" a unit of measure (not "Units" sold), "Account No" a ledger's.
      const till = await analysed(['Date', 'Card', 'Unit', 'Account No', 'Amount']);
      expect(till.mapping).toMatchObject({ customer: null, quantity: null });
    });
  });

  it('prefers a named category column to a finer one holding codes', async () => {
    const a = await analysed(['Date', 'Outlet', 'Department Name', 'Sub Department Code', 'Amount']);
    expect(a.headers[a.mapping.category as number]).toBe('Department Name');
  });

  it('names two columns that fit a field equally, and a file with a clear name is not a question', async () => {
    const two = await analysed(['cust_no', 'store_city', 'branch_town', 'fresh', 'dry', 'luxury']);
    expect(two.ambiguousColumns).toEqual([{ field: 'outlet', label: 'Outlet', columns: ['store_city', 'branch_town'] }]);
    const named = await analysed(['cust_no', 'store_name', 'store_city', 'fresh', 'dry', 'luxury']);
    expect(named.ambiguousColumns).toEqual([]);
    expect(named.headers[named.mapping.outlet as number]).toBe('store_name');
  });

  it.each<[string, string[]]>([
    ['LUX_AMT', ['luxury', 'amount']],
    ['Lux. Rs.', ['luxury', 'rs']],
    ['Dry Amt (LKR)', ['dry', 'amount', 'lkr']],
    ['Fresh Val', ['fresh', 'value']],
    ['VISIT_CNT', ['visit', 'count']],
    ['Qty Sold', ['quantity', 'sold']],
    ['Txn Dt', ['transaction', 'date']],
    ['TXNS', ['transaction']],
    ['Total Rupees', ['total', 'rs']],
    ['Ttl Rev', ['total', 'revenue']],
    ['STORECITY', ['store', 'city']],
    ['custid', ['customer', 'id']],
    ['VISITCNT', ['visit', 'count']],
    ['Country', ['country']],
    ['Discount', ['discount']],
  ])('reads the abbreviation in %s', (header, words) => {
    expect(headerWords(header).words).toEqual(words);
  });

  it.each<[string, string]>([
    ['Fresh Sales Value', 'fresh'],
    ['Value of Fresh Sales', 'fresh'],
    ['FRESH_SALES_RS', 'fresh'],
    ['Total Fresh Purchases', 'fresh'],
    ['Lux. Rs.', 'luxury'],
    ['LUX_AMT', 'luxury'],
    ['Premium Goods Revenue', 'luxury'],
    ['Dry Amt (LKR)', 'dry'],
    ['Grocery Net Sales', 'dry'],
    ['Misc Spend', 'other'],
  ])('takes %s as the %s spend', async (header, field) => {
    const others = ['fresh', 'dry', 'luxury', 'other'].filter((f) => f !== field).slice(0, 2);
    const a = await analysed(['Customer Card', 'Location', header, ...others]);
    expect(a.shape).toBe('customerSpend');
    expect(a.headers[a.mapping[field] as number]).toBe(header);
    expect(a.headers[a.mapping.customer as number]).toBe('Customer Card');
  });

  it('takes no spend for money words without a category, nor a category without money words', async () => {
    const a = await analysed(['Customer ID', 'Outlet', 'Total Spend (Rs.)', 'Fresh Visits', 'Dry', 'Luxury']);
    expect(a.mapping).toMatchObject({ fresh: null, dry: 4, luxury: 5, other: null });
  });
});
