import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import boundaries of STYLE.md are enforced by ESLint; this proves the rules bite.
const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('keep the renderer out of src/main, Node and Electron', async () => {
    expect(await ruleIds('src/renderer/screens/Bad.tsx', "import { openDatabase } from '../../main/db/connection';\nvoid openDatabase;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/renderer/Bad.ts', "import fs from 'node:fs';\nvoid fs;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/renderer/Bad.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/renderer/Good.ts', "import { formatLkr } from '../shared/format';\nvoid formatLkr;\n")).toEqual([]);
  });

  it('keep src/shared free of Node, Electron, the DOM and the app layers', async () => {
    expect(await ruleIds('src/shared/bad.ts', "import path from 'node:path';\nvoid path;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/shared/bad.ts', "import { app } from 'electron';\nvoid app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/shared/bad.ts', "import { api } from '../renderer/api';\nvoid api;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/shared/bad.ts', 'export const w = window.innerWidth;\n')).toContain('no-restricted-globals');
  });

  it('let only the Electron glue load electron', async () => {
    expect(await ruleIds('src/main/domain/demo/bad.ts', "import { app } from 'electron';\nvoid app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/main/hosts/electron/ok.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
  });
});
