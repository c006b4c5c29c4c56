import { spendCategories } from './columns';
import { parseDate } from './dates';
import { parseNumber, toCents } from './numbers';
import { readAge, readGender } from './person';
import { customerCode, RowWriter } from './rowWriter';

type Unreadable = { column: number; text: string; reason: string; what?: string };
type SpendCategory = (typeof spendCategories)[number];
type Field = 'customer' | 'outlet' | SpendCategory | 'visits' | 'firstPurchase' | 'lastPurchase' | 'segment' | 'age' | 'birthDate' | 'gender';

/**
 * Customer-level sales: one row per customer with what a warehouse computed
 * over its own sales lines (spend per category, visits, first and last
 * purchase, perhaps its own segment label). How a chain too large for one
 * laptop hands in its customers. A customer imported again gets the new row
 * in place of the old one, and counts as updated; a customer the database
 * does not know yet is created, with the row's outlet as home outlet. Age
 * (or birth date) and gender, when given, are the customer's: an empty or
 * unreadable one is counted and left unknown, and never costs the row.
 */
export class CustomerSpendWriter extends RowWriter {
  private readonly findCustomer;
  private readonly insertCustomer;
  private readonly upsert;
  private readonly updateCustomer;
  private readonly c: Record<Field, number | null>;
  private readonly today = new Date();

