import { sql, type Kysely } from 'kysely';
import { categoryCodes, type CategoryCode } from '../../../shared/domain';
import type { DashboardSummary, SalesByOutlet } from '../../../shared/contracts';
import type { DB } from '../../platform/db/schema';

/** KPI tiles of the first screen, from the daily pre-aggregate (instant at 20M lines). */
export async function dashboardSummary(db: Kysely<DB>): Promise<DashboardSummary> {
  const [customers, outlets, byCategory, range] = await Promise.all([
    db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('outlets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.exists(eb.selectFrom('sales_daily').select('day').whereRef('sales_daily.outlet_id', '=', 'outlets.id')))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sales_daily')
      .innerJoin('categories', 'categories.id', 'sales_daily.category_id')
      .select((eb) => [
        'categories.code as category',
        eb.fn.sum<number>('sales_daily.amount_cents').as('amountCents'),
        eb.fn.sum<number>('sales_daily.lines').as('lines'),
        eb.fn.sum<number>('sales_daily.items').as('items'),
        eb.fn.sum<number>('sales_daily.unvalued').as('unvalued'),
      ])
      .groupBy('categories.code')
      .execute(),
    db
      .selectFrom('sales_daily')
      .select((eb) => [eb.fn.min('day').as('first'), eb.fn.max('day').as('last')])
      .executeTakeFirstOrThrow(),
  ]);
  const found = new Map(byCategory.map((r) => [r.category, r]));
  const categories = categoryCodes.map((category) => ({
    category,
    amountCents: Number(found.get(category)?.amountCents ?? 0),
    lines: Number(found.get(category)?.lines ?? 0),
    items: Number(found.get(category)?.items ?? 0),
  }));
  // Lines without a value (a purchase history without prices): the chain's figures count items, as segments do.
  const unvalued = byCategory.reduce((s, c) => s + Number(c.unvalued ?? 0), 0);
  return {
    customers: Number(customers.n),
    outlets: Number(outlets.n),
    salesLines: categories.reduce((s, c) => s + c.lines, 0),
    totalCents: categories.reduce((s, c) => s + c.amountCents, 0),
    byCategory: categories,
    firstSale: range.first ?? null,
    lastSale: range.last ?? null,
    measure: unvalued > 0 ? 'items' : 'money',
    totalItems: categories.reduce((s, c) => s + c.items, 0),
    unvalued,
  };
}

/** Sales per outlet split by category, largest outlet first. */
export async function salesByOutlet(db: Kysely<DB>): Promise<SalesByOutlet> {
  const rows = await db
    .selectFrom('sales_daily')
    .innerJoin('outlets', 'outlets.id', 'sales_daily.outlet_id')
    .innerJoin('categories', 'categories.id', 'sales_daily.category_id')
    .select((eb) => [
      'outlets.id as outletId',
      'outlets.name as name',
      'categories.code as category',
      eb.fn.sum<number>('sales_daily.amount_cents').as('amountCents'),
      eb.fn.sum<number>('sales_daily.items').as('items'),
      eb.fn.sum<number>('sales_daily.unvalued').as('unvalued'),
    ])
    .groupBy(['outlets.id', 'categories.code'])
    .orderBy(sql`outlets.name`)
    .execute();
  const outlets = new Map<number, SalesByOutlet['outlets'][number]>();
  let unvalued = 0;
  for (const row of rows) {
    let outlet = outlets.get(row.outletId);
    if (!outlet) {
      outlet = {
        outletId: row.outletId,
        name: row.name,
        totalCents: 0,
        byCategory: Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Record<CategoryCode, number>,
        items: 0,
        byCategoryItems: Object.fromEntries(categoryCodes.map((c) => [c, 0])) as Record<CategoryCode, number>,
      };
      outlets.set(row.outletId, outlet);
    }
    const cents = Number(row.amountCents);
    outlet.byCategory[row.category] = cents;
    outlet.totalCents += cents;
    const items = Number(row.items);
    (outlet.byCategoryItems as Record<CategoryCode, number>)[row.category] = items;
    outlet.items += items;
    unvalued += Number(row.unvalued);
  }
  const measure = unvalued > 0 ? 'items' : 'money';
  const size = (o: SalesByOutlet['outlets'][number]) => (measure === 'items' ? o.items : o.totalCents);
  return { outlets: [...outlets.values()].sort((a, b) => size(b) - size(a)), measure };
}
