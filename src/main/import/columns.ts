/*
 * The shapes of export the importer understands, their fields, and the
 * header names each field goes by in real exports. Headers are compared
 * without case, spaces, underscores or punctuation: `CustomerID`,
 * `Customer_ID`, `customer code` and `Cust No` are all the customer.
 */
import { importShapes, type ImportShape } from '../../shared/imports';

export const shapes = importShapes;
export type Shape = ImportShape;

export const shapeLabels: Record<Shape, string> = {
  salesLines: 'Sales lines (one row per item sold)',
  customers: 'Customer list (one row per customer)',
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

export const shapeFields: Record<Shape, FieldSpec[]> = {
  salesLines: [
    { key: 'soldAt', label: 'Date', synonyms: ['invoicedate', 'date', 'datetime', 'transactiondate', 'txndate', 'saledate', 'salesdate', 'billdate', 'orderdate', 'purchasedate', 'docdate', 'postingdate', 'timestamp', 'soldat', 'invoicedatetime'] },
    { key: 'time', label: 'Time (if separate)', synonyms: ['time', 'invoicetime', 'transactiontime', 'txntime', 'billtime', 'saletime'] },
    customer,
    { key: 'outlet', label: 'Outlet', synonyms: outletSynonyms },
    { key: 'basket', label: 'Invoice / basket', synonyms: ['invoiceno', 'invoice', 'invoicenumber', 'invoiceid', 'billno', 'bill', 'billnumber', 'receipt', 'receiptno', 'receiptnumber', 'basket', 'basketid', 'transactionid', 'transaction', 'txnid', 'txnno', 'orderid', 'orderno', 'ordernumber', 'docno'] },
    { key: 'productCode', label: 'Product code', synonyms: ['stockcode', 'productcode', 'itemcode', 'sku', 'barcode', 'productid', 'itemid', 'itemno', 'article', 'articleno', 'plu', 'ean', 'productno'] },
    { key: 'description', label: 'Product description', synonyms: ['description', 'productname', 'itemname', 'product', 'item', 'itemdescription', 'productdescription', 'desc', 'name'] },
    { key: 'category', label: 'Category / department', synonyms: ['category', 'department', 'dept', 'productcategory', 'categoryname', 'section', 'division', 'productgroup', 'group', 'class', 'salescategory'] },
    { key: 'quantity', label: 'Quantity', synonyms: ['quantity', 'qty', 'units', 'unitssold', 'qtysold', 'pieces', 'pcs', 'volume'] },
    { key: 'unitPrice', label: 'Unit price', synonyms: ['unitprice', 'price', 'priceperunit', 'sellingprice', 'rate', 'unitrate', 'mrp', 'itemprice'] },
    { key: 'amount', label: 'Line amount', synonyms: ['amount', 'lineamount', 'linetotal', 'total', 'sales', 'salesamount', 'salesvalue', 'value', 'netamount', 'grossamount', 'totalamount', 'revenue', 'amountlkr', 'amountrs', 'lkr', 'linevalue', 'netsales'] },
  ],
  customers: [
    customer,
    { key: 'age', label: 'Age', synonyms: ['age', 'ageyears', 'customerage'] },
    { key: 'birthDate', label: 'Birth date', synonyms: ['birthdate', 'dateofbirth', 'dob', 'birthday', 'born'] },
    { key: 'gender', label: 'Gender', synonyms: ['gender', 'sex'] },
    { key: 'homeOutlet', label: 'Home outlet', synonyms: ['homeoutlet', 'homestore', 'homebranch', 'preferredoutlet', 'registeredoutlet', ...outletSynonyms] },
    { key: 'joinedOn', label: 'Join date', synonyms: ['joindate', 'joinedon', 'joined', 'membersince', 'registrationdate', 'registeredon', 'signupdate', 'enrolmentdate', 'enrollmentdate', 'createdon'] },
  ],
};

/** Per shape, the fields a file must have (each inner list: at least one of them). */
export const requiredFields: Record<Shape, string[][]> = {
  salesLines: [['soldAt'], ['unitPrice', 'amount']],
  customers: [['customer'], ['age', 'birthDate', 'gender', 'homeOutlet', 'joinedOn']],
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

/** The shape whose fields the headers fit best (most required fields present, then most fields). */
export function detectShape(headers: readonly string[]): Shape {
  // Money or quantities make it sales, even when a required column (say the date) is missing:
  // better to ask for that column than to read the file as a customer list.
  const sales = autoMapping('salesLines', headers);
  if (['amount', 'unitPrice', 'quantity', 'basket'].some((k) => sales[k] !== null)) return 'salesLines';
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
