import type { Database } from 'better-sqlite3';
import type { CategoryRuleInput, CategoryRuleList } from '../../../shared/categoryRules';
import type { CategoryCode } from '../../../shared/domain';
import { all, q, run } from '../../platform/db/query';
import { AppError } from '../../../shared/errors';
import { categoryKey } from './names';

/**
 * The category rules the importer applies before its usual names: kept from
 * the choices made when importing, and editable in Settings. A rule applies
 * to the next imports; lines already imported keep their category.
 */
export function listCategoryRules(db: Database): CategoryRuleList {
  const rules = all(
    db,
    q
      .selectFrom('category_rules as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .select(['r.source', 'c.code as category'])
      .orderBy('r.source'),
  );
  return { rules };
}

export function setCategoryRule(db: Database, input: CategoryRuleInput): { source: string } {
  const source = categoryKey(input.source);
  if (source === '') throw new AppError('validation', 'Type the category or department name as it appears in the files.');
  writeCategoryRule(db, source, input.category);
  return { source };
}

export function removeCategoryRule(db: Database, source: string): { removed: boolean } {
  return { removed: run(db, q.deleteFrom('category_rules').where('source', '=', source)).changes > 0 };
}

/** Lines whose category reads `source` (a categoryKey) go to `category` from now on. */
export function writeCategoryRule(db: Database, source: string, category: CategoryCode): void {
  run(
    db,
    q
      .insertInto('category_rules')
      .columns(['source', 'category_id'])
      .expression((eb) => eb.selectFrom('categories').select([eb.val(source).as('source'), 'id']).where('code', '=', category))
      .onConflict((oc) => oc.column('source').doUpdateSet((eb) => ({ category_id: eb.ref('excluded.category_id') }))),
  );
}

/** The four categories' row ids by code, for the writers that store lines by category. */
export function categoryIds(db: Database): Map<CategoryCode, number> {
  return new Map(all(db, q.selectFrom('categories').select(['id', 'code'])).map((r) => [r.code, r.id]));
}
