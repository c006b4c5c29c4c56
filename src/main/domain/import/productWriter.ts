import { parseNumber, toCents } from './numbers';
import { RowWriter } from './rowWriter';

/**
 * A product catalogue: product code → category, with name and unit price
 * when the file has them. Products are matched by code: a known one is
 * updated, an unknown one created (and owned by this import, so deleting the
 * import removes it when no sales line refers to it).
 *
 * Sales lines already in the database keep the category they were imported
 * with: that category is what their own file said or what the user decided
 * then, and the daily totals, the import reports and any segments built
 * since are counted with it. The catalogue serves later imports, whose
 * lines with a product code but no category take the product's.
 */
export class ProductWriter extends RowWriter {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly c: Record<'productCode' | 'description' | 'category' | 'unitPrice', number | null>;

  constructor(...args: ConstructorParameters<typeof RowWriter>) {
    super(...args);
    const db = this.db;
    // raw: an import writer: statements prepared once, run per row of the file.
    this.find = db.prepare('SELECT id FROM products WHERE code = ?').pluck();
    this.insert = db.prepare('INSERT INTO products (code, name, category_id, unit_price_cents, import_id) VALUES (?, ?, ?, ?, ?)');
    // A catalogue without names or prices leaves those the product has.
    this.update = db.prepare(
      'UPDATE products SET name = coalesce(?, name), category_id = ?, unit_price_cents = coalesce(?, unit_price_cents) WHERE id = ?',
    );
    this.c = {
      productCode: this.column('productCode'),
      description: this.column('description'),
      category: this.column('category'),
      unitPrice: this.column('unitPrice'),
    };
  }

  row(fields: string[], row: number): void {
    if (!this.fits(fields, row)) return;
    const c = this.c;
    const at = (i: number | null): string => (i === null ? '' : (fields[i] ?? '').trim());

    // Codes are kept as written, as sales lines keep them: the two must match.
    const code = at(c.productCode);
    if (code === '') return this.reject(row, c.productCode, code, 'is empty', fields);
    const categoryText = at(c.category);
    if (categoryText === '') return this.reject(row, c.category, categoryText, 'is empty', fields);
    let priceCents: number | null = null;
    const priceText = at(c.unitPrice);
    if (priceText !== '') {
      const p = parseNumber(priceText);
      if (!p.ok) return this.reject(row, c.unitPrice, priceText, p.reason, fields);
      if (p.value < 0) return this.reject(row, c.unitPrice, priceText, 'is negative', fields);
      priceCents = toCents(p.value);
      if (priceCents === null) return this.reject(row, c.unitPrice, priceText, 'is too large', fields);
    }
    const name = at(c.description).replace(/\s+/g, ' ');

    if (this.repeated(code, c.productCode, row, fields)) return;
    if (priceText === '' && c.unitPrice !== null) this.emptyCell(c.unitPrice, 'no price');
    const categoryId = this.category(categoryText);
    const existing = this.find.get(code) as number | undefined;
    if (existing === undefined) {
      this.insert.run(code, name || code, categoryId, priceCents, this.importId);
      this.summary.productsNew++;
    } else {
      this.update.run(name || null, categoryId, priceCents, existing);
      this.summary.productsUpdated++;
    }
    this.summary.imported++;
  }
}
