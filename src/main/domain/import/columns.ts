/*
 * The shapes of export the importer understands, their fields, and the
 * header names each field goes by in real exports. Headers are read as
 * words (columnMatch.ts): `CustomerID`, `Customer_ID`, `customer code`,
 * `Cust No` and `Number Customer` are all the customer.
 */
import type { CategoryCode } from '../../../shared/domain';
import { importShapes, type ImportShape } from '../../../shared/imports';
import { matchColumns, type MatchResult } from './columnMatch';

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
  /** Its usual header names, as words; earlier names are stronger ("invoice date" beats "date"). */
  synonyms: string[];
  /** Wording recognised beyond the names (see columnMatch.ts). */
  rule?: 'customer' | 'outlet' | 'homeOutlet' | 'category' | 'spend';
  /** For a spend field: the category's names, which any words for money may surround in any order. */
  stems?: readonly string[];
}

const customer: FieldSpec = {
  key: 'customer',
  label: 'Customer ID',
  synonyms: ['customer id', 'customer', 'customer code', 'cust no', 'customer no', 'customer number', 'cust id', 'cust code', 'client id', 'client', 'loyalty id', 'loyalty card', 'loyalty no', 'loyalty number', 'member id', 'member no', 'card no', 'card number', 'membership no'],
  rule: 'customer',
};
const outletSynonyms = ['outlet', 'outlet name', 'store', 'store name', 'shop', 'shop name', 'branch', 'branch name', 'location', 'site', 'outlet code', 'store code', 'branch code'];
const homeOutletSynonyms = ['home outlet', 'home store', 'home branch', 'preferred outlet', 'registered outlet'];
const productCode: FieldSpec = { key: 'productCode', label: 'Product code', synonyms: ['stock code', 'product code', 'item code', 'sku', 'barcode', 'product id', 'item id', 'item no', 'article', 'article no', 'plu', 'ean', 'product no'] };
const description: FieldSpec = { key: 'description', label: 'Product description', synonyms: ['description', 'product name', 'item name', 'product', 'item', 'item description', 'product description', 'desc', 'name', 'sku description', 'sku name', 'article description', 'article name'] };
const category: FieldSpec = {
  key: 'category',
  label: 'Category / department',
  synonyms: ['category', 'department', 'dept', 'product category', 'category name', 'section', 'division', 'product group', 'group', 'class', 'sales category'],
  rule: 'category',
};
const unitPrice: FieldSpec = { key: 'unitPrice', label: 'Unit price', synonyms: ['unit price', 'price', 'price per unit', 'selling price', 'rate', 'unit rate', 'mrp', 'item price'] };

/**
 * A category's spend as warehouse exports name it: the category alone
 * ("Premium"), or with a word for money before or after it and a currency
 * after ("Fresh Spend", "fresh_sales_lkr", "Luxury Rs", "Spend Dry").
 */
function spendSynonyms(...stems: string[]): string[] {
  const words = ['', 'spend', 'spending', 'sales', 'amount', 'value', 'revenue', 'total', 'purchases'];
  const currencies = ['', 'lkr', 'rs'];
  const names = new Set<string>();
  const phrase = (...parts: string[]): string => parts.filter((p) => p !== '').join(' ');
  for (const stem of stems) {
    for (const word of words) {
      for (const currency of currencies) {
        names.add(phrase(stem, word, currency));
        if (word !== '') names.add(phrase(word, stem, currency));
      }
    }
  }
  return [...names];
}

/** A spend field: its usual names, and the rule that reads any other arrangement of the category and money words. */
function spendField(key: string, label: string, ...stems: string[]): FieldSpec {
  return { key, label, synonyms: spendSynonyms(...stems), rule: 'spend', stems };
}

/** The spend columns of customer-level sales: each field is keyed by the category it counts for. */
export const spendCategories = ['fresh', 'dry', 'luxury', 'other'] as const satisfies readonly CategoryCode[];

