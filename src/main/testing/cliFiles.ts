import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { builtCli, tempDir } from './temp';

/**
 * Files written to a fresh folder per test and the real command line run on
 * them, as a user runs it. `import` gets --accept-amounts: these tests' files
 * hold small made-up amounts, and the scale check has tests of its own
 * (guard.test.ts).
 */
export function cliOnFiles() {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());
  return {
    file: (name: string): string => tmp.file(name),
    write(name: string, lines: string[]): string {
      const file = tmp.file(name);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    },
    cli(...command: string[]) {
      const args = command[0] === 'import' ? [...command, '--accept-amounts'] : command;
      const r = spawnSync(process.execPath, [builtCli, ...args], { encoding: 'utf8', env: { ...process.env, OCTAVE_DB: tmp.file('default.sqlite') } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
    },
    query(db: string, sql: string): unknown[] {
      const conn = new Sqlite(db, { readonly: true });
      try {
        return conn.prepare(sql).all();
      } finally {
        conn.close();
      }
    },
  };
}
