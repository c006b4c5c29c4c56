import fs from 'node:fs';
import { Random } from '../../shared/random';
import { dayNumber, isoDay } from '../../shared/days';

/**
 * A loyalty purchase history as such exports come: member, date, item code,
 * description and category, and no price or amount. Three kinds of member,
 * so that segments are there to be found: frequent fresh-food shoppers,
 * occasional luxury buyers, and dry-goods shoppers who stopped coming
 * mid-year. Seeded: the same file every run.
 */

export const purchaseHistoryHeader = ['Member ID', 'Date', 'Item Code', 'Item Description', 'Category'];

const items: Record<'Fresh' | 'Dry' | 'Luxury', Array<[string, string]>> = {
  Fresh: [['F100', 'Tomatoes'], ['F101', 'Bananas'], ['F102', 'Fresh fish'], ['F103', 'Chicken'], ['F104', 'Carrots']],
  Dry: [['D200', 'Red rice 5kg'], ['D201', 'Dhal 1kg'], ['D202', 'Sugar 1kg'], ['D203', 'Tea 400g'], ['D204', 'Wheat flour 1kg']],
  Luxury: [['L300', 'Imported chocolate'], ['L301', 'Perfume'], ['L302', 'Single malt'], ['L303', 'Gift hamper']],
};

/** Catalogue prices (LKR) for some of the items; the rest have none. */
export const cataloguePrices: Record<string, number> = { F100: 180, F101: 240, F102: 1450, D200: 1250, D201: 390, L300: 2400, L301: 8900 };

const kinds = [
  { weights: [0.75, 0.2, 0.05], visits: [40, 70], items: [2, 5], until: 365 },
  { weights: [0.15, 0.25, 0.6], visits: [4, 9], items: [1, 3], until: 365 },
  { weights: [0.15, 0.8, 0.05], visits: [8, 16], items: [4, 9], until: 150 },
] as const;

/** Writes the history of `members` members over 2025 to `file`; returns the number of lines. */
export function writePurchaseHistory(file: string, members = 300, seed = 14): number {
  const random = new Random(seed);
  const start = dayNumber('2025-01-01');
  const rows: string[] = [purchaseHistoryHeader.join(',')];
  const categories = ['Fresh', 'Dry', 'Luxury'] as const;
  for (let m = 0; m < members; m++) {
    const kind = kinds[m % kinds.length] as (typeof kinds)[number];
    const member = `M${String(10_000 + m)}`;
    const visits = random.int(kind.visits[0], kind.visits[1]);
    // The same item twice on one day would be one line to the importer (no basket or quantity tells them apart).
    const seen = new Set<string>();
    for (let v = 0; v < visits; v++) {
      const date = isoDay(start + random.int(0, kind.until - 1));
      const basket = random.int(kind.items[0], kind.items[1]);
      for (let i = 0; i < basket; i++) {
        const category = categories[random.weighted(kind.weights)] as (typeof categories)[number];
        const [code, name] = random.pick(items[category]);
        if (seen.has(`${date} ${code}`)) continue;
        seen.add(`${date} ${code}`);
        rows.push([member, date, code, name, category].join(','));
      }
    }
  }
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
  return rows.length - 1;
}

/** A product catalogue with prices for some of the history's items. */
export function writeCatalogue(file: string): void {
  const rows = ['Product Code,Description,Category,Unit Price'];
  for (const [category, list] of Object.entries(items)) {
    for (const [code, name] of list) rows.push(`${code},${name},${category},${cataloguePrices[code] ?? ''}`);
  }
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
}
