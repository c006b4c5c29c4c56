/*
 * The shapes of export the importer understands, their fields, and the
 * header names each field goes by in real exports. Headers are compared
 * without case, spaces, underscores or punctuation: `CustomerID`,
 * `Customer_ID`, `customer code` and `Cust No` are all the customer.
 */
import type { CategoryCode } from '../../shared/domain';
import { importShapes, type ImportShape } from '../../shared/imports';

export const shapes = importShapes;
export type Shape = ImportShape;

export const shapeLabels: Record<Shape, string> = {
  salesLines: 'Sales lines (one row per item sold)',
  customers: 'Customer list (one row per customer)',
  customerSpend: 'Customer-level sales (one row per customer, spend per category)',
  products: 'Product catalogue (one row per product)',
};

export interface FieldSpec {
  key: string;
  label: string;
  synonyms: string[];
}

const customer: FieldSpec = {
  key: 'customer',
  label: 'Customer ID',
  synonyms: ['customerid', 'customer', 'customercode', 'custno', 'customerno', 'customernumber', 'custid', 'custcode', 'clientid', 'client', 'loyaltyid', 'loyaltycard', 'loyaltyno', 'loyaltynumber', 'memberid', 'memberno', 'cardno', 'cardnumber', 'membershipno'],
};
const outletSynonyms = ['outlet', 'outletname', 'store', 'storename', 'shop', 'shopname', 'branch', 'branchname', 'location', 'site', 'outletcode', 'storecode', 'branchcode'];
const homeOutletSynonyms = ['homeoutlet', 'homestore', 'homebranch', 'preferredoutlet', 'registeredoutlet'];
const productCode: FieldSpec = { key: 'productCode', label: 'Product code', synonyms: ['stockcode', 'productcode', 'itemcode', 'sku', 'barcode', 'productid', 'itemid', 'itemno', 'article', 'articleno', 'plu', 'ean', 'productno'] };
const description: FieldSpec = { key: 'description', label: 'Product description', synonyms: ['description', 'productname', 'itemname', 'product', 'item', 'itemdescription', 'productdescription', 'desc', 'name'] };
const category: FieldSpec = { key: 'category', label: 'Category / department', synonyms: ['category', 'department', 'dept', 'productcategory', 'categoryname', 'section', 'division', 'productgroup', 'group', 'class', 'salescategory'] };
const unitPrice: FieldSpec = { key: 'unitPrice', label: 'Unit price', synonyms: ['unitprice', 'price', 'priceperunit', 'sellingprice', 'rate', 'unitrate', 'mrp', 'itemprice'] };

/**
 * A category's spend as warehouse exports name it: the category alone
 * ("Premium"), or with a word for money before or after it and a currency
 * after ("Fresh Spend", "fresh_sales_lkr", "Luxury Rs", "Spend Dry").
 */
function spendSynonyms(...stems: string[]): string[] {
  const words = ['', 'spend', 'spending', 'sales', 'amount', 'value', 'revenue', 'total', 'purchases'];
  const currencies = ['', 'lkr', 'rs'];
  const names = new Set<string>();
  for (const stem of stems) {
    for (const word of words) {
      for (const currency of currencies) {
        names.add(stem + word + currency);
        if (word !== '') names.add(word + stem + currency);
      }
    }
  }
  return [...names];
}

/** The spend columns of customer-level sales: each field is keyed by the category it counts for. */
export const spendCategories = ['fresh', 'dry', 'luxury', 'other'] as const satisfies readonly CategoryCode[];

