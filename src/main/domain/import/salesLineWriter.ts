import { BatchInsert } from '../../platform/db/batch';
import { refreshPlannerStatistics } from '../../platform/db/connection';
import { DailyTotals } from '../sales/daily';
import { parseDate, type DateOrder } from './dates';
import { parseNumber, toCents } from './numbers';
import { customerCode, detach, lineKey, RowWriter } from './rowWriter';

const batchRows = 256;

interface PendingLine {
  id: number;
  soldAt: string;
  key: number;
  basket: string | null;
  productId: number | null;
  outletId: number;
  categoryId: number;
  /** Null: the line has no value (a purchase history without prices). */
  cents: number | null;
  quantity: number;
  customerId: number | null;
  customerExisted: boolean;
  cancellation: boolean;
}

/**
 * Sales lines, one per item sold. A line's category is its own category
 * value when it has one, else the category of its product (from a catalogue
 * or an earlier file), else Other. Lines are identified across imports by
 * date and a hash of their values, so a line already imported is skipped.
 */
export class SalesLineWriter extends RowWriter {
  private readonly lines: BatchInsert;
  private readonly insertCustomer;
  private readonly customerIds = new Map<string, number>();
  /** Customers with a lower id were there before this import. */
  private readonly firstNewCustomerId: number;
  private readonly touched = new Set<number>();
  private readonly products = new Map<string, { id: number; categoryId: number; priceCents: number | null }>();
  /** The file has neither a unit price nor a line amount column: its lines are items and visits, without value. */
  private readonly unvalued: boolean;
  /** Unvalued lines take their product's catalogue price, when it has one (the user's choice). */
  private readonly atCataloguePrices: boolean;
  private readonly insertProduct;
  private readonly findLine;
  private readonly insertLine;
  /**
   * Without a quantity column, a member buying the same item twice at the
   * same time writes two identical lines: two purchases, not a duplicate.
   * The n-th repeat of a line gets its own identity (see `repeat`).
   */
  private readonly repeatsArePurchases: boolean;
  /** Identity (date and key) of a line that repeats → the last occurrence given an identity; only repeating lines are kept. */
  private readonly occurrences = new Map<number, number>();
  private readonly daily = new DailyTotals();
  private pending: PendingLine[] = [];
  private nextLineId: number;
  private lastDateText: string | null = null;
  private lastDate: ReturnType<typeof parseDate> = { ok: false, reason: 'is empty' };
  private nextCustomerId: number;
  private nextProductId: number;
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
      'id',
    );
    // raw: the sales-line writer, the hottest path: statements prepared once, lookups read whole tables as arrays, run per line.
    this.insertCustomer = db.prepare('INSERT INTO customers (id, code, import_id) VALUES (?, ?, ?)');
    for (const r of db.prepare('SELECT id, code FROM customers').raw().iterate() as Iterable<[number, string]>) this.customerIds.set(r[1], r[0]);
    for (const r of db.prepare('SELECT id, code, category_id, unit_price_cents FROM products').raw().iterate() as Iterable<[number, string, number, number | null]>) {
      this.products.set(r[1], { id: r[0], categoryId: r[2], priceCents: r[3] });
    }
    const max = (t: string): number => ((db.prepare(`SELECT max(id) FROM ${t}`).pluck().get() as number | null) ?? 0) + 1;
    this.nextLineId = max('sales_lines');
    this.nextCustomerId = max('customers');
    this.firstNewCustomerId = this.nextCustomerId;
    this.nextProductId = max('products');
    this.insertProduct = db.prepare('INSERT INTO products (id, code, name, category_id, unit_price_cents) VALUES (?, ?, ?, ?, ?)');
    this.findLine = db.prepare('SELECT id, import_id FROM sales_lines WHERE sold_at = ? AND line_key = ?').raw();
    this.insertLine = db.prepare(
      `INSERT OR IGNORE INTO sales_lines (id, import_id, sold_at, basket, customer_id, outlet_id, product_id, category_id, quantity, amount_cents, line_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.order = this.decisions.dateOrder;
    const col = (k: string): number | null => this.column(k);
    this.c = {
      soldAt: col('soldAt'), time: col('time'), customer: col('customer'), outlet: col('outlet'), basket: col('basket'),
      productCode: col('productCode'), description: col('description'), category: col('category'),
      quantity: col('quantity'), unitPrice: col('unitPrice'), amount: col('amount'),
    };
    this.unvalued = this.c.unitPrice === null && this.c.amount === null;
    this.atCataloguePrices = this.unvalued && this.decisions.valueAtCataloguePrices === true;
    this.summary.noValue = this.unvalued;
    this.repeatsArePurchases = this.c.quantity === null;
  }

  row(fields: string[], row: number): void {
    if (!this.fits(fields, row)) return;
    const c = this.c;
    const at = (i: number | null): string => (i === null ? '' : (fields[i] ?? ''));

    const dateText = c.time === null ? at(c.soldAt) : `${at(c.soldAt).trim()} ${at(c.time).trim()}`;
    // A basket's lines share one time, one after the other: read each distinct text once.
    if (dateText !== this.lastDateText) {
      this.lastDateText = dateText;
      this.lastDate = parseDate(dateText, this.order);
    }
    const date = this.lastDate;
    if (!date.ok) return this.reject(row, c.soldAt, dateText, date.reason, fields);

    let outletId: number | null | undefined;
    if (c.outlet === null) outletId = this.outletIds.get('');
    else {
      outletId = this.rowOutlet(at(c.outlet), c.outlet, row, fields);
      if (outletId === undefined) return;
    }

    let quantity = 1;
    if (c.quantity !== null) {
      const q = parseNumber(at(c.quantity));
      if (!q.ok) return this.reject(row, c.quantity, at(c.quantity), q.reason, fields);
      if (q.value === 0) return this.reject(row, c.quantity, at(c.quantity), 'is zero', fields);
      quantity = q.value;
    }
    let cents: number | null;
    if (this.unvalued) cents = null;
    else if (c.amount !== null && at(c.amount).trim() !== '') {
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
    if (cents === null && !this.unvalued) return this.reject(row, c.amount ?? c.unitPrice, at(c.amount ?? c.unitPrice), 'is too large', fields);
    if (cents === 0) {
      const zero = c.amount === null ? /^[\s0.,]*$/.test(at(c.unitPrice).replace(/rs\.?|lkr/gi, '')) : true;
      return this.reject(row, c.amount ?? c.unitPrice, at(c.amount ?? c.unitPrice), zero ? 'is zero (no sale)' : 'gives a line worth less than one cent', fields);
    }

    const basket = at(c.basket).trim();
    const productCode = at(c.productCode).trim();
    const description = at(c.description).trim().replace(/\s+/g, ' ');
    // Read once: each reading of a category counts its row for the summary's list of categories read as Other.
    const categoryText = at(c.category);
    const lineCategory = categoryText.trim() === '' ? null : this.category(categoryText);
    const product = productCode === '' ? undefined : this.product(productCode, description, lineCategory, quantity, cents);
    const categoryId = lineCategory ?? product?.categoryId ?? this.otherId;
    // A catalogue price values the line as the till would have: quantity × price. The line's key stays
    // the unvalued one, so the same file imported again is still the same lines.
    const keyCents = cents;
    if (this.atCataloguePrices && product && product.priceCents !== null) cents = toCents((quantity * product.priceCents) / 100);

    const code = customerCode(at(c.customer));
    let customerId: number | null = null;
    let existed = false;
    if (code !== '') {
      const known = this.customerIds.get(code);
      if (known !== undefined) {
        customerId = known;
        existed = known < this.firstNewCustomerId;
      } else {
        customerId = this.nextCustomerId++;
        this.customerIds.set(detach(code), customerId);
        this.insertCustomer.run(customerId, code, this.importId);
        this.summary.customersNew++;
      }
    }

    // An empty amount was worked out from the price: counted, once the line is in.
    if (c.amount !== null && c.unitPrice !== null && at(c.amount).trim() === '') this.emptyCell(c.amount, 'quantity × unit price');
    const soldAt = date.value;
    const key = lineKey([soldAt, basket, code, outletId, productCode, description, quantity, keyCents]);
    const id = this.nextLineId++;
    const basketOrNull = basket === '' ? null : basket;
    const productId = product?.id ?? null;
    const changes = this.lines.add(id, this.importId, soldAt, basketOrNull, customerId, outletId, productId, categoryId, quantity, cents, key);
    this.pending.push({
      id, soldAt, key, basket: basketOrNull, productId, outletId: outletId as number, categoryId, cents, quantity, customerId, customerExisted: existed,
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
    // The statement returned the ids it inserted (in no promised order); a line whose id is missing was a
    // duplicate. A batch's ids are consecutive.
    const first = (batch[0] as PendingLine).id;
    const inserted = new Uint8Array(batch.length);
    for (const id of this.lines.returned as number[]) inserted[id - first] = 1;
    for (const line of batch) {
      if (inserted[line.id - first] === 1) {
        this.accept(line);
        continue;
      }
      const found = this.findLine.get(line.soldAt, line.key) as [number, number] | undefined;
      if (this.repeatsArePurchases) this.repeat(line, found !== undefined && found[1] !== this.importId);
      else if (found && found[1] !== this.importId) this.summary.alreadyImported++;
      else this.summary.duplicatesInFile++;
    }
  }

  /**
   * A line whose identity is taken, in a file without quantities: the file's
   * n-th identical line is keyed by its line key and n, so the same file
   * imported again meets each occurrence as already imported, and one more
   * repeat than before is a new purchase. `firstIsEarlier`: the first
   * occurrence's identity belongs to an earlier import.
   */
  private repeat(line: PendingLine, firstIsEarlier: boolean): void {
    const identity = lineKey([line.soldAt, line.key]);
    let n = this.occurrences.get(identity);
    if (n === undefined && firstIsEarlier) {
      // This is the file's first occurrence, imported before.
      this.occurrences.set(identity, 1);
      this.summary.alreadyImported++;
      return;
    }
    n = (n ?? 1) + 1;
    this.occurrences.set(identity, n);
    const key = lineKey([line.key, n]);
    const inserted = this.insertLine.run(
      line.id, this.importId, line.soldAt, line.basket, line.customerId, line.outletId, line.productId, line.categoryId, line.quantity, line.cents, key,
    ).changes;
    if (inserted === 1) return this.accept({ ...line, key });
    const found = this.findLine.get(line.soldAt, key) as [number, number] | undefined;
    // Taken within this import only by a 53-bit hash collision: then it is counted as a duplicate.
    if (found && found[1] !== this.importId) this.summary.alreadyImported++;
    else this.summary.duplicatesInFile++;
  }

  private accept(line: PendingLine): void {
    const s = this.summary;
    s.imported++;
    this.daily.add(line.soldAt, line.outletId, line.categoryId, line.cents, line.quantity);
    if (line.customerId === null) s.anonymous++;
    else if (line.customerExisted) this.touched.add(line.customerId);
    if (line.cents === null ? line.quantity < 0 : line.cents < 0) s.returns++;
    if (this.unvalued) {
      if (line.cents === null) s.unvalued++;
      else s.valuedAtCatalogue++;
    }
    if (line.cancellation) s.cancellations++;
    if (s.firstSale === null || line.soldAt < s.firstSale) s.firstSale = line.soldAt;
    if (s.lastSale === null || line.soldAt > s.lastSale) s.lastSale = line.soldAt;
  }

  private product(code: string, description: string, lineCategory: number | null, quantity: number, cents: number | null): { id: number; categoryId: number; priceCents: number | null } {
    let p = this.products.get(code);
    if (!p) {
      const categoryId = lineCategory ?? this.otherId;
      const unit = cents === null ? Number.NaN : Math.round(Math.abs(cents / quantity));
      // A price learnt from this file's own lines is no catalogue price: a line without value leaves it unknown.
      p = { id: this.nextProductId++, categoryId, priceCents: null };
      this.insertProduct.run(p.id, code, description || code, categoryId, Number.isFinite(unit) ? unit : null);
      this.products.set(detach(code), p);
    }
    return p;
  }

  override endOfRows(): void {
    const changes = this.lines.flush();
    if (this.pending.length > 0) this.settle(changes);
    // One entry per customer and product the chain has: 100+ MB at a million customers.
    this.customerIds.clear();
    this.products.clear();
    this.occurrences.clear();
  }

  override finish(): void {
    super.finish();
    this.daily.write(this.db);
    this.summary.customersUpdated = this.touched.size;
    refreshPlannerStatistics(this.db, ['sales_lines', 'customers']);
    // A new customer's home outlet is where they shop most. All of a new customer's lines are in this
    // import, so one pass over its lines (contiguous ids) does it; a lookup per customer would read
    // lines scattered over the whole table (107 s of a 24.6 M-line import).
    // raw: an import writer: one set-based pass over the import's lines.
    this.db
      .prepare(
        `UPDATE customers SET home_outlet_id = best.outlet_id
         FROM (
           SELECT customer_id, outlet_id FROM (
             SELECT customer_id, outlet_id,
                    row_number() OVER (PARTITION BY customer_id ORDER BY count(*) DESC, outlet_id) AS rank
             FROM sales_lines WHERE import_id = ? AND customer_id IS NOT NULL
             GROUP BY customer_id, outlet_id)
           WHERE rank = 1) AS best
         WHERE customers.id = best.customer_id AND customers.import_id = ? AND customers.home_outlet_id IS NULL`,
      )
      .run(this.importId, this.importId);
  }
}

/** C536379 (the "C" invoices of many tills), or an invoice marked as cancelled or void. */
function isCancellation(basket: string): boolean {
  const first = basket.charCodeAt(0);
  if ((first === 67 || first === 99) && basket.length > 1 && basket.charCodeAt(1) >= 48 && basket.charCodeAt(1) <= 57) return true;
  return /cancel|void|refund/i.test(basket);
}
