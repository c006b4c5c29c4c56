import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { OutletList, OutletInput } from '../../../shared/outlets';
import { sql } from 'kysely';
import { all, first, q, run } from '../../platform/db/query';

/**
 * The chain's canonical outlets, which the importer matches spellings to.
 * Editable in Settings: add, rename, or remove one that nothing refers to.
 * Renaming keeps the outlet's id, so its sales, its remembered spellings and
 * the identity of its lines (used to spot re-imported lines) stay as they are.
 * An outlet an import added goes when that import is deleted, unless it was
 * edited here.
 */
export function listOutlets(db: Database): OutletList {
  // Each subquery is an aggregate without GROUP BY: it answers one row, never none, so never NULL.
  const outlets = all(
    db,
    q
      .selectFrom('outlets as o')
      .select((eb) => [
        'o.id',
        'o.name',
        'o.city',
        'o.province',
        'o.district',
        eb
          .selectFrom('sales_daily as d')
          .select((d) => d.fn.coalesce(d.fn.sum<number>('d.lines'), sql.lit(0)).as('n'))
          .whereRef('d.outlet_id', '=', 'o.id')
          .$asScalar()
          .$notNull()
          .as('salesLines'),
        eb
          .selectFrom('customers as c')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('c.home_outlet_id', '=', 'o.id')
          .$asScalar()
          .$notNull()
          .as('customers'),
        eb
          .selectFrom('outlet_aliases as a')
          .select(sql<string>`json_group_array(spelling)`.as('s'))
          .whereRef('a.outlet_id', '=', 'o.id')
          .$asScalar()
          .$notNull()
          .as('spellings'),
      ])
      .orderBy('o.name'),
  );
  return { outlets: outlets.map((o) => ({ ...o, spellings: JSON.parse(o.spellings) as string[] })) };
}

/** An outlet and its remembered spellings (the spellings refer to it). */
export function deleteOutletRow(db: Database, id: number): void {
  run(db, q.deleteFrom('outlet_aliases').where('outlet_id', '=', id));
  run(db, q.deleteFrom('outlets').where('id', '=', id));
}

function tidy(input: OutletInput): OutletInput {
  return { name: input.name.trim().replace(/\s+/g, ' '), city: input.city.trim(), province: input.province.trim() };
}

function sameNameTaken(db: Database, name: string, exceptId: number | null): void {
  const other = first(db, q.selectFrom('outlets').select('name').where(sql<boolean>`name = ${name} COLLATE NOCASE`).where('id', 'is not', exceptId))?.name;
  if (other !== undefined) throw new AppError('conflict', `There is already an outlet called “${other}”. Choose another name.`);
}

export function addOutlet(db: Database, input: OutletInput): { id: number } {
  const o = tidy(input);
  sameNameTaken(db, o.name, null);
  const id = Number(run(db, q.insertInto('outlets').values({ name: o.name, city: o.city || o.name, province: o.province })).lastInsertRowid);
  return { id };
}

export function updateOutlet(db: Database, id: number, input: OutletInput): { id: number } {
  const o = tidy(input);
  sameNameTaken(db, o.name, id);
  // Edited by a person, the outlet is theirs: deleting the import that added it no longer removes it.
  const changed = run(db, q.updateTable('outlets').set({ name: o.name, city: o.city || o.name, province: o.province, import_id: null }).where('id', '=', id)).changes;
  if (changed === 0) throw new AppError('not_found', 'That outlet is no longer in the list.');
  return { id };
}

/** Removes an outlet nothing refers to; one with sales or customers is kept, with the reason. */
export function removeOutlet(db: Database, id: number): { removed: boolean } {
  return db.transaction(() => {
    const outlet = listOutlets(db).outlets.find((o) => o.id === id);
    if (!outlet) throw new AppError('not_found', 'That outlet is no longer in the list.');
    const uses = [
      outlet.salesLines > 0 ? `${outlet.salesLines.toLocaleString('en-LK')} sales lines` : '',
      outlet.customers > 0 ? `${outlet.customers.toLocaleString('en-LK')} customers` : '',
    ].filter(Boolean);
    if (uses.length > 0) {
      throw new AppError(
        'conflict',
        `${outlet.name} cannot be removed: ${uses.join(' and ')} belong to it. Delete the imports that brought them first (Import Data, Earlier imports).`,
      );
    }
    deleteOutletRow(db, id);
    return { removed: true };
  }).immediate();
}

// ----- The importer's questions about outlets and their remembered spellings -----

export function outletIdByName(db: Database, name: string): number | undefined {
  return first(db, q.selectFrom('outlets').select('id').where('name', '=', name))?.id;
}

export function outletExists(db: Database, id: number): boolean {
  return first(db, q.selectFrom('outlets').select('id').where('id', '=', id)) !== undefined;
}

/** A new outlet from an import; its id. */
export function insertOutlet(db: Database, o: { name: string; city: string; province: string; district: string | null }): number {
  return Number(run(db, q.insertInto('outlets').values(o)).lastInsertRowid);
}

/** The outlets an import added (removed with it, unless edited in Settings since). */
export function outletIdsOfImport(db: Database, importId: number): number[] {
  return all(db, q.selectFrom('outlets').select('id').where('import_id', '=', importId)).map((r) => r.id);
}

export function setOutletImport(db: Database, id: number, importId: number | null): void {
  run(db, q.updateTable('outlets').set({ import_id: importId }).where('id', '=', id));
}

/** Every outlet by name, and whether an import added it. */
export function outletNames(db: Database): Array<{ id: number; name: string; fromImport: boolean }> {
  return all(db, q.selectFrom('outlets').select(['id', 'name', 'import_id']).orderBy('name')).map((o) => ({ id: o.id, name: o.name, fromImport: o.import_id !== null }));
}

/** What was decided for a spelling before: its outlet (and that outlet's name), or rejected. */
export function rememberedSpelling(db: Database, spelling: string): { outletId: number | null; rejected: number; name: string | null } | undefined {
  return first(
    db,
    q
      .selectFrom('outlet_aliases as a')
      .leftJoin('outlets as o', 'o.id', 'a.outlet_id')
      .select(['a.outlet_id as outletId', 'a.rejected', 'o.name'])
      .where('a.spelling', '=', spelling),
  );
}

/** Remembers that rows spelled `spelling` go to `outletId`, or (null) are rejected. */
export function rememberSpelling(db: Database, spelling: string, outletId: number | null): void {
  run(
    db,
    q
      .insertInto('outlet_aliases')
      .values({ spelling, outlet_id: outletId, rejected: outletId === null ? 1 : 0 })
      .onConflict((oc) => oc.column('spelling').doUpdateSet((eb) => ({ outlet_id: eb.ref('excluded.outlet_id'), rejected: eb.ref('excluded.rejected') }))),
  );
}

/** outlet id → name, for showing the outlets customers shop at. */
export function outletNameMap(db: Database): Map<number, string> {
  return new Map(all(db, q.selectFrom('outlets').select(['id', 'name'])).map((o) => [o.id, o.name]));
}

/** The outlet's name, and whether `spelling` was remembered for it before. */
export function outletForSpelling(db: Database, id: number, spelling: string): { name: string | undefined; remembered: boolean } {
  return {
    name: first(db, q.selectFrom('outlets').select('name').where('id', '=', id))?.name,
    remembered: first(db, q.selectFrom('outlet_aliases').select('spelling').where('spelling', '=', spelling).where('outlet_id', '=', id)) !== undefined,
  };
}