export const shapeFields: Record<Shape, FieldSpec[]> = {
  salesLines: [
    { key: 'soldAt', label: 'Date', synonyms: ['invoicedate', 'date', 'datetime', 'transactiondate', 'txndate', 'saledate', 'salesdate', 'billdate', 'orderdate', 'purchasedate', 'docdate', 'postingdate', 'timestamp', 'soldat', 'invoicedatetime'] },
    { key: 'time', label: 'Time (if separate)', synonyms: ['time', 'invoicetime', 'transactiontime', 'txntime', 'billtime', 'saletime'] },
    customer,
    { key: 'outlet', label: 'Outlet', synonyms: outletSynonyms },
    { key: 'basket', label: 'Invoice / basket', synonyms: ['invoiceno', 'invoice', 'invoicenumber', 'invoiceid', 'billno', 'bill', 'billnumber', 'receipt', 'receiptno', 'receiptnumber', 'basket', 'basketid', 'transactionid', 'transaction', 'txnid', 'txnno', 'orderid', 'orderno', 'ordernumber', 'docno'] },
    productCode,
    description,
    category,
    { key: 'quantity', label: 'Quantity', synonyms: ['quantity', 'qty', 'units', 'unitssold', 'qtysold', 'pieces', 'pcs', 'volume'] },
    unitPrice,
    { key: 'amount', label: 'Line amount', synonyms: ['amount', 'lineamount', 'linetotal', 'total', 'sales', 'salesamount', 'salesvalue', 'value', 'netamount', 'grossamount', 'totalamount', 'revenue', 'amountlkr', 'amountrs', 'lkr', 'linevalue', 'netsales'] },
  ],
  customers: [
    customer,
    { key: 'age', label: 'Age', synonyms: ['age', 'ageyears', 'customerage'] },
    { key: 'birthDate', label: 'Birth date', synonyms: ['birthdate', 'dateofbirth', 'dob', 'birthday', 'born'] },
    { key: 'gender', label: 'Gender', synonyms: ['gender', 'sex'] },
    { key: 'homeOutlet', label: 'Home outlet', synonyms: [...homeOutletSynonyms, ...outletSynonyms] },
    { key: 'joinedOn', label: 'Join date', synonyms: ['joindate', 'joinedon', 'joined', 'membersince', 'registrationdate', 'registeredon', 'signupdate', 'enrolmentdate', 'enrollmentdate', 'createdon'] },
  ],
  customerSpend: [
    customer,
    { key: 'outlet', label: 'Outlet', synonyms: [...outletSynonyms, ...homeOutletSynonyms, 'mainoutlet', 'mainstore', 'mainbranch', 'primaryoutlet', 'primarystore', 'topoutlet'] },
    { key: 'fresh', label: 'Fresh spend', synonyms: spendSynonyms('fresh', 'freshfood', 'freshfoods', 'freshproduce', 'freshgoods', 'perishables') },
    { key: 'dry', label: 'Dry spend', synonyms: spendSynonyms('dry', 'drygoods', 'dryfood', 'dryfoods', 'grocery', 'groceries', 'drygrocery', 'drygroceries') },
    { key: 'luxury', label: 'Luxury spend', synonyms: spendSynonyms('luxury', 'luxuries', 'luxurygoods', 'premium', 'premiumgoods') },
    { key: 'other', label: 'Other spend', synonyms: spendSynonyms('other', 'others', 'othergoods', 'misc', 'miscellaneous') },
    { key: 'visits', label: 'Visits (baskets)', synonyms: ['visits', 'visitcount', 'noofvisits', 'numberofvisits', 'numvisits', 'totalvisits', 'frequency', 'baskets', 'basketcount', 'noofbaskets', 'numberofbaskets', 'transactions', 'transactioncount', 'nooftransactions', 'numberoftransactions', 'txns', 'txncount', 'bills', 'billcount', 'noofbills', 'invoices', 'invoicecount', 'noofinvoices', 'trips', 'shoppingtrips', 'orders', 'ordercount', 'nooforders'] },
    { key: 'firstPurchase', label: 'First purchase date', synonyms: ['firstpurchasedate', 'firstpurchase', 'firstvisitdate', 'firstvisit', 'firstsaledate', 'firstsale', 'firsttransactiondate', 'firsttransaction', 'firsttxndate', 'firstbilldate', 'firstorderdate', 'firstseen', 'firstshopped', 'customersince', 'activesince'] },
    { key: 'lastPurchase', label: 'Last purchase date', synonyms: ['lastpurchasedate', 'lastpurchase', 'lastvisitdate', 'lastvisit', 'lastsaledate', 'lastsale', 'lasttransactiondate', 'lasttransaction', 'lasttxndate', 'lastbilldate', 'lastorderdate', 'lastseen', 'lastshopped', 'lastactive', 'mostrecentpurchase', 'recencydate'] },
    { key: 'segment', label: 'Segment label', synonyms: ['segment', 'segmentlabel', 'segmentname', 'customersegment', 'cluster', 'clusterlabel', 'clustername', 'clusterid', 'grouplabel', 'groupname', 'customergroup', 'group', 'persona'] },
  ],
  products: [
    { ...productCode, synonyms: [...productCode.synonyms, 'code', 'skucode', 'itemnumber', 'productnumber', 'articlecode'] },
    description,
    category,
    { ...unitPrice, synonyms: [...unitPrice.synonyms, 'retailprice', 'listprice', 'pricelkr', 'pricers', 'unitpricelkr', 'unitpricers', 'sellingpricelkr'] },
  ],
};

