import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../domain/auth/audit';
import { signInAs } from '../../testing/accounts';
import { contextPerTest } from '../../testing/context';
import { bridgeFileRoutes } from './files';

const env = contextPerTest();

describe("the browser's uploads and downloads", () => {
  it('audit their refusals, and answer a failure inside in plain words with a reference', async () => {
    const logged: string[] = [];
    const routes = bridgeFileRoutes({ ...env.ctx, log: { info() {}, warn() {}, error: (m) => logged.push(m) } });
    await expect(routes.upload!('sales.csv', Readable.from(['a,b\n']))).rejects.toMatchObject({ kind: 'unauthenticated' });
    const executive = await signInAs(env.ctx, 'marketingExecutive');
    expect(() => routes.download!('import-report/1')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    const refused = listAudit(env.ctx.connection.sqlite, { offset: 0, limit: 10, action: 'refused' }).entries.reverse();
    expect(refused.map((e) => [e.username, e.detail])).toEqual([
      [null, 'upload: needs permission import'],
      [executive.username, 'download import report: needs permission import'],
    ]);

    // The report's file read fails with a raw error the user should never see: a reference instead, and the log has it.
    env.ctx.connection.sqlite
      .prepare(
        `INSERT INTO reports (title, segment_name, model_id, segment, filters, filter_words, format, rows, customers, path, size, version, created_by, created_at)
         VALUES ('R', 'S', 1, 0, '{}', '[]', 'pdf', '{}', 1, ?, 1, 1, 'x', '2026-11-01T10:00:00Z')`,
      )
      .run(env.tmp.dir); // a folder where the file should be: reading it fails with EISDIR
    let message = '';
    try {
      routes.download!('report/1');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Something went wrong \(ref ([0-9A-F]{4})\)\. Details are in the app's log\.$/);
    expect(logged).toEqual([`Bridge download failed (ref ${/ref ([0-9A-F]{4})/.exec(message)![1]})`]);
  });
});
