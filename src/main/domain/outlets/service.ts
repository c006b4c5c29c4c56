import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { OutletList, OutletInput } from '../../../shared/outlets';

/**
 * The chain's canonical outlets, which the importer matches spellings to.
 * Editable in Settings: add, rename, or remove one that nothing refers to.
 * Renaming keeps the outlet's id, so its sales, its remembered spellings and
 * the identity of its lines (used to spot re-imported lines) stay as they are.
 * An outlet an import added goes when that import is deleted, unless it was
 * edited here.
 */
export function listOutlets(db: Database): OutletList {
  const outlets = db
    .prepare(
      `SELECT o.id, o.name, o.city, o.province, o.district,
              (SELECT coalesce(sum(lines), 0) FROM sales_daily d WHERE d.outlet_id = o.id) AS salesLines,
              (SELECT count(*) FROM customers c WHERE c.home_outlet_id = o.id) AS customers,
              (SELECT json_group_array(spelling) FROM outlet_aliases a WHERE a.outlet_id = o.id) AS spellings
       FROM outlets o ORDER BY o.name`,
    )
    .all() as Array<Omit<OutletList['outlets'][number], 'spellings'> & { spellings: string }>;
  return { outlets: outlets.map((o) => ({ ...o, spellings: JSON.parse(o.spellings) as string[] })) };
}

function tidy(input: OutletInput): OutletInput {
  return { name: input.name.trim().replace(/\s+/g, ' '), city: input.city.trim(), province: input.province.trim() };
}

function sameNameTaken(db: Database, name: string, exceptId: number | null): void {
  const other = db.prepare('SELECT name FROM outlets WHERE name = ? COLLATE NOCASE AND id IS NOT ?').pluck().get(name, exceptId) as string | undefined;
  if (other !== undefined) throw new AppError('conflict', `There is already an outlet called “${other}”. Choose another name.`);
}

export function addOutlet(db: Database, input: OutletInput): { id: number } {
  const o = tidy(input);
  sameNameTaken(db, o.name, null);
  const id = Number(db.prepare('INSERT INTO outlets (name, city, province) VALUES (?, ?, ?)').run(o.name, o.city || o.name, o.province).lastInsertRowid);
  return { id };
}

export function updateOutlet(db: Database, id: number, input: OutletInput): { id: number } {
  const o = tidy(input);
  sameNameTaken(db, o.name, id);
  // Edited by a person, the outlet is theirs: deleting the import that added it no longer removes it.
  const changed = db
    .prepare('UPDATE outlets SET name = ?, city = ?, province = ?, import_id = NULL WHERE id = ?')
    .run(o.name, o.city || o.name, o.province, id).changes;
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
    db.prepare('DELETE FROM outlet_aliases WHERE outlet_id = ?').run(id);
    db.prepare('DELETE FROM outlets WHERE id = ?').run(id);
    return { removed: true };
  }).immediate();
}
