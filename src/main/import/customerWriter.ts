import { parseDate } from './dates';
import { parseNumber } from './numbers';
import { customerCode, detach, RowWriter } from './rowWriter';

const genders: Record<string, 'F' | 'M' | 'X'> = {
  f: 'F', female: 'F', woman: 'F', w: 'F', girl: 'F', lady: 'F', mrs: 'F', ms: 'F', miss: 'F',
  m: 'M', male: 'M', man: 'M', boy: 'M', mr: 'M',
  x: 'X', o: 'X', other: 'X', nonbinary: 'X', 'non-binary': 'X', diverse: 'X',
};

/** A customer list: one row per customer, with age (or birth date), gender, home outlet and join date, each optional. */
export class CustomerWriter extends RowWriter {
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
    const code = customerCode(at(col('customer')));
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
    // No home-outlet column: the outlet the person named for every customer (--outlet), if any.
    let outletId: number | null = col('homeOutlet') === null ? (this.outletIds.get('') ?? null) : null;
    const outletText = at(col('homeOutlet'));
    if (outletText !== '') {
      const id = this.rowOutlet(outletText, col('homeOutlet') as number, row, fields);
      if (id === undefined) return;
      outletId = id;
    }
    let joinedOn: string | null = null;
    if (at(col('joinedOn')) !== '') {
      const j = parseDate(at(col('joinedOn')), this.decisions.dateOrder);
      if (!j.ok) return this.reject(row, col('joinedOn'), at(col('joinedOn')), j.reason, fields);
      joinedOn = j.value.slice(0, 10);
    }
    this.seen.add(detach(code));
    if (age === null && col('age') !== null) this.emptyCell(col('age') as number, 'unknown');
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