export const shapeFields: Record<Shape, FieldSpec[]> = {
  salesLines: [
    { key: 'soldAt', label: 'Date', synonyms: ['invoice date', 'date', 'date time', 'transaction date', 'txn date', 'sale date', 'sales date', 'bill date', 'order date', 'purchase date', 'doc date', 'posting date', 'timestamp', 'sold at', 'invoice date time', 'visit date', 'shopping date', 'trip date', 'receipt date', 'purchase date time'] },
    { key: 'time', label: 'Time (if separate)', synonyms: ['time', 'invoice time', 'transaction time', 'txn time', 'bill time', 'sale time'] },
    customer,
    { key: 'outlet', label: 'Outlet', synonyms: outletSynonyms, rule: 'outlet' },
    { key: 'basket', label: 'Invoice / basket', synonyms: ['invoice no', 'invoice', 'invoice number', 'invoice id', 'bill no', 'bill', 'bill number', 'receipt', 'receipt no', 'receipt number', 'basket', 'basket id', 'transaction id', 'transaction', 'txn id', 'txn no', 'order id', 'order no', 'order number', 'doc no'] },
    productCode,
    description,
    category,
    { key: 'quantity', label: 'Quantity', synonyms: ['quantity', 'qty', 'units', 'units sold', 'qty sold', 'pieces', 'pcs', 'volume', 'items', 'no of items', 'number of items', 'item count', 'item quantity', 'items bought', 'no of units', 'unit count'] },
    unitPrice,
    { key: 'amount', label: 'Line amount', synonyms: ['amount', 'line amount', 'line total', 'total', 'sales', 'sales amount', 'sales value', 'value', 'net amount', 'gross amount', 'total amount', 'revenue', 'amount lkr', 'amount rs', 'lkr', 'line value', 'net sales'] },
  ],
  customers: [
    customer,
    { key: 'age', label: 'Age', synonyms: ['age', 'age years', 'customer age'] },
    { key: 'birthDate', label: 'Birth date', synonyms: ['birth date', 'date of birth', 'dob', 'birthday', 'born'] },
    { key: 'gender', label: 'Gender', synonyms: ['gender', 'sex'] },
    { key: 'homeOutlet', label: 'Home outlet', synonyms: [...homeOutletSynonyms, ...outletSynonyms], rule: 'homeOutlet' },
    { key: 'joinedOn', label: 'Join date', synonyms: ['join date', 'joined on', 'joined', 'member since', 'registration date', 'registered on', 'sign up date', 'enrolment date', 'enrollment date', 'created on'] },
  ],
  customerSpend: [
    customer,
    { key: 'outlet', label: 'Outlet', synonyms: [...outletSynonyms, ...homeOutletSynonyms, 'main outlet', 'main store', 'main branch', 'primary outlet', 'primary store', 'top outlet'], rule: 'homeOutlet' },
    spendField('fresh', 'Fresh spend', 'fresh', 'fresh food', 'fresh foods', 'fresh produce', 'fresh goods', 'perishables'),
    spendField('dry', 'Dry spend', 'dry', 'dry goods', 'dry food', 'dry foods', 'grocery', 'groceries', 'dry grocery', 'dry groceries'),
    spendField('luxury', 'Luxury spend', 'luxury', 'luxuries', 'luxury goods', 'premium', 'premium goods'),
    spendField('other', 'Other spend', 'other', 'others', 'other goods', 'misc', 'miscellaneous'),
    { key: 'visits', label: 'Visits (baskets)', synonyms: ['visits', 'visit count', 'no of visits', 'number of visits', 'num visits', 'total visits', 'frequency', 'baskets', 'basket count', 'no of baskets', 'number of baskets', 'transactions', 'transaction count', 'no of transactions', 'number of transactions', 'txns', 'txn count', 'bills', 'bill count', 'no of bills', 'invoices', 'invoice count', 'no of invoices', 'trips', 'shopping trips', 'orders', 'order count', 'no of orders', 'purchase count', 'no of purchases', 'number of purchases', 'visit frequency', 'store visits'] },
    { key: 'firstPurchase', label: 'First purchase date', synonyms: ['first purchase date', 'first purchase', 'first visit date', 'first visit', 'first sale date', 'first sale', 'first transaction date', 'first transaction', 'first txn date', 'first bill date', 'first order date', 'first seen', 'first shopped', 'customer since', 'active since'] },
    { key: 'lastPurchase', label: 'Last purchase date', synonyms: ['last purchase date', 'last purchase', 'last visit date', 'last visit', 'last sale date', 'last sale', 'last transaction date', 'last transaction', 'last txn date', 'last bill date', 'last order date', 'last seen', 'last shopped', 'last active', 'most recent purchase', 'recency date'] },
    { key: 'segment', label: 'Segment label', synonyms: ['segment', 'segment label', 'segment name', 'customer segment', 'cluster', 'cluster label', 'cluster name', 'cluster id', 'group label', 'group name', 'customer group', 'group', 'persona'] },
    // Optional, read as the customer list reads them (person.ts): a warehouse export often carries them.
    { key: 'age', label: 'Age', synonyms: ['age', 'age years', 'customer age'] },
    { key: 'birthDate', label: 'Birth date', synonyms: ['birth date', 'date of birth', 'dob', 'birthday', 'born'] },
    { key: 'gender', label: 'Gender', synonyms: ['gender', 'sex'] },
  ],
  products: [
    { ...productCode, synonyms: [...productCode.synonyms, 'code', 'sku code', 'item number', 'product number', 'article code'] },
    description,
    category,
    { ...unitPrice, synonyms: [...unitPrice.synonyms, 'retail price', 'list price', 'price lkr', 'price rs', 'unit price lkr', 'unit price rs', 'selling price lkr'] },
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

/** Maps each field to the column most like it (see columnMatch.ts). */
export function autoMapping(shape: Shape, headers: readonly string[]): ColumnMapping {
  return matchColumns(shapeFields[shape], headers).mapping;
}

/** The automatic mapping with each match's confidence and reason, and the fields two columns fit equally. */
export function matchShapeColumns(shape: Shape, headers: readonly string[]): MatchResult {
  return matchColumns(shapeFields[shape], headers);
}

/** What the mapping lacks to import this shape, as the user would read it. */
export function missingFields(shape: Shape, mapping: ColumnMapping, outletGiven = false): string[] {
  const labels = new Map(shapeFields[shape].map((f) => [f.key, f.label]));
  return missingGroups(shape, mapping, outletGiven).map((anyOf) => anyOf.map((k) => labels.get(k)).join(' or '));
}

/** The required groups no column fills; the outlet is not missing when every row is booked to one (--outlet). */
export function missingGroups(shape: Shape, mapping: ColumnMapping, outletGiven = false): string[][] {
  const outlet = outletField[shape];
  return requiredFields[shape]
    .filter((anyOf) => !(outletGiven && outlet !== null && anyOf.includes(outlet)))
    .filter((anyOf) => anyOf.every((k) => mapping[k] === null || mapping[k] === undefined));
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
