import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliOnFiles } from '../testing/cliFiles';

const files = cliOnFiles();

describe('the command line’s export, when the same report was made before', () => {
  it('asks as the window does: overwrite keeps the history entry, new-version saves beside it, another place or other filters are reports of their own', () => {
    const db = files.file('shop.sqlite');
    expect(files.cli('demo', '--customers', '300', '--db', db, '--json').code).toBe(0);
    expect(files.cli('segment', '--k', '3', '--db', db, '--json').code).toBe(0);
    const out = files.file('Regulars.pdf');
    const exportTo = (...extra: string[]) => files.cli('export', '--segment', '0', '--format', 'pdf', '--db', db, '--json', ...extra);
    const history = () => files.query(db, 'SELECT path, version, filters FROM reports ORDER BY id') as Array<{ path: string; version: number; filters: string }>;

    expect(exportTo('--out', out).code).toBe(0);
    const again = exportTo('--out', out);
    expect(again.code).toBe(1);
    expect(again.json()).toEqual({ ok: false, error: { kind: 'conflict', message: `This report was exported to ${out} before. Add --if-exists overwrite or --if-exists new-version.` } });

    expect(exportTo('--out', out, '--if-exists', 'overwrite').json()).toMatchObject({ ok: true, path: out, version: 1 });
    expect(history()).toEqual([{ path: out, version: 1, filters: '{}' }]);
    const second = files.file('Regulars (v2).pdf');
    expect(exportTo('--out', out, '--if-exists', 'new-version').json()).toMatchObject({ ok: true, path: second, version: 2 });
    expect(fs.existsSync(second)).toBe(true);

    // Another place, not a file yet: a report of its own, the next version of the same one in the history.
    const elsewhere = files.file('For the manager.pdf');
    expect(exportTo('--out', elsewhere).json()).toMatchObject({ ok: true, path: elsewhere, version: 3 });
    // Other filters are another report; a file already at --out that is not this report's is not overwritten unasked.
    const refused = exportTo('--out', out, '--filters', '{"category":"luxury"}');
    expect(refused.json()).toEqual({ ok: false, error: { kind: 'conflict', message: `${out} exists. Choose another --out, or --if-exists overwrite.` } });
    expect(exportTo('--out', files.file('Luxury.pdf'), '--filters', '{"category":"luxury"}').json()).toMatchObject({ ok: true, version: 1 });
    expect(history().map((r) => [r.path, r.version])).toEqual([
      [out, 1],
      [second, 2],
      [elsewhere, 3],
      [files.file('Luxury.pdf'), 1],
    ]);
  }, 120_000);
});
