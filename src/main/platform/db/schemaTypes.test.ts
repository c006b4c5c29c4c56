import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../../..');

it('keeps the checked-in kysely types (schema.ts) the same as kysely-codegen makes them from the migrated schema', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-schema-types-'));
  try {
    const out = path.join(dir, 'schema.ts');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/dbTypes.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
    expect(r.status, `scripts/dbTypes.mjs failed: ${r.stdout}${r.stderr}`).toBe(0);
    const fresh = fs.readFileSync(out, 'utf8');
    const checkedIn = fs.readFileSync(path.join(root, 'src/main/platform/db/schema.ts'), 'utf8');
    expect(
      checkedIn === fresh,
      'src/main/platform/db/schema.ts does not match the schema the migrations build. Run `npm run -s db:types` and commit the result.',
    ).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