/** Per shape, the field naming each row's outlet (none for a catalogue). */
export const outletField: Record<Shape, string | null> = { salesLines: 'outlet', customers: 'homeOutlet', customerSpend: 'outlet', products: null };
/** Per shape, the field holding a source category to be mapped to the chain's categories. */
export const categoryField: Record<Shape, string | null> = { salesLines: 'category', customers: null, customerSpend: null, products: 'category' };

/** Per shape, the fields a file must have (each inner list: at least one of them). */
export const requiredFields: Record<Shape, string[][]> = {
  // A line needs its value, or at least what was bought: a purchase history without money is items and visits.
  salesLines: [['soldAt'], ['unitPrice', 'amount', 'productCode', 'description', 'basket']],
  customers: [['customer'], ['age', 'birthDate', 'gender', 'homeOutlet', 'joinedOn']],
  // Fresh, dry and luxury are what segments are told apart by; "other" is optional.
  customerSpend: [['customer'], ['outlet'], ['fresh'], ['dry'], ['luxury']],
  products: [['productCode'], ['category']],
};

/** field key → column index, or null when the file has no such column. */
export type ColumnMapping = Record<string, number | null>;

export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Maps each field to the first header that is one of its names. */
export function autoMapping(shape: Shape, headers: readonly string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of shapeFields[shape]) {
    let found: number | null = null;
    // Earlier synonyms are stronger: "InvoiceDate" beats "Date".
    for (const name of field.synonyms) {
      const i = keys.findIndex((k, idx) => k === name && !used.has(idx));
      if (i >= 0) {
        found = i;
        break;
      }
    }
    if (found !== null) used.add(found);
    mapping[field.key] = found;
  }
  return mapping;
}

/** What the mapping lacks to import this shape, as the user would read it. */
export function missingFields(shape: Shape, mapping: ColumnMapping): string[] {
  const labels = new Map(shapeFields[shape].map((f) => [f.key, f.label]));
  return requiredFields[shape]
    .filter((anyOf) => anyOf.every((k) => mapping[k] === null || mapping[k] === undefined))
    .map((anyOf) => anyOf.map((k) => labels.get(k)).join(' or '));
}

/**
 * The shape whose fields the headers fit best. Clear signs first: a dated
 * amount is sales; a customer with spend in two or more categories is
 * customer-level sales; product codes with categories and nothing of a sale
 * or a person is a catalogue. Otherwise the most required fields present,
 * then the most fields.
 */
export function detectShape(headers: readonly string[]): Shape {
  const present = (shape: Shape, keys: readonly string[]): number => {
    const mapping = autoMapping(shape, headers);
    return keys.filter((k) => mapping[k] !== null).length;
  };
  const sales = autoMapping('salesLines', headers);
  const has = (k: string): boolean => sales[k] !== null;
  const personal = present('customers', ['age', 'birthDate', 'gender']) > 0;
  if (has('soldAt') && (has('amount') || has('unitPrice'))) return 'salesLines';
  if (has('soldAt') && has('customer') && ['productCode', 'description', 'basket'].some(has)) return 'salesLines';
  if (has('customer') && present('customerSpend', spendCategories) >= 2) return 'customerSpend';
  // A unit price is fine: catalogues have one.
  if (present('products', ['productCode', 'category']) === 2 && !['soldAt', 'amount', 'basket', 'customer'].some(has) && !personal) return 'products';
  // Money or quantities make it sales, even when a required column (say the date) is missing:
  // better to ask for that column than to read the file as a customer list.
  if (['amount', 'unitPrice', 'quantity', 'basket'].some(has)) return 'salesLines';
  // Ages and genders are about people: a customer list, even without a recognised customer column.
  if (personal) return 'customers';
  let best: { shape: Shape; score: number } = { shape: 'salesLines', score: -1 };
  for (const shape of shapes) {
    const mapping = autoMapping(shape, headers);
    const mapped = Object.values(mapping).filter((v) => v !== null).length;
    const score = (requiredFields[shape].length - missingFields(shape, mapping).length) * 100 + mapped;
    if (score > best.score) best = { shape, score };
  }
  return best.shape;
}

/** Identifies a header row for remembering mappings: same headers, same mapping. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(headerKey).join('|');
}
