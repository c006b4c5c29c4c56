import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOnFiles } from '../testing/cliFiles';

const files = cliOnFiles();
/** The backups themselves, not the fingerprint beside each one. */
const backupsIn = (folder: string): string[] => fs.readdirSync(folder).filter((n) => n.endsWith('.sqlite')).sort();

describe('the command line’s backups', () => {
  it('backs up a database that holds data before an import and a training, as the window does, unless --no-backup', () => {
    const db = files.file('data/app.sqlite');
    const backups = path.join(path.dirname(db), 'backups');
    const csv = files.write('sales.csv', ['Date,Customer,Outlet,Amount', '02/01/2026,C1,Kandy,1500', '03/01/2026,C2,Galle,2500']);
    // The first import into a new file has nothing to lose.
    expect(files.cli('demo', '--customers', '300', '--db', db, '--json').code).toBe(0);
    expect(fs.existsSync(backups)).toBe(false);

    expect(files.cli('segment', '--k', '3', '--db', db, '--json').code).toBe(0);
    expect(backupsIn(backups)).toEqual([expect.stringMatching(/^octave-.*-before-training\.sqlite$/)]);
    const imported = files.cli('import', csv, '--db', db);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Backup made first: octave-.*-before-import\.sqlite/);
    const names = backupsIn(backups);
    expect(names).toHaveLength(2);
    // The backup is the data as it was before the import: the demo's customers, not the file's.
    const before = names.find((n) => n.endsWith('-before-import.sqlite')) as string;
    expect(files.query(path.join(backups, before), "SELECT count(*) AS n FROM customers WHERE code IN ('C1', 'C2')")).toEqual([{ n: 0 }]);
    expect(files.query(db, "SELECT count(*) AS n FROM customers WHERE code IN ('C1', 'C2')")).toEqual([{ n: 2 }]);

    const again = files.write('more.csv', ['Date,Customer,Outlet,Amount', '04/01/2026,C3,Kandy,900']);
    expect(files.cli('import', again, '--db', db, '--no-backup', '--json').code).toBe(0);
    expect(backupsIn(backups)).toHaveLength(2);
  }, 120_000);

  it('keeps the backup of the data before an import when refused imports and trainings follow, with 3 kept', () => {
    const db = files.file('data/app.sqlite');
    const backups = path.join(path.dirname(db), 'backups');
    const first = files.write('first.csv', ['Date,Customer,Outlet,Amount', '02/01/2026,C1,Kandy,1500', '03/01/2026,C2,Galle,2500']);
    const second = files.write('second.csv', ['Date,Customer,Outlet,Amount', '04/01/2026,C3,Kandy,900']);
    expect(files.cli('import', first, '--db', db).code).toBe(0);
    const imported = files.cli('import', second, '--db', db);
    expect(imported.code, imported.stderr).toBe(0);
    const [beforeImport] = backupsIn(backups);
    expect(beforeImport).toMatch(/-before-import\.sqlite$/);
    // The same file again is refused, and 3 customers are too few to train on: four refusals, each after a backup attempt.
    for (let round = 0; round < 2; round++) {
      const again = files.cli('import', second, '--db', db);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already imported/);
      const training = files.cli('segment', '--k', '3', '--db', db);
      expect(training.code).not.toBe(0);
      expect(training.stderr).toMatch(/Only 3 customers/);
    }
    const kept = backupsIn(backups);
    // One backup of the data before the second import, one of the data after it; the repeats made no more.
    expect(kept).toHaveLength(2);
    expect(kept).toContain(beforeImport);
    expect(files.query(path.join(backups, beforeImport as string), "SELECT count(*) AS n FROM customers WHERE code = 'C3'")).toEqual([{ n: 0 }]);
    const after = kept.find((n) => n !== beforeImport) as string;
    expect(files.query(path.join(backups, after), "SELECT count(*) AS n FROM customers WHERE code = 'C3'")).toEqual([{ n: 1 }]);
    expect(files.cli('segment', '--k', '3', '--db', db).stderr).toContain(`No new backup: the latest, ${after}, already holds this data`);
  }, 120_000);

  it('answers an unforeseen failure with a reference, whose line in the log beside the database has the cause, and no stack on the screen', () => {
    const db = files.file('broken/app.sqlite');
    expect(files.cli('demo', '--customers', '300', '--db', db, '--json').code).toBe(0);
    // Something the app never expects: a file where its backups folder goes.
    fs.writeFileSync(path.join(path.dirname(db), 'backups'), 'not a folder');
    const r = files.cli('segment', '--k', '3', '--db', db, '--json');
    expect(r.code).toBe(1);
    const answer = r.json() as { ok: boolean; error: { kind: string; message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.message).toMatch(/^Something went wrong \(ref [0-9A-F]{4}\)\. Details are in the log file .*octave\.log\.$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ref = /ref ([0-9A-F]{4})/.exec(answer.error.message)?.[1];
    const log = fs.readFileSync(path.join(path.dirname(db), 'logs', 'octave.log'), 'utf8');
    const line = log.split('\n').findIndex((l) => l.includes(`(ref ${ref})`));
    expect(line).toBeGreaterThanOrEqual(0);
    // The cause is on that entry: the error and its stack follow the line.
    expect(log.split('\n').slice(line, line + 3).join('\n')).toMatch(/E(EXIST|NOTDIR)|not a directory|file already exists/);
  }, 120_000);
});
