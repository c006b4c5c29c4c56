import type { Database } from 'better-sqlite3';
import type { CategoryRuleInput, CategoryRuleList } from '../../../shared/categoryRules';
import { AppError } from '../../../shared/errors';
import { categoryKey } from '../import/categories';

/**
 * The category rules the importer applies before its usual names: kept from
 * the choices made when importing, and editable in Settings. A rule applies
 * to the next imports; lines already imported keep their category.
 */
export function listCategoryRules(db: Database): CategoryRuleList {
  const rules = db
    .prepare('SELECT r.source, c.code AS category FROM category_rules r JOIN categories c ON c.id = r.category_id ORDER BY r.source')
    .all() as CategoryRuleList['rules'];
  return { rules };
}

export function setCategoryRule(db: Database, input: CategoryRuleInput): { source: string } {
  const source = categoryKey(input.source);
  if (source === '') throw new AppError('validation', 'Type the category or department name as it appears in the files.');
  db.prepare(
    `INSERT INTO category_rules (source, category_id) SELECT ?, id FROM categories WHERE code = ?
     ON CONFLICT (source) DO UPDATE SET category_id = excluded.category_id`,
  ).run(source, input.category);
  return { source };
}

export function removeCategoryRule(db: Database, source: string): { removed: boolean } {
  return { removed: db.prepare('DELETE FROM category_rules WHERE source = ?').run(source).changes > 0 };
}
