import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReadOnly } from '../../testing/readOnly';
import { tempDir } from '../../testing/temp';
import { writeAtomically } from './save';

describe('saving a report file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());
  const write = (text: string) => async (out: Writable) => {
    await new Promise<void>((resolve, reject) => out.end(text, (e?: Error | null) => (e ? reject(e) : resolve())));
  };

  it('writes the whole file, and replaces an earlier one in one step', async () => {
    const target = tmp.file('report.pdf');
    expect(await writeAtomically(target, write('first'))).toEqual({ size: 5 });
    await writeAtomically(target, write('second version'));
    expect(fs.readFileSync(target, 'utf8')).toBe('second version');
    expect(fs.readdirSync(tmp.dir)).toEqual(['report.pdf']);
  });

  it('leaves nothing behind, and the earlier file as it was, when the disk fills up half way', async () => {
    const target = tmp.file('report.xlsx');
    fs.writeFileSync(target, 'the earlier report');
    let written = 0;
    const full = () =>
      new Writable({
        write(chunk: Buffer, _enc, done) {
          written += chunk.length;
          done(written > 4 ? Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }) : null);
        },
      });
    await expect(writeAtomically(target, write('a long workbook'), { open: full })).rejects.toThrow('Export failed. Please try again later or contact support. The disk is full.');
    expect(fs.readFileSync(target, 'utf8')).toBe('the earlier report');
    expect(fs.readdirSync(tmp.dir)).toEqual(['report.xlsx']);
  });

  it('says the folder is missing, or cannot be written to, and writes nothing', async () => {
    await expect(writeAtomically(tmp.file('gone/report.pdf'), write('x'))).rejects.toThrow(/^Export failed\. Please try again later or contact support\. The folder .*gone does not exist any more\.$/);
    const locked = tmp.file('locked');
    fs.mkdirSync(locked);
    const undo = makeReadOnly(locked);
    try {
      await expect(writeAtomically(tmp.file('locked/report.pdf'), write('x'))).rejects.toThrow(/^Export failed\. Please try again later or contact support\. (The folder .*locked cannot be written to\.|.*open in another program, or the folder .*locked cannot be written to\.)$/);
    } finally {
      undo();
    }
    expect(fs.readdirSync(locked)).toEqual([]);
  });
});
