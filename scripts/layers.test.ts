import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `npm run layers` (dependency-cruiser with .dependency-cruiser.cjs) keeps src/ in its layers and free of
// cycles. These run the same command over small planted trees, to show that it fails when it should.
const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
let tree: string;

function plant(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tree, name)), { recursive: true });
    fs.writeFileSync(path.join(tree, name), text);
  }
}

function layers(): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [cli, 'src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: tree, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

beforeEach(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-layers-'));
  plant({
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true }, include: ['src'] }),
    'src/shared/format.ts': 'export const day = (d: string): string => d;\n',
    'src/main/platform/db.ts': "import { day } from '../../shared/format';\nexport const open = (): string => day('x');\n",
    'src/main/domain/sales.ts': "import { open } from '../platform/db';\nexport const sales = (): string => open();\n",
    'src/main/app/report.ts': "import { sales } from '../domain/sales';\nexport const report = (): string => sales();\n",
    'src/main/composition/compose.ts': "import { report } from '../app/report';\nexport const compose = (): string => report();\n",
    'src/main/hosts/cli.ts': "import { compose } from '../composition/compose';\nconsole.log(compose());\n",
    'src/main/testing/fixture.ts': "import { compose } from '../composition/compose';\nexport const fixture = compose;\n",
    'src/main/domain/sales.test.ts': "import { fixture } from '../testing/fixture';\nfixture();\n",
  });
});

afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

describe('the layer rule', () => {
  it('passes a tree whose imports all run downward (tests may use the testing helpers)', () => {
    const run = layers();
    expect(run.output).toContain('no dependency violations');
    expect(run.status).toBe(0);
  });

  it('fails on an import from a lower layer up to a higher one, naming the rule and the files', () => {
    plant({ 'src/main/platform/db.ts': "import { sales } from '../domain/sales';\nexport const open = (): string => typeof sales;\n" });
    const run = layers();
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('platform-imports-only-downward: src/main/platform/db.ts → src/main/domain/sales.ts');
  });

  it('fails on a domain module that reaches into the app layer, and on app code that reaches into composition', () => {
    plant({
      'src/main/domain/sales.ts': "import type { report } from '../app/report';\nexport type R = typeof report;\nexport const sales = (): string => 's';\n",
      'src/main/app/report.ts': "import type { compose } from '../composition/compose';\nexport type C = typeof compose;\nexport const report = (): string => 'r';\n",
    });
    const run = layers();
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('domain-imports-only-downward: src/main/domain/sales.ts → src/main/app/report.ts');
    expect(run.output).toContain('app-imports-only-downward: src/main/app/report.ts → src/main/composition/compose.ts');
  });

  it('fails on an import cycle anywhere in src/, even one made only of types inside one layer', () => {
    plant({
      'src/renderer/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
      'src/renderer/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
    });
    const run = layers();
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/no-circular: src\/renderer\/(a|b)\.ts/);
  });

  it('fails on main-process code outside the layer folders, on app code that uses the testing helpers, and on the renderer or src/shared importing src/main', () => {
    plant({
      'src/main/stray.ts': "import { day } from '../shared/format';\nexport const stray = day('s');\n",
      'src/main/hosts/menu.ts': "import { stray } from '../stray';\nexport const menu = stray;\n",
      'src/main/app/uses-fixture.ts': "import { fixture } from '../testing/fixture';\nexport const f = fixture;\n",
      'src/renderer/screen.ts': "import { sales } from '../main/domain/sales';\nexport const s = sales;\n",
      'src/shared/rules.ts': "import { open } from '../main/platform/db';\nexport const rules = open;\n",
    });
    const run = layers();
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('every-main-module-in-a-layer: src/main/stray.ts → src/shared/format.ts');
    expect(run.output).toContain('nothing-imports-outside-the-layers: src/main/hosts/menu.ts → src/main/stray.ts');
    expect(run.output).toContain('app-imports-only-downward: src/main/app/uses-fixture.ts → src/main/testing/fixture.ts');
    expect(run.output).toContain('renderer-not-main: src/renderer/screen.ts → src/main/domain/sales.ts');
    expect(run.output).toContain('shared-imports-only-shared: src/shared/rules.ts → src/main/platform/db.ts');
  });
});
