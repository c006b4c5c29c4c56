import type { Database } from 'better-sqlite3';
import { all, q } from '../../platform/db/query';
import { anyCatalogueImport } from '../sales/imports';
import type { ColumnMapping, Shape } from './columns';
import type { ImportCheck } from '../../../shared/importViews';

/**
 * Sales files without money: a loyalty purchase history names the member,
 * the day and the item, but no price or amount. Such lines import as items
 * and visits, without value; when a product catalogue with prices has been
 * imported, the user may have them valued at those prices instead.
 */

/** A sales file with neither a unit price nor a line amount column. */
export function hasNoValue(shape: Shape, mapping: ColumnMapping): boolean {
  return shape === 'salesLines' && (mapping.unitPrice ?? null) === null && (mapping.amount ?? null) === null;
}

export type CatalogueOffer = NonNullable<ImportCheck['catalogue']>;

/**
 * Counts, while the file is checked, how many of its rows a catalogue could
 * price. Null when it cannot: the file has a value already, no product
 * codes, or no catalogue with prices was imported.
 */
export class CataloguePricing {
  private readonly prices: Set<string>;
  private readonly offer: CatalogueOffer;

  private constructor(
    prices: Set<string>,
    private readonly codeColumn: number,
  ) {
    this.prices = prices;
    this.offer = { pricedProducts: prices.size, rowsPriced: 0, rowsWithCode: 0 };
  }

  static open(db: Database, shape: Shape, mapping: ColumnMapping): CataloguePricing | null {
    const column = mapping.productCode ?? null;
    if (!hasNoValue(shape, mapping) || column === null) return null;
    if (!anyCatalogueImport(db)) return null;
    const codes = all(db, q.selectFrom('products').select('code').where('unit_price_cents', 'is not', null)).map((p) => p.code);
    return codes.length === 0 ? null : new CataloguePricing(new Set(codes), column);
  }

  observe(fields: readonly string[]): void {
    const code = (fields[this.codeColumn] ?? '').trim();
    if (code === '') return;
    this.offer.rowsWithCode++;
    if (this.prices.has(code)) this.offer.rowsPriced++;
  }

  result(): CatalogueOffer {
    return { ...this.offer };
  }
}
