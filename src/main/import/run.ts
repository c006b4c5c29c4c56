import type { Database } from 'better-sqlite3';
import type { CategoryCode } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { BatchInsert } from '../db/batch';
import { throwIfCancelled, type JobContext } from '../jobs/types';
import { DailyTotals } from '../sales/daily';
import { deleteImport, findImportByHash } from '../sales/imports';
import { categoryKey, defaultCategory } from './categories';
import { headerSignature, missingFields, shapeFields } from './columns';
import { parseDate, type DateOrder } from './dates';
import type { ImportDecisions, OutletDecision } from './decisions';
import { parseNumber, toCents } from './numbers';
import { outletKey } from './outlets';
import { displayName, emptyFileError, readRecords } from './source';

export interface ImportSummary {
  importId: number | null;
  file: string;
  shape: ImportDecisions['shape'];
  /** True when the same file had been imported before and the user chose to skip it. */
  skipped: boolean;
  replacedImportId: number | null;
  rowsRead: number;
  imported: number;
  duplicatesInFile: number;
  alreadyImported: number;
  rejected: number;
  rejectedByReason: Array<{ reason: string; rows: number }>;
  /** Of the imported lines: */
  returns: number;
  cancellations: number;
  anonymous: number;
  customersNew: number;
  customersUpdated: number;
  firstSale: string | null;
  lastSale: string | null;
  outletsAdded: string[];
  categoriesOther: Array<{ source: string; rows: number }>;
  /** Rejected rows kept in the import report (the first 100,000). */
  errorsStored: number;
}

export const maxStoredErrors = 100_000;
/** Rejected rows remembered to recognise their exact copies (beyond this, copies count as rejected). */
const maxTrackedRejects = 1_000_000;
const batchRows = 256;

/**
 * The second pass: reads the file again and writes what it holds in one
 * transaction. Every row ends in exactly one bucket: imported, duplicate
 * within the file, already imported earlier, or rejected with a reason.
 * A cancel, an error or a killed process leaves the database as it was.
 */
