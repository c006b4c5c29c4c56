import type { Database } from 'better-sqlite3';
import { all, first, q, run } from '../../platform/db/query';

/**
 * Saved column mappings (the column_mappings table): a named choice of which column holds which
 * field, found again by the header it was made for. Every query on the table lives here.
 */

/** The saved mappings' names, by name; only those for one shape of file when `shape` is given. */
export function mappingNames(db: Database, shape?: string): string[] {
  const query = q.selectFrom('column_mappings').select('name').orderBy('name');
  return all(db, shape === undefined ? query : query.where('shape', '=', shape)).map((r) => r.name);
}

/** The mapping saved under `name` (its JSON), or undefined. */
export function mappingByName(db: Database, name: string): string | undefined {
  return first(db, q.selectFrom('column_mappings').select('mapping').where('name', '=', name))?.mapping;
}

/** The newest mapping saved for this header and shape: its name and JSON. */
export function mappingForHeader(db: Database, headerSignature: string, shape: string): { name: string; mapping: string } | undefined {
  return first(
    db,
    q
      .selectFrom('column_mappings')
      .select(['name', 'mapping'])
      .where('header_signature', '=', headerSignature)
      .where('shape', '=', shape)
      .orderBy('updated_at', 'desc')
      .limit(1),
  );
}

/** Saves (or replaces, by name) a mapping. */
export function saveMappingRow(db: Database, m: { name: string; shape: string; headerSignature: string; mapping: string; updatedAt: string }): void {
  run(
    db,
    q
      .insertInto('column_mappings')
      .values({ name: m.name, shape: m.shape, header_signature: m.headerSignature, mapping: m.mapping, updated_at: m.updatedAt })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          shape: eb.ref('excluded.shape'),
          header_signature: eb.ref('excluded.header_signature'),
          mapping: eb.ref('excluded.mapping'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  );
}
