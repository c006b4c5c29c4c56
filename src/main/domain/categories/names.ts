import type { CategoryCode } from '../../../shared/domain';

/**
 * Which of the chain's sales categories a source category or department
 * counts as. The user's own rules (remembered in `category_rules`) come
 * first; these defaults cover the usual names of supermarket departments.
 */
const defaults: Array<[CategoryCode, string[]]> = [
  ['fresh', ['fresh', 'vegetable', 'veg', 'fruit', 'produce', 'meat', 'chicken', 'poultry', 'fish', 'seafood', 'dairy', 'milk', 'egg', 'bakery', 'bread', 'deli', 'butcher', 'frozen', 'chilled', 'greens']],
  ['dry', ['dry', 'grocery', 'groceries', 'rice', 'dhal', 'dal', 'lentil', 'flour', 'sugar', 'spice', 'spices', 'tea', 'coffee', 'beverage', 'beverages', 'drinks', 'snack', 'snacks', 'biscuit', 'biscuits', 'canned', 'tinned', 'household', 'cleaning', 'detergent', 'staples', 'provisions', 'noodles', 'pasta', 'oil', 'condiments', 'toiletries', 'personal care', 'baby']],
  ['luxury', ['luxury', 'premium', 'imported', 'wine', 'wines', 'liquor', 'spirits', 'beer', 'chocolate', 'chocolates', 'confectionery', 'cosmetics', 'perfume', 'fragrance', 'gift', 'gifts', 'hamper', 'electronics', 'gourmet', 'cheese', 'delicacies']],
];

export function categoryKey(source: string): string {
  return source.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The default category for a source name, or null when none of the usual names fits. */
export function defaultCategory(source: string): CategoryCode | null {
  const key = categoryKey(source);
  if (key === '') return null;
  const parts = key.split(' ');
  for (const [code, names] of defaults) {
    if (names.includes(key)) return code;
  }
  for (const [code, names] of defaults) {
    if (parts.some((p) => names.includes(p) || (p.endsWith('s') && names.includes(p.slice(0, -1))))) return code;
  }
  return null;
}
