import { parseDate } from './dates';
import { readAge, readGender } from './person';
import { customerCode, detach, RowWriter } from './rowWriter';

/** A customer list: one row per customer, with age (or birth date), gender, home outlet and join date, each optional. */
export class CustomerWriter extends RowWriter {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly seen = new Set<string>();
  private readonly today = new Date();

  constructor(...args: ConstructorParameters<typeof RowWriter>) {
    super(...args);
    // raw: an import writer: statements prepared once, run per row of the file.
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
    const ageCell = readAge(
      { column: col('age'), text: at(col('age')) },
      { column: col('birthDate'), text: at(col('birthDate')) },
      this.decisions.dateOrder,
      this.today,
    );
    if (!ageCell.ok) return this.reject(row, ageCell.column, ageCell.text, ageCell.reason, fields);
    const age = ageCell.value;
    const genderCell = readGender(col('gender'), at(col('gender')));
    if (!genderCell.ok) return this.reject(row, genderCell.column, genderCell.text, genderCell.reason, fields);
    const gender = genderCell.value;
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
