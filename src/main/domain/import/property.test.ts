import fs from 'node:fs';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { openDatabase, type Connection } from '../../platform/db/connection';
import { testJob as job } from '../../testing/database';
import { tempDir } from '../../testing/temp';
import { analyseFile } from './analyse';
import { automaticDecisions } from './decisions';
import { runImport } from './run';

let tmp: ReturnType<typeof tempDir>;
let conn: Connection;
beforeAll(() => {
  tmp = tempDir();
  conn = openDatabase(tmp.file('app.sqlite'));
});
afterAll(() => {
  conn.close();
  tmp.remove();
});

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'garbage'; at: number; bytes: Uint8Array }
  | { kind: 'drop column'; column: number }
  | { kind: 'huge field'; size: number; quoted: boolean }
  | { kind: 'wrong type'; row: number; column: number; value: string }
  | { kind: 'encoding'; as: 'utf16le' | 'latin1' }
  | { kind: 'gzip'; cut: boolean }
  | { kind: 'random'; bytes: Uint8Array };

const good = [
  'Date,Invoice,CustomerID,Outlet,ProductCode,Product,Category,Quantity,Amount',
  '2026-01-05 10:00:00,B1,C1,Kandy,P1,Milk,Dairy,2,"1,250.00"',
  '05/01/2026,B2,,Colmbo,P2,"Rice, 5kg",Grocery,1,Rs. 980',
  '2026-01-06,B3,C2,Galle Fort,P3,Wine,Liquor,1,Two thousand rupees',
  '2026-01-07,C4,C2,Galle,P3,Wine,Liquor,-1,-2000',
].join('\n');

/** Ways real files go wrong. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('drop column' as const), column: fc.nat(8) }),
  fc.record({ kind: fc.constant('huge field' as const), size: fc.integer({ min: 10_000, max: 1_200_000 }), quoted: fc.boolean() }),
  fc.record({ kind: fc.constant('wrong type' as const), row: fc.nat(3), column: fc.nat(8), value: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('encoding' as const), as: fc.constantFrom('utf16le', 'latin1') }),
  fc.record({ kind: fc.constant('gzip' as const), cut: fc.boolean() }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 2_000 }) }),
);

function apply(m: Mutation): Buffer {
  let text = good;
  switch (m.kind) {
    case 'truncate':
      return Buffer.from(text.slice(0, m.at % text.length));
    case 'garbage': {
      const b = Buffer.from(text);
      const at = m.at % b.length;
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    }
    case 'drop column':
      return Buffer.from(text.split('\n').map((l, i) => (i === 0 ? l.split(',').filter((_, j) => j !== m.column).join(',') : l)).join('\n'));
    case 'huge field':
      text = text.replace('Milk', m.quoted ? `"${'x'.repeat(m.size)}` : 'x'.repeat(m.size));
      return Buffer.from(text);
    case 'wrong type': {
      const lines = text.split('\n');
      const row = (lines[m.row + 1] as string).split(',');
      row[m.column % row.length] = m.value.replaceAll(',', ' ').replaceAll('"', ' ').replaceAll('\n', ' ');
      lines[m.row + 1] = row.join(',');
      return Buffer.from(lines.join('\n'));
    }
    case 'encoding':
      return Buffer.from(text, m.as);
    case 'gzip': {
      const z = zlib.gzipSync(text);
      return m.cut ? z.subarray(0, Math.floor(z.length / 2)) : z;
    }
    case 'random':
      return Buffer.from(m.bytes);
  }
}

function state() {
  const db = conn.sqlite;
  return {
    lines: db.prepare('SELECT count(*) FROM sales_lines').pluck().get(),
    imports: db.prepare('SELECT count(*) FROM imports').pluck().get(),
    totals: db.prepare('SELECT sum(lines) FROM sales_daily').pluck().get(),
  };
}

describe('import of damaged files (property-based)', () => {
  it('never crashes, never hangs, never leaves partial data: each case ends in a summary or one clear error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const file = tmp.file(`case-${n++}.csv`);
        fs.writeFileSync(file, apply(m));
        const before = state();
        try {
          const analysis = await analyseFile(conn.sqlite, { file }, job);
          const { decisions } = automaticDecisions(analysis, { ifImported: 'replace' });
          const summary = await runImport(conn.sqlite, decisions, job);
          // A summary: every row in one bucket, and the database holds exactly what it says.
          expect(summary.imported + summary.duplicatesInFile + summary.alreadyImported + summary.rejected).toBe(summary.rowsRead);
          const after = state();
          const replaced = summary.replacedImportId === null ? 0 : 1;
          expect(after.imports).toBe((before.imports as number) + 1 - replaced);
          if (summary.shape === 'salesLines') {
            const linesOfImport = conn.sqlite.prepare('SELECT count(*) FROM sales_lines WHERE import_id = ?').pluck().get(summary.importId);
            expect(linesOfImport).toBe(summary.imported);
          } else {
            expect(summary.customersNew + summary.customersUpdated).toBe(summary.imported);
          }
          expect(after.totals ?? 0).toBe(after.lines);
        } catch (error) {
          // One clear error, and nothing written.
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).kind).not.toBe('internal');
          expect((error as AppError).message.length).toBeGreaterThan(10);
          expect(state()).toEqual(before);
        }
      }),
      { numRuns: 300, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);
});
