import type { Database, Statement } from 'better-sqlite3';

/**
 * Inserts rows many at a time (`INSERT … VALUES (…), (…), …`): one statement
 * call per `rowsPerStatement` rows instead of one per row, which is where a
 * bulk load spends most of its time. Call `flush()` before reading the rows back.
 */
export class BatchInsert {
  private readonly buffer: unknown[] = [];
  private readonly full: Statement;
  private count = 0;
  readonly width: number;
  /** With `returning`: what the last statement that ran returned, one value per row it inserted. */
  returned: unknown[] = [];

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly rowsPerStatement = 200,
    private readonly verb: 'INSERT' | 'INSERT OR IGNORE' = 'INSERT',
    /** A column to return for each row inserted (`RETURNING id`): tells which rows of an `INSERT OR IGNORE` went in. */
    private readonly returning: string | null = null,
  ) {
    this.width = columns.length;
    // raw: the bulk writers' multi-row INSERT, prepared once per batch size.
    this.full = this.prepare(rowsPerStatement);
  }

  /**
   * Adds one row; its values in the order of `columns`. When this filled a
   * statement and it ran, returns the rows it changed (fewer than it held
   * when `INSERT OR IGNORE` skipped some); otherwise null.
   */
  add(...values: unknown[]): number | null {
    if (values.length !== this.width) throw new RangeError(`${this.table}: expected ${this.width} values, got ${values.length}`);
    for (const v of values) this.buffer.push(v);
    if (++this.count === this.rowsPerStatement) {
      const changes = this.execute(this.full);
      this.buffer.length = 0;
      this.count = 0;
      return changes;
    }
    return null;
  }

  /** Writes the rows still buffered; returns how many the statement changed. */
  flush(): number {
    if (this.count === 0) return 0;
    const changes = this.execute(this.prepare(this.count));
    this.buffer.length = 0;
    this.count = 0;
    return changes;
  }

  private execute(statement: Statement): number {
    if (this.returning === null) return statement.run(this.buffer).changes;
    this.returned = statement.all(this.buffer);
    return this.returned.length;
  }

  private prepare(rows: number): Statement {
    const row = `(${this.columns.map(() => '?').join(', ')})`;
    // raw: a multi-row INSERT of a width known only at run time.
    const statement = this.db.prepare(
      `${this.verb} INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}${this.returning === null ? '' : ` RETURNING ${this.returning}`}`,
    );
    return this.returning === null ? statement : statement.pluck();
  }
}