  constructor(...args: ConstructorParameters<typeof RowWriter>) {
    super(...args);
    const db = this.db;
    // raw: an import writer: statements prepared once, run per row of the file.
    this.findCustomer = db.prepare('SELECT id FROM customers WHERE code = ?').pluck();
    this.insertCustomer = db.prepare('INSERT INTO customers (code, age, gender, home_outlet_id, import_id) VALUES (?, ?, ?, ?, ?)');
    this.updateCustomer = db.prepare('UPDATE customers SET age = coalesce(?, age), gender = coalesce(?, gender) WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO customer_spend (customer_id, import_id, outlet_id, fresh_cents, dry_cents, luxury_cents, other_cents,
         visits, first_purchase, last_purchase, segment_label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET import_id = excluded.import_id, outlet_id = excluded.outlet_id,
         fresh_cents = excluded.fresh_cents, dry_cents = excluded.dry_cents, luxury_cents = excluded.luxury_cents,
         other_cents = excluded.other_cents, visits = excluded.visits, first_purchase = excluded.first_purchase,
         last_purchase = excluded.last_purchase, segment_label = excluded.segment_label`,
    );
    const fields: Field[] = ['customer', 'outlet', ...spendCategories, 'visits', 'firstPurchase', 'lastPurchase', 'segment', 'age', 'birthDate', 'gender'];
    this.c = Object.fromEntries(fields.map((f) => [f, this.column(f)])) as Record<Field, number | null>;
  }

  row(fields: string[], row: number): void {
    if (!this.fits(fields, row)) return;
    const c = this.c;
    const at = (i: number | null): string => (i === null ? '' : (fields[i] ?? '').trim());

    const code = customerCode(at(c.customer));
    if (code === '') return this.reject(row, c.customer, code, 'is empty', fields);
    // No outlet column: every customer at the outlet the person named (--outlet).
    const outletId = c.outlet === null ? (this.outletIds.get('') as number) : this.rowOutlet(at(c.outlet), c.outlet, row, fields);
    if (outletId === undefined) return;

    const cents = {} as Record<SpendCategory, number | null>;
    const unreadable: Unreadable[] = [];
    // Counted once the row is in: the summary's counts are of the rows imported.
    const empty: Array<[number, string]> = [];
    for (const category of spendCategories) {
      const column = c[category];
      const text = at(column);
      // A file without an "other" column says nothing about other spend: unknown (NULL), not zero.
      if (column === null) {
        cents[category] = null;
        continue;
      }
      // Warehouse exports pivot SUM(amount) by customer and category: a category the customer
      // never bought from comes out as NULL, written as an empty cell. That cell means no spend,
      // and rejecting it would reject most customers. It is counted for the summary; a row with
      // no spend at all is rejected below.
      if (text === '') {
        cents[category] = 0;
        empty.push([column, '0']);
        continue;
      }
      const n = parseNumber(text);
      // One amount nobody can read does not cost the customer: that spend is unknown.
      if (!n.ok) {
        cents[category] = null;
        unreadable.push({ column, text, reason: n.reason });
        continue;
      }
      if (n.value < 0) return this.reject(row, column, text, 'is negative (returns larger than purchases)', fields);
      const value = toCents(n.value);
      if (value === null) return this.reject(row, column, text, 'is too large', fields);
      cents[category] = value;
    }
    if (spendCategories.every((k) => !cents[k])) {
      const first = unreadable[0];
      if (first) return this.reject(row, first.column, first.text, first.reason, fields);
      const shown = spendCategories.filter((k) => c[k] !== null).map((k) => at(c[k]) || '(empty)');
      return this.reject(row, null, shown.join(' | '), 'Spend is empty or zero in every category', fields);
    }

    let visits: number | null = null;
    const visitsText = at(c.visits);
    if (visitsText === '') {
      if (c.visits !== null) empty.push([c.visits, 'unknown']);
    } else {
      const v = parseNumber(visitsText);
      if (!v.ok) return this.reject(row, c.visits, visitsText, v.reason, fields);
      // A customer with spend came at least once.
      if (!Number.isInteger(v.value) || v.value < 1) return this.reject(row, c.visits, visitsText, 'is not a whole number above zero', fields);
      visits = v.value;
    }
    const dates: Record<'firstPurchase' | 'lastPurchase', string | null> = { firstPurchase: null, lastPurchase: null };
    for (const field of ['firstPurchase', 'lastPurchase'] as const) {
      const text = at(c[field]);
      if (text === '') continue;
      const d = parseDate(text, this.decisions.dateOrder);
      if (!d.ok) return this.reject(row, c[field], text, d.reason, fields);
      dates[field] = d.value.slice(0, 10);
    }
    const { firstPurchase, lastPurchase } = dates;
    if (firstPurchase !== null && lastPurchase !== null && lastPurchase < firstPurchase) {
      return this.reject(row, c.lastPurchase, at(c.lastPurchase), 'is before the first purchase', fields);
    }
    const segment = at(c.segment).replace(/\s+/g, ' ');
    const person = this.person(at, unreadable, empty);


    if (this.repeated(code, c.customer, row, fields)) return;
    for (const u of unreadable) this.unreadableCell(row, u.column, u.text, u.reason, u.what);
    for (const [column, readAs] of empty) this.emptyCell(column, readAs);
    let customerId = this.findCustomer.get(code) as number | undefined;
    if (customerId === undefined) {
      customerId = Number(this.insertCustomer.run(code, person.age, person.gender, outletId, this.importId).lastInsertRowid);
      this.summary.customersNew++;
    } else {
      if (person.age !== null || person.gender !== null) this.updateCustomer.run(person.age, person.gender, customerId);
      this.summary.customersUpdated++;
    }
    this.upsert.run(
      customerId, this.importId, outletId, cents.fresh, cents.dry, cents.luxury, cents.other,
      visits, firstPurchase, lastPurchase, segment === '' ? null : segment,
    );
    this.summary.imported++;
    this.period(firstPurchase ?? lastPurchase, lastPurchase ?? firstPurchase);
  }

  /** The row's age and gender; an empty or unreadable one is unknown (null), noted for the summary. */
  private person(at: (i: number | null) => string, unreadable: Unreadable[], empty: Array<[number, string]>): { age: number | null; gender: 'F' | 'M' | 'X' | null } {
    const c = this.c;
    const age = readAge({ column: c.age, text: at(c.age) }, { column: c.birthDate, text: at(c.birthDate) }, this.decisions.dateOrder, this.today);
    if (!age.ok) unreadable.push({ column: age.column, text: age.text, reason: age.reason, what: 'age' });
    else if (age.value === null && (c.age ?? c.birthDate) !== null) empty.push([(c.age ?? c.birthDate) as number, 'unknown']);
    const gender = readGender(c.gender, at(c.gender));
    if (!gender.ok) unreadable.push({ column: gender.column, text: gender.text, reason: gender.reason, what: 'gender' });
    else if (gender.value === null && c.gender !== null) empty.push([c.gender, 'unknown']);
    return { age: age.ok ? age.value : null, gender: gender.ok ? gender.value : null };
  }

  /** The summary's first and last sale: the period the customers' purchases span. */
  private period(first: string | null, last: string | null): void {
    const s = this.summary;
    if (first !== null && (s.firstSale === null || `${first} 00:00:00` < s.firstSale)) s.firstSale = `${first} 00:00:00`;
    if (last !== null && (s.lastSale === null || `${last} 00:00:00` > s.lastSale)) s.lastSale = `${last} 00:00:00`;
  }
}
