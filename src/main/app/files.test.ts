import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { FileRegistry } from './files';

const registry = new FileRegistry();
afterEach(() => registry.dispose());

describe('an upload from the browser', () => {
  it('is kept under its own name, and one cut off midway leaves nothing behind', async () => {
    const kept = await registry.upload('../März sales.csv', Readable.from(['Date,Amount\n', '2026-01-01,10\n']));
    expect(kept).toMatchObject({ name: 'März sales.csv', size: 26 });
    const uploads = path.dirname(path.dirname(registry.path(kept.fileId)));
    const cut = new Readable({
      read() {
        this.push('Date,Amount\n2026-01-');
        this.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    await expect(registry.upload('till.csv', cut)).rejects.toMatchObject({ kind: 'io' });
    expect(fs.readdirSync(uploads)).toEqual([kept.fileId]);
  });
});
