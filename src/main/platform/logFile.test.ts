import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, logFolderFor } from './logFile';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the log file', () => {
  it('lives in a logs folder beside the database', () => {
    expect(logFolderFor('/data/octave/octave.sqlite')).toBe(path.join('/data/octave', 'logs'));
  });

  it('appends each line with the error stack, user-only on macOS and Linux', () => {
    const folder = path.join(tempDir(), 'logs');
    const log = createFileLogger(folder, { echo: false });
    log.info('Started');
    log.error('Export failed (ref 7F3A)', new Error('ENOSPC: no space left on device'));
    const text = fs.readFileSync(log.file as string, 'utf8');
    expect(text).toMatch(/ info Started\n/);
    expect(text).toMatch(/ error Export failed \(ref 7F3A\) Error: ENOSPC: no space left on device\n\s+at /);
    if (process.platform !== 'win32') {
      expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
      expect(fs.statSync(log.file as string).mode & 0o777).toBe(0o600);
    }
  });

  it('rotates at its size cap and keeps only the newest files', () => {
    const folder = tempDir();
    const log = createFileLogger(folder, { echo: false, maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    const files = fs.readdirSync(folder).sort();
    expect(files).toEqual(['octave.1.log', 'octave.2.log', 'octave.log']);
    for (const file of files) expect(fs.statSync(path.join(folder, file)).size).toBeLessThanOrEqual(2_000);
    expect(fs.readFileSync(path.join(folder, 'octave.log'), 'utf8')).toContain('line 199 ');
  });

  it('goes on without the file when it cannot be written, instead of failing the work', () => {
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, 'logs'), 'a file where the folder should be');
    const log = createFileLogger(path.join(folder, 'logs'), { echo: false });
    expect(() => log.error('Something failed')).not.toThrow();
  });
});