export async function runImport(db: Database, decisions: ImportDecisions, job: JobContext): Promise<ImportSummary> {
  const missing = missingFields(decisions.shape, decisions.mapping);
  if (missing.length > 0) {
    throw new AppError('validation', `Choose the column that holds the ${missing.join(', and the ')} before importing.`);
  }
  const previous = findImportByHash(db, decisions.contentHash);
  const summary = emptySummary(decisions);
  if (previous && decisions.ifImported === 'ask') {
    throw new AppError(
      'conflict',
      `This file was already imported on ${previous.finishedAt.slice(0, 10)} ("${previous.sourceName}"). Choose to skip it, or to replace that earlier import.`,
    );
  }
  if (previous && decisions.ifImported === 'skip') return { ...summary, skipped: true, importId: previous.importId };

  const startedAt = new Date().toISOString();
  // This worker's own connection: a 64 MB page cache (default 2 MB) keeps the hot index pages in memory while writing.
  db.pragma('cache_size = -65536');
  db.exec('BEGIN IMMEDIATE');
  try {
    // No deferred foreign keys: parents (outlets, products, customers) go in before the lines that
    // name them. With violations outstanding, SQLite would scan sales_lines on every parent insert.
    if (previous) {
      deleteImport(db, previous.importId);
      summary.replacedImportId = previous.importId;
    }
    const outletIds = resolveOutlets(db, decisions, summary);
    if (decisions.remember) rememberDecisions(db, decisions, outletIds);
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (kind, source_name, content_hash, shape, started_at, finished_at) VALUES ('file', ?, ?, ?, ?, ?)`,
        )
        .run(displayName(decisions.file), decisions.contentHash || null, decisions.shape, startedAt, startedAt).lastInsertRowid,
    );
    summary.importId = importId;
    const writer = decisions.shape === 'salesLines' ? new SalesLineWriter(db, importId, decisions, outletIds, summary) : new CustomerWriter(db, importId, decisions, outletIds, summary);
    let header: string[] | null = null;
    const read = await readRecords(
      decisions.file,
      { encoding: decisions.encoding ?? 'auto', delimiter: decisions.delimiter ?? 'auto', sheet: decisions.sheet ?? undefined },
      {
        record(fields, row) {
          if (header === null) {
            header = fields;
            writer.begin(fields);
            return;
          }
          summary.rowsRead++;
          writer.row(fields, row);
        },
        progress(bytes, size) {
          job.onProgress({ step: 'Importing rows', current: bytes, total: Math.max(size, 1), rows: summary.rowsRead });
          throwIfCancelled(job.signal);
        },
      },
    );
    if (header === null || summary.rowsRead === 0) throw emptyFileError(decisions.file);
    if (decisions.contentHash && read.contentHash !== decisions.contentHash) {
      throw new AppError('conflict', `${displayName(decisions.file)} changed since it was checked. Check it again before importing.`);
    }
    job.onProgress({ step: 'Finishing the import', current: 1, total: 1, rows: summary.rowsRead });
    writer.finish();
    dropUnusedNewOutlets(db, summary);
    summary.rejectedByReason.sort((a, b) => b.rows - a.rows);
    if (decisions.mappingName) saveMapping(db, decisions, header);
    db.prepare(
      `UPDATE imports SET rows_read = ?, rows_imported = ?, first_sale = ?, last_sale = ?, finished_at = ?, summary = ? WHERE id = ?`,
    ).run(summary.rowsRead, summary.imported, summary.firstSale, summary.lastSale, new Date().toISOString(), JSON.stringify(summary), importId);
    throwIfCancelled(job.signal);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  db.pragma('optimize');
  return summary;
}

function emptySummary(decisions: ImportDecisions): ImportSummary {
  return {
    importId: null,
    file: displayName(decisions.file),
    shape: decisions.shape,
    skipped: false,
    replacedImportId: null,
    rowsRead: 0,
    imported: 0,
    duplicatesInFile: 0,
    alreadyImported: 0,
    rejected: 0,
    rejectedByReason: [],
    returns: 0,
    cancellations: 0,
    anonymous: 0,
    customersNew: 0,
    customersUpdated: 0,
    firstSale: null,
    lastSale: null,
    outletsAdded: [],
    categoriesOther: [],
    errorsStored: 0,
  };
}

/** outlet key → outlet id, or null for a rejected spelling; new outlets are created here. */
function resolveOutlets(db: Database, decisions: ImportDecisions, summary: ImportSummary): Map<string, number | null> {
  const find = db.prepare('SELECT id FROM outlets WHERE name = ?').pluck();
  const insert = db.prepare("INSERT INTO outlets (name, city, province) VALUES (?, ?, '')");
  const created = new Map<string, number>();
  const idOf = (d: OutletDecision): number | null => {
    if (d.kind === 'reject') return null;
    if (d.kind === 'outlet') {
      if (db.prepare('SELECT 1 FROM outlets WHERE id = ?').get(d.outletId) === undefined) {
        throw new AppError('not_found', 'An outlet chosen for this import no longer exists. Check the outlets again.');
      }
      return d.outletId;
    }
    const name = d.name.trim().replace(/\s+/g, ' ');
    const existing = (find.get(name) as number | undefined) ?? created.get(name.toLowerCase());
    if (existing !== undefined) return existing;
    const id = Number(insert.run(name, name).lastInsertRowid);
    created.set(name.toLowerCase(), id);
    summary.outletsAdded.push(name);
    return id;
  };
  const ids = new Map<string, number | null>();
  for (const [key, decision] of Object.entries(decisions.outlets)) ids.set(key, idOf(decision));
  if (decisions.defaultOutlet) ids.set('', idOf(decisions.defaultOutlet));
  return ids;
}

/** A new outlet whose every row was rejected is not kept (nor is the remembered spelling for it). */
function dropUnusedNewOutlets(db: Database, summary: ImportSummary): void {
  const drop = db.prepare(
    `DELETE FROM outlets WHERE name = ?
     AND NOT EXISTS (SELECT 1 FROM sales_lines s WHERE s.outlet_id = outlets.id)
     AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.home_outlet_id = outlets.id)`,
  );
  summary.outletsAdded = summary.outletsAdded.filter((name) => drop.run(name).changes === 0);
}

function rememberDecisions(db: Database, decisions: ImportDecisions, outletIds: Map<string, number | null>): void {
  const alias = db.prepare(
    `INSERT INTO outlet_aliases (spelling, outlet_id, rejected) VALUES (?, ?, ?)
     ON CONFLICT (spelling) DO UPDATE SET outlet_id = excluded.outlet_id, rejected = excluded.rejected`,
  );
  for (const [key, id] of outletIds) if (key !== '') alias.run(key, id, id === null ? 1 : 0);
  const rule = db.prepare(
    `INSERT INTO category_rules (source, category_id) SELECT ?, id FROM categories WHERE code = ?
     ON CONFLICT (source) DO UPDATE SET category_id = excluded.category_id`,
  );
  for (const [key, code] of Object.entries(decisions.categories)) {
    if (key !== '' && (defaultCategory(key) ?? 'other') !== code) rule.run(key, code);
  }
}

function saveMapping(db: Database, decisions: ImportDecisions, header: string[]): void {
  const known: Record<string, number | null> = {};
  for (const f of shapeFields[decisions.shape]) known[f.key] = decisions.mapping[f.key] ?? null;
  db.prepare(
    `INSERT INTO column_mappings (name, shape, header_signature, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET shape = excluded.shape, header_signature = excluded.header_signature,
       mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(decisions.mappingName, decisions.shape, headerSignature(header.map((h, i) => h.trim() || `Column ${i + 1}`)), JSON.stringify(known), new Date().toISOString());
}

/** Shared by both writers: the reject bookkeeping and column access. */
abstract class RowWriter {
  protected headers: string[] = [];
  protected width = 0;
  private readonly reasons = new Map<string, number>();
  private readonly rejectedRows = new Set<number>();
  private readonly outletByText = new Map<string, number | null | undefined>();
  private readonly errors: BatchInsert;
  protected readonly categoryIds: Map<CategoryCode, number>;

  constructor(
    protected readonly db: Database,
    protected readonly importId: number,
    protected readonly decisions: ImportDecisions,
    protected readonly outletIds: Map<string, number | null>,
    protected readonly summary: ImportSummary,
  ) {
    this.errors = new BatchInsert(db, 'import_errors', ['import_id', 'row_number', 'column_name', 'value', 'reason'], 100);
    this.categoryIds = new Map(
      (db.prepare('SELECT id, code FROM categories').all() as Array<{ id: number; code: CategoryCode }>).map((r) => [r.code, r.id]),
    );
  }

  begin(header: string[]): void {
    this.headers = header.map((h, i) => h.trim() || `Column ${i + 1}`);
    this.width = header.length;
  }

  abstract row(fields: string[], row: number): void;

  finish(): void {
    this.errors.flush();
    this.summary.rejectedByReason = [...this.reasons.entries()].map(([reason, rows]) => ({ reason, rows }));
  }

  protected column(field: string): number | null {
    const i = this.decisions.mapping[field];
    return typeof i === 'number' ? i : null;
  }

  /** Checks the row's width; false (and rejected) when it does not fit the header. */
  protected fits(fields: string[], row: number): boolean {
    if (fields.length === this.width) return true;
    if (fields.length > this.width) {
      // XLSX rows may carry stray cells; a CSV row with extra fields has an unquoted delimiter in a value.
      if (fields.slice(this.width).every((f) => f.trim() === '')) return true;
      this.reject(row, null, fields.join(' | '), `Row has ${fields.length} columns, the header has ${this.width} (a value may hold an unquoted delimiter)`, fields);
      return false;
    }
    const needed = Object.values(this.decisions.mapping).some((i) => typeof i === 'number' && i >= fields.length);
    if (needed && this.decisions.delimiter !== null) {
      this.reject(row, null, fields.join(' | '), `Row has ${fields.length} columns, the header has ${this.width} (the row is cut short)`, fields);
      return false;
    }
    return true;
  }

  /**
   * Rejects a row with its reason, unless it is an exact copy of a row
   * rejected before: then it is a duplicate, like any repeated line.
   * (Accepted lines are told apart by the database's line identity.)
   */
  protected reject(row: number, column: number | null, value: string, reason: string, fields?: string[]): void {
    if (fields && this.rejectedRows.size < maxTrackedRejects) {
      const key = lineKey(fields.join('\u0001'));
      if (this.rejectedRows.has(key)) {
        this.summary.duplicatesInFile++;
        return;
      }
      this.rejectedRows.add(key);
    }
    const label = column === null ? null : (this.headers[column] ?? null);
    const full = label ? `${label} ${reason}` : reason;
    this.summary.rejected++;
    this.reasons.set(full, (this.reasons.get(full) ?? 0) + 1);
    if (this.summary.errorsStored < maxStoredErrors) {
      this.summary.errorsStored++;
      this.errors.add(this.importId, row, label, value.length > 200 ? `${value.slice(0, 200)}…` : value, full);
    }
  }

  /** The outlet a value names; normalised once per distinct text, as the same few names repeat on every row. */
  protected outletId(value: string): number | null | undefined {
    if (this.outletByText.has(value)) return this.outletByText.get(value);
    const id = this.outletIds.get(outletKey(value));
    this.outletByText.set(value, id);
    return id;
  }
}

interface PendingLine {
  id: number;
  soldAt: string;
  key: number;
  outletId: number;
  categoryId: number;
  cents: number;
  customerId: number | null;
  customerExisted: boolean;
  cancellation: boolean;
}

class SalesLineWriter extends RowWriter {
  private readonly lines: BatchInsert;
  private readonly insertCustomer;
  private readonly customerIds = new Map<string, number>();
  /** Customers with a lower id were there before this import. */
  private readonly firstNewCustomerId: number;
  private readonly touched = new Set<number>();
  private readonly products = new Map<string, { id: number; categoryId: number }>();
  private readonly insertProduct;
  private readonly findLine;
  private readonly daily = new DailyTotals();
  private pending: PendingLine[] = [];
  private nextLineId: number;
  private nextCustomerId: number;
  private nextProductId: number;
  private readonly otherId: number;
  private readonly categoryOf = new Map<string, number>();
  private readonly categoryKeys = new Map<string, string>();
  private readonly otherSources = new Map<string, { source: string; rows: number }>();
  private readonly order: DateOrder | null;
  private readonly c: Record<'soldAt' | 'time' | 'customer' | 'outlet' | 'basket' | 'productCode' | 'description' | 'category' | 'quantity' | 'unitPrice' | 'amount', number | null>;

  constructor(...args: ConstructorParameters<typeof RowWriter>) {
    super(...args);
    const db = this.db;
    this.lines = new BatchInsert(
      db,
      'sales_lines',
      ['id', 'import_id', 'sold_at', 'basket', 'customer_id', 'outlet_id', 'product_id', 'category_id', 'quantity', 'amount_cents', 'line_key'],
      batchRows,
      'INSERT OR IGNORE',
    );
    this.insertCustomer = db.prepare('INSERT INTO customers (id, code, import_id) VALUES (?, ?, ?)');
    for (const r of db.prepare('SELECT id, code FROM customers').raw().iterate() as Iterable<[number, string]>) this.customerIds.set(r[1], r[0]);
    for (const r of db.prepare('SELECT id, code, category_id FROM products').raw().iterate() as Iterable<[number, string, number]>) {
      this.products.set(r[1], { id: r[0], categoryId: r[2] });
    }
    const max = (t: string): number => ((db.prepare(`SELECT max(id) FROM ${t}`).pluck().get() as number | null) ?? 0) + 1;
    this.nextLineId = max('sales_lines');
    this.nextCustomerId = max('customers');
    this.firstNewCustomerId = this.nextCustomerId;
    this.nextProductId = max('products');
    this.insertProduct = db.prepare('INSERT INTO products (id, code, name, category_id, unit_price_cents) VALUES (?, ?, ?, ?, ?)');
    this.findLine = db.prepare('SELECT id, import_id FROM sales_lines WHERE sold_at = ? AND line_key = ?').raw();
    this.otherId = this.categoryIds.get('other') as number;
    const rules = new Map(Object.entries(this.decisions.categories));
    for (const [key, code] of rules) this.categoryOf.set(key, this.categoryIds.get(code) as number);
    this.order = this.decisions.dateOrder;
    const col = (k: string): number | null => this.column(k);
    this.c = {
      soldAt: col('soldAt'), time: col('time'), customer: col('customer'), outlet: col('outlet'), basket: col('basket'),
      productCode: col('productCode'), description: col('description'), category: col('category'),
      quantity: col('quantity'), unitPrice: col('unitPrice'), amount: col('amount'),
    };
  }

  row(fields: string[], row: number): void {
    if (!this.fits(fields, row)) return;
    const c = this.c;
    const at = (i: number | null): string => (i === null ? '' : (fields[i] ?? ''));

    const dateText = c.time === null ? at(c.soldAt) : `${at(c.soldAt).trim()} ${at(c.time).trim()}`;
    const date = parseDate(dateText, this.order);
    if (!date.ok) return this.reject(row, c.soldAt, dateText, date.reason, fields);

    let outletId: number | null | undefined;
    if (c.outlet === null) outletId = this.outletIds.get('');
    else {
      const name = at(c.outlet);
      if (name.trim() === '') return this.reject(row, c.outlet, name, 'is empty', fields);
      outletId = this.outletId(name);
      if (outletId === null) return this.reject(row, c.outlet, name, 'was rejected as an outlet', fields);
      if (outletId === undefined) return this.reject(row, c.outlet, name, 'is not an outlet confirmed for this import', fields);
    }

    let quantity = 1;
    if (c.quantity !== null) {
      const q = parseNumber(at(c.quantity));
      if (!q.ok) return this.reject(row, c.quantity, at(c.quantity), q.reason, fields);
      if (q.value === 0) return this.reject(row, c.quantity, at(c.quantity), 'is zero', fields);
      quantity = q.value;
    }
    let cents: number | null;
    if (c.amount !== null && at(c.amount).trim() !== '') {
      const a = parseNumber(at(c.amount));
      if (!a.ok) return this.reject(row, c.amount, at(c.amount), a.reason, fields);
      cents = toCents(a.value);
      if (cents !== null && cents > 0 && quantity < 0) cents = -cents;
    } else {
      if (c.unitPrice === null) return this.reject(row, c.amount, at(c.amount), 'is empty', fields);
      const p = parseNumber(at(c.unitPrice));
      if (!p.ok) return this.reject(row, c.unitPrice, at(c.unitPrice), p.reason, fields);
      if (p.value < 0) return this.reject(row, c.unitPrice, at(c.unitPrice), 'is negative (an adjustment, not a sale)', fields);
      cents = toCents(quantity * p.value);
    }
    if (cents === null) return this.reject(row, c.amount ?? c.unitPrice, at(c.amount ?? c.unitPrice), 'is too large', fields);
    if (cents === 0) {
      const zero = c.amount === null ? /^[\s0.,]*$/.test(at(c.unitPrice).replace(/rs\.?|lkr/gi, '')) : true;
      return this.reject(row, c.amount ?? c.unitPrice, at(c.amount ?? c.unitPrice), zero ? 'is zero (no sale)' : 'gives a line worth less than one cent', fields);
    }

    const basket = at(c.basket).trim();
    const productCode = at(c.productCode).trim();
    const description = at(c.description).trim().replace(/\s+/g, ' ');
    let categoryId = this.otherId;
    const categoryText = at(c.category);
    const product = productCode === '' ? undefined : this.product(productCode, description, categoryText, quantity, cents);
    if (c.category !== null && categoryText.trim() !== '') categoryId = this.category(categoryText);
    else if (product) categoryId = product.categoryId;

    let customerCode = at(c.customer).trim();
    if (customerCode.endsWith('.0') && /^\d+\.0$/.test(customerCode)) customerCode = customerCode.slice(0, -2);
    let customerId: number | null = null;
    let existed = false;
    if (customerCode !== '') {
      const known = this.customerIds.get(customerCode);
      if (known !== undefined) {
        customerId = known;
        existed = known < this.firstNewCustomerId;
      } else {
        customerId = this.nextCustomerId++;
        this.customerIds.set(customerCode, customerId);
        this.insertCustomer.run(customerId, customerCode, this.importId);
        this.summary.customersNew++;
      }
    }

    const soldAt = date.value;
    const key = lineKey(`${soldAt}\u0001${basket}\u0001${customerCode}\u0001${outletId}\u0001${productCode}\u0001${description}\u0001${quantity}\u0001${cents}`);
    const id = this.nextLineId++;
    const changes = this.lines.add(id, this.importId, soldAt, basket === '' ? null : basket, customerId, outletId, product?.id ?? null, categoryId, quantity, cents, key);
    this.pending.push({
      id, soldAt, key, outletId: outletId as number, categoryId, cents, customerId, customerExisted: existed,
      cancellation: basket !== '' && isCancellation(basket),
    });
    if (changes !== null) this.settle(changes);
  }

  /** After a batch statement ran: count what went in, and tell duplicates apart when some did not. */
  private settle(changes: number): void {
    const batch = this.pending;
    this.pending = [];
    if (changes === batch.length) {
      for (const line of batch) this.accept(line);
      return;
    }
    for (const line of batch) {
      const found = this.findLine.get(line.soldAt, line.key) as [number, number] | undefined;
      if (found && found[0] === line.id) this.accept(line);
      else if (found && found[1] !== this.importId) this.summary.alreadyImported++;
      else this.summary.duplicatesInFile++;
    }
  }

  private accept(line: PendingLine): void {
    const s = this.summary;
    s.imported++;
    this.daily.add(line.soldAt, line.outletId, line.categoryId, line.cents);
    if (line.customerId === null) s.anonymous++;
    else if (line.customerExisted) this.touched.add(line.customerId);
    if (line.cents < 0) s.returns++;
    if (line.cancellation) s.cancellations++;
    if (s.firstSale === null || line.soldAt < s.firstSale) s.firstSale = line.soldAt;
    if (s.lastSale === null || line.soldAt > s.lastSale) s.lastSale = line.soldAt;
  }

  private category(text: string): number {
    let key = this.categoryKeys.get(text);
    if (key === undefined) {
      key = categoryKey(text);
      this.categoryKeys.set(text, key);
    }
    let id = this.categoryOf.get(key);
    if (id === undefined) {
      const code = defaultCategory(text) ?? 'other';
      id = this.categoryIds.get(code) as number;
      this.categoryOf.set(key, id);
    }
    if (id === this.otherId) {
      const o = this.otherSources.get(key);
      if (o) o.rows++;
      else this.otherSources.set(key, { source: text.trim(), rows: 1 });
    }
    return id;
  }

  private product(code: string, description: string, categoryText: string, quantity: number, cents: number): { id: number; categoryId: number } {
    let p = this.products.get(code);
    if (!p) {
      const categoryId = categoryText.trim() === '' ? this.otherId : this.category(categoryText);
      p = { id: this.nextProductId++, categoryId };
      const unit = Math.round(Math.abs(cents / quantity));
      this.insertProduct.run(p.id, code, description || code, categoryId, Number.isFinite(unit) ? unit : null);
      this.products.set(code, p);
    }
    return p;
  }

  override finish(): void {
    const changes = this.lines.flush();
    if (this.pending.length > 0) this.settle(changes);
    super.finish();
    this.daily.write(this.db);
    this.summary.customersUpdated = this.touched.size;
    this.summary.categoriesOther = [...this.otherSources.values()].sort((a, b) => b.rows - a.rows);
    // A new customer's home outlet is where they shop most.
    this.db
      .prepare(
        `UPDATE customers SET home_outlet_id = (
           SELECT outlet_id FROM sales_lines s WHERE s.customer_id = customers.id
           GROUP BY outlet_id ORDER BY count(*) DESC, outlet_id LIMIT 1)
         WHERE import_id = ? AND home_outlet_id IS NULL`,
      )
      .run(this.importId);
  }
}

/** C536379 (the "C" invoices of many tills), or an invoice marked as cancelled or void. */
function isCancellation(basket: string): boolean {
  const first = basket.charCodeAt(0);
  if ((first === 67 || first === 99) && basket.length > 1 && basket.charCodeAt(1) >= 48 && basket.charCodeAt(1) <= 57) return true;
  return /cancel|void|refund/i.test(basket);
}

/** A 53-bit hash of a line's values (two 32-bit FNV-style hashes), exact in a JS number and an SQLite INTEGER. */
export function lineKey(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 11) * 4294967296 + (h2 >>> 0);
}

