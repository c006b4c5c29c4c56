import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinesHash } from './text';

function digest(pieces: readonly Buffer[]): string {
  const h = new LinesHash();
  for (const p of pieces) h.push(p);
  return h.digest();
}

/** Cuts `bytes` at the given offsets (a reader's chunks fall anywhere, even inside a character or a CRLF). */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

describe('the content hash of an export', () => {
  it('is the same wherever the file is cut into chunks', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\t', '\r', '\n', '\r\n', 'é', ','), { maxLength: 80 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, at) => {
        const bytes = Buffer.from(t, 'utf8');
        expect(digest(cut(bytes, at))).toBe(digest([bytes]));
      }),
      { numRuns: 5000 },
    );
  });

  it('ignores line ends, trailing spaces, blank lines and the final line break', () => {
    expect(digest([Buffer.from('a,b\r\nc,d  \r\n\r\n')])).toBe(digest([Buffer.from('a,b\nc,d')]));
    expect(digest([Buffer.from('a,b\nc,d')])).not.toBe(digest([Buffer.from('a,b\nc,e')]));
  });
});
