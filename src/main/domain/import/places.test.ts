import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/contract';
import type { ImportCheck, ImportList } from '../../../shared/importViews';
import type { OutletList } from '../../../shared/outlets';
import type { Dispatch } from '../../composition/ipc/dispatch';
import { appDispatch } from '../../composition/ipc/handlers';
import { silentLogger } from '../../platform/log';
import { contextPerTest } from '../../testing/context';
import type { HostDialogs } from '../../app/host';
import { builtCli } from '../../testing/temp';

// Outlet names in real exports, through the real command line and the app's own calls.
const dialog = { open: null as string | null };
const dialogs: HostDialogs = { openFile: async () => dialog.open, saveFile: async () => null };
const env = contextPerTest({ dialogs, signedIn: 'administrator' });
let dispatch: Dispatch;
beforeEach(() => {
  dispatch = appDispatch(env.ctx, silentLogger);
});

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const answer = (await dispatch(name, input)) as Envelope<T>;
  if (!answer.ok) throw new Error(`${answer.error.kind}: ${answer.error.message}`);
  return answer.value;
}

let invoice = 0;
/** A till export with one sale per outlet name, written exactly as given. */
function salesFile(name: string, outlets: string[]): string {
  const lines = ['Invoice,Date,Customer,Outlet,Product,Category,Qty,Amount'];
  for (const outlet of outlets) lines.push(`B${++invoice},2026-03-0${(invoice % 9) + 1} 10:00,C${invoice},${outlet},P1,Vegetables,1,100.00`);
  const file = env.tmp.file(name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function importCli(db: string, file: string, ...flags: string[]) {
  const r = spawnSync(process.execPath, [builtCli, 'import', file, '--db', db, ...flags], { encoding: 'utf8' });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return r.stdout;
}

function importJson(db: string, file: string) {
  return JSON.parse(importCli(db, file, '--json')) as {
    importId: number;
    outletsAdded: string[];
    outletFolds: Array<{ spelling: string; outlet: string; how: string; rows: number }>;
    decisions: string[];
  };
}

/** Each line's outlet as written in the file and the outlet it was booked to. */
function bookedTo(db: string): Record<string, string> {
  const sqlite = new Sqlite(db, { readonly: true });
  const rows = sqlite
    .prepare('SELECT s.basket, o.name FROM sales_lines s JOIN outlets o ON o.id = s.outlet_id')
    .all() as Array<{ basket: string; name: string }>;
  sqlite.close();
  return Object.fromEntries(rows.map((r) => [r.basket, r.name]));
}

const first = ['Ambalangoda', 'Welimada'];
const second = ['Ambalantota', 'Balangoda', 'Welikada'];

describe('outlets matched to real places', () => {
  it.each([
    ['Ambalangoda and Welimada first', [first, second]],
    ['Ambalantota, Balangoda and Welikada first', [second, first]],
  ])('keeps five towns as five outlets across two imports: %s', (_, order) => {
    const db = env.tmp.file('towns.sqlite');
    const results = order.map((names, i) => {
      const file = salesFile(`file${i}.csv`, names);
      const baskets = Object.fromEntries(names.map((n, j) => [`B${invoice - names.length + j + 1}`, n]));
      return { baskets, result: importJson(db, file) };
    });
    const booked = bookedTo(db);
    // Every line is at the outlet of the very town its file names.
    for (const { baskets } of results) for (const [basket, town] of Object.entries(baskets)) expect(booked[basket]).toBe(town);
    expect(new Set(Object.values(booked)).size).toBe(5);
    const added = results.flatMap((r) => r.result.outletsAdded).sort();
    expect(added).toEqual(['Ambalangoda', 'Ambalantota', 'Balangoda', 'Welikada', 'Welimada']);
    // Nothing was folded; the look-alike is named, not merged.
    expect(results.flatMap((r) => r.result.outletFolds)).toEqual([]);
    const notes = results.flatMap((r) => r.result.decisions).join('\n');
    expect(notes).toMatch(/"Balangoda" is not (?:merged into|taken for the town) Ambalangoda .*added as a new outlet "Balangoda"/);
    expect(notes).toMatch(/"Ambalantota" is the town Ambalantota \(Hambantota District, Southern Province\)/);
    const sqlite = new Sqlite(db, { readonly: true });
    expect(sqlite.prepare("SELECT city, district, province FROM outlets WHERE name = 'Ambalantota'").get()).toEqual({
      city: 'Ambalantota',
      district: 'Hambantota',
      province: 'Southern',
    });
    sqlite.close();
  });

  it('folds a one-letter typo and a name in other capitals or spacing into the chain’s outlet, and lists every fold', () => {
    const db = env.tmp.file('folds.sqlite');
    const file = salesFile('till.csv', ['Colmbo', 'Trincomale', 'KANDY', 'Kandy', 'batticaloa', 'Nuwara  Eliya', 'Welikada']);
    const result = importJson(db, file);
    expect(Object.values(bookedTo(db)).sort()).toEqual(['Batticaloa', 'Colombo', 'Kandy', 'Kandy', 'Nuwara Eliya', 'Trincomalee', 'Welikada']);
    expect(result.outletsAdded).toEqual(['Welikada']);
    expect(result.outletFolds).toEqual(
      expect.arrayContaining([
        { spelling: 'Colmbo', outlet: 'Colombo', how: 'one-letter typo', rows: 1 },
        { spelling: 'Trincomale', outlet: 'Trincomalee', how: 'one-letter typo', rows: 1 },
        { spelling: 'KANDY', outlet: 'Kandy', how: 'capitals', rows: 1 },
        { spelling: 'batticaloa', outlet: 'Batticaloa', how: 'capitals', rows: 1 },
        { spelling: 'Nuwara  Eliya', outlet: 'Nuwara Eliya', how: 'spacing', rows: 1 },
      ]),
    );
    expect(result.outletFolds).toHaveLength(5);
    expect(result.decisions).toEqual(
      expect.arrayContaining([
        'Outlet "Colmbo" → Colombo (one-letter typo).',
        'Outlet "Trincomale" → Trincomalee (one-letter typo).',
        'Outlet "KANDY" → Kandy (capitals).',
        'Outlet "batticaloa" → Batticaloa (capitals).',
        'Outlet "Nuwara  Eliya" → Nuwara Eliya (spacing).',
      ]),
    );
    expect(result.decisions.join('\n')).not.toMatch(/"Kandy" →/);

    // The text output lists them too.
    const again = salesFile('till again.csv', ['batticaloa']);
    expect(importCli(db, again)).toContain('Outlet \\"batticaloa\\" → Batticaloa (capitals, as decided before).');
  });

  it('deleting an import removes the outlets only it added, from the outlet filter and Settings', async () => {
    const db = env.ctx.connection.path;
    const chain = (await call<OutletList>('listOutlets')).outlets.map((o) => o.name);
    const a = importJson(db, salesFile('a.csv', ['Welikada', 'AMBALANTOTA', 'Kandy']));
    const b = importJson(db, salesFile('b.csv', ['Welikada', 'Galle']));
    expect(a.outletsAdded).toEqual(['Welikada', 'Ambalantota']);
    expect(b.outletsAdded).toEqual([]);
    const listed = (await call<OutletList>('listOutlets')).outlets;
    expect(listed.find((o) => o.name === 'Ambalantota')).toMatchObject({ district: 'Hambantota', province: 'Southern', spellings: ['ambalantota'] });

    // Welikada's lines from b.csv keep it; Ambalantota was a.csv's alone.
    await call('deleteImport', { importId: a.importId });
    let names = (await call<OutletList>('listOutlets')).outlets.map((o) => o.name);
    expect(names).toContain('Welikada');
    expect(names).not.toContain('Ambalantota');
    const sqlite = new Sqlite(db, { readonly: true });
    expect(sqlite.prepare("SELECT count(*) FROM outlet_aliases WHERE spelling = 'ambalantota'").pluck().get()).toBe(0);
    sqlite.close();

    await call('deleteImport', { importId: b.importId });
    names = (await call<OutletList>('listOutlets')).outlets.map((o) => o.name);
    expect(names.sort()).toEqual([...chain].sort());
    expect((await call<ImportList>('listImports')).imports).toEqual([]);
  });

  it('an outlet edited in Settings stays when the import that added it is deleted', async () => {
    const db = env.ctx.connection.path;
    const a = importJson(db, salesFile('a.csv', ['Welikada']));
    const welikada = (await call<OutletList>('listOutlets')).outlets.find((o) => o.name === 'Welikada');
    await call('updateOutlet', { id: welikada?.id, name: 'Welikada', city: 'Colombo', province: 'Western' });
    await call('deleteImport', { importId: a.importId });
    expect((await call<OutletList>('listOutlets')).outlets.map((o) => o.name)).toContain('Welikada');
  });

  it('replacing an import with the same file keeps the outlets it added, owned by the new import', () => {
    const db = env.tmp.file('replace.sqlite');
    const file = salesFile('a.csv', ['Welikada']);
    importJson(db, file);
    importCli(db, file, '--if-imported', 'replace', '--json');
    const sqlite = new Sqlite(db, { readonly: true });
    expect(sqlite.prepare("SELECT o.import_id = (SELECT max(id) FROM imports) FROM outlets o WHERE name = 'Welikada'").pluck().get()).toBe(1);
    sqlite.close();
  });

  it('on the check screen, a similar spelling is only offered; a typo, a known town and other capitals are taken', async () => {
    dialog.open = salesFile('till.csv', ['Balangoda', 'Colmbo', 'Hambantota', 'KANDY', 'KANDY', 'Kandy']);
    const chosen = await call<{ fileId: string }>('chooseImportFile');
    const { jobId } = await call<{ jobId: string }>('startImportCheck', { fileId: chosen.fileId });
    await env.ctx.jobs.wait(jobId);
    const check = await call<ImportCheck>('getImportCheck', { jobId });
    const bySpelling = Object.fromEntries(check.outlets.map((o) => [o.spelling, o]));
    expect(bySpelling.Balangoda?.suggestion).toMatchObject({ name: 'Ambalangoda', outletId: null, how: 'similar spelling', automatic: false });
    expect(bySpelling.Colmbo?.suggestion).toMatchObject({ name: 'Colombo', how: 'one-letter typo', automatic: true });
    expect(bySpelling.Hambantota?.suggestion).toMatchObject({ name: 'Hambantota', outletId: null, how: 'known place', automatic: true, place: { district: 'Hambantota', province: 'Southern' } });
    expect(bySpelling.KANDY?.writings).toEqual([
      { written: 'KANDY', rows: 2 },
      { written: 'Kandy', rows: 1 },
    ]);
  });

  it('does not follow a remembered fold of one town into another, as earlier versions made by themselves', () => {
    const db = env.tmp.file('old.sqlite');
    importJson(db, salesFile('first.csv', ['Ambalangoda']));
    const sqlite = new Sqlite(db);
    sqlite.prepare("INSERT INTO outlet_aliases (spelling, outlet_id) SELECT 'ambalantota', id FROM outlets WHERE name = 'Ambalangoda'").run();
    sqlite.close();
    const result = importJson(db, salesFile('second.csv', ['Ambalantota']));
    expect(result.outletsAdded).toEqual(['Ambalantota']);
    expect(Object.values(bookedTo(db)).sort()).toEqual(['Ambalangoda', 'Ambalantota']);
  });
});