const genders: Record<string, 'F' | 'M' | 'X'> = {
  f: 'F', female: 'F', woman: 'F', w: 'F', girl: 'F', lady: 'F', mrs: 'F', ms: 'F', miss: 'F',
  m: 'M', male: 'M', man: 'M', boy: 'M', mr: 'M',
  x: 'X', o: 'X', other: 'X', nonbinary: 'X', 'non-binary': 'X', diverse: 'X',
};

class CustomerWriter extends RowWriter {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly seen = new Set<string>();
  private readonly today = new Date();

  constructor(...args: ConstructorParameters<typeof RowWriter>) {
    super(...args);
    this.find = this.db.prepare('SELECT id FROM customers WHERE code = ?').pluck();
    this.insert = this.db.prepare('INSERT INTO customers (code, age, gender, home_outlet_id, joined_on, import_id) VALUES (?, ?, ?, ?, ?, ?)');
    this.update = this.db.prepare(
      `UPDATE customers SET age = coalesce(?, age), gender = coalesce(?, gender),
         home_outlet_id = coalesce(?, home_outlet_id), joined_on = coalesce(?, joined_on) WHERE id = ?`,
    );
  }

  row(fields: string[], row: number): void {
    if (!this.fits(fields, row)) return;
    const col = (k: string): number | null => this.column(k);
    const at = (i: number | null): string => (i === null ? '' : (fields[i] ?? '').trim());
    let code = at(col('customer'));
    if (/^\d+\.0$/.test(code)) code = code.slice(0, -2);
    if (code === '') return this.reject(row, col('customer'), code, 'is empty', fields);
    if (this.seen.has(code)) {
      this.summary.duplicatesInFile++;
      return;
    }
    let age: number | null = null;
    const ageText = at(col('age'));
    if (ageText !== '') {
      const a = parseNumber(ageText);
      if (!a.ok) return this.reject(row, col('age'), ageText, a.reason, fields);
      if (a.value < 10 || a.value > 120) return this.reject(row, col('age'), ageText, 'is not between 10 and 120', fields);
      age = Math.floor(a.value);
    } else if (at(col('birthDate')) !== '') {
      const b = parseDate(at(col('birthDate')), this.decisions.dateOrder, 1900);
      if (!b.ok) return this.reject(row, col('birthDate'), at(col('birthDate')), b.reason, fields);
      const born = new Date(`${b.value.slice(0, 10)}T00:00:00Z`);
      let years = this.today.getUTCFullYear() - born.getUTCFullYear();
      const birthdayPassed = this.today.getUTCMonth() > born.getUTCMonth() || (this.today.getUTCMonth() === born.getUTCMonth() && this.today.getUTCDate() >= born.getUTCDate());
      if (!birthdayPassed) years--;
      if (years < 10 || years > 120) return this.reject(row, col('birthDate'), at(col('birthDate')), 'gives an age outside 10 to 120', fields);
      age = years;
    }
    let gender: 'F' | 'M' | 'X' | null = null;
    const genderText = at(col('gender'));
    if (genderText !== '') {
      const g = genders[genderText.toLowerCase().replace(/[.\s]/g, '')];
      if (!g) return this.reject(row, col('gender'), genderText, 'is not female, male or other', fields);
      gender = g;
    }
    let outletId: number | null = null;
    const outletText = at(col('homeOutlet'));
    if (outletText !== '') {
      const id = this.outletId(outletText);
      if (id === null) return this.reject(row, col('homeOutlet'), outletText, 'was rejected as an outlet', fields);
      if (id === undefined) return this.reject(row, col('homeOutlet'), outletText, 'is not an outlet confirmed for this import', fields);
      outletId = id;
    }
    let joinedOn: string | null = null;
    if (at(col('joinedOn')) !== '') {
      const j = parseDate(at(col('joinedOn')), this.decisions.dateOrder);
      if (!j.ok) return this.reject(row, col('joinedOn'), at(col('joinedOn')), j.reason, fields);
      joinedOn = j.value.slice(0, 10);
    }
    this.seen.add(code);
    const existing = this.find.get(code) as number | undefined;
    if (existing === undefined) {
      this.insert.run(code, age, gender, outletId, joinedOn, this.importId);
      this.summary.customersNew++;
    } else {
      this.update.run(age, gender, outletId, joinedOn, existing);
      this.summary.customersUpdated++;
    }
    this.summary.imported++;
  }
}
