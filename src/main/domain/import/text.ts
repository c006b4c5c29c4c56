import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { textEncodings, type TextEncodingName } from '../../../shared/imports';

/** The text encodings exports come in: what Excel, POS and ERP systems write. */
export const encodings = textEncodings;
export type TextEncoding = TextEncodingName;

export interface TextChunk {
  text: string;
  /** The bytes `text` was decoded from, when they are exactly its UTF-8 (a file read as strict UTF-8). */
  utf8: Uint8Array | null;
  /** Bytes of the file (as stored, compressed or not) read so far. */
  bytesRead: number;
}

export interface TextSource {
  /** Size of the file on disk. */
  size: number;
  compressed: boolean;
  /** The encoding used, once known (after the BOM or the caller's choice). */
  encoding: TextEncoding;
  chunks(): AsyncGenerator<TextChunk>;
}

const chunkBytes = 1 << 20;

/** Thrown (internally) when a file read as UTF-8 turns out not to be. */
export class NotUtf8Error extends Error {}

/**
 * Reads a file as text: gunzips it when the caller found gzip's magic bytes
 * (see `sniffFile`; the name does not matter), honours a byte-order mark, and otherwise decodes as
 * `encoding` ('auto': strict UTF-8, so a caller can retry as Windows-1252).
 */
export function openText(file: string, encoding: TextEncoding | 'auto', found: { size: number; compressed: boolean }): TextSource {
  const { size, compressed } = found;
  const source: TextSource = {
    size,
    compressed,
    encoding: encoding === 'auto' ? 'utf-8' : encoding,
    async *chunks() {
      const raw = fs.createReadStream(file, { highWaterMark: chunkBytes });
      let bytesRead = 0;
      raw.on('data', (b) => {
        bytesRead += b.length;
      });
      const stream: NodeJS.ReadableStream = compressed ? raw.pipe(zlib.createGunzip({ chunkSize: chunkBytes })) : raw;
      if (compressed) raw.on('error', (e) => (stream as zlib.Gunzip).destroy(e));
      let decoder: TextDecoder | null = null;
      let strict = false;
      try {
        for await (const piece of stream as AsyncIterable<Buffer>) {
          let bytes: Uint8Array = piece;
          if (!decoder) {
            const bom = sniffBom(bytes);
            if (bom) {
              source.encoding = bom.encoding;
              bytes = bytes.subarray(bom.length);
            } else if (encoding === 'auto') {
              source.encoding = looksLikeUtf16(bytes) ?? 'utf-8';
            }
            strict = encoding === 'auto' && source.encoding === 'utf-8';
            decoder = new TextDecoder(source.encoding, { fatal: strict, ignoreBOM: true });
          }
          yield { text: decode(decoder, bytes, true, strict), utf8: strict ? bytes : null, bytesRead };
        }
        if (decoder) {
          const rest = decode(decoder, new Uint8Array(0), false, strict);
          if (rest) yield { text: rest, utf8: null, bytesRead };
        }
      } catch (error) {
        if (error instanceof NotUtf8Error || error instanceof AppError) throw error;
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('Z_') || code === 'ERR_PADDING_1') {
          throw new AppError('validation', 'The compressed file is damaged or cut short. Export it again, or unzip it and import the CSV.');
        }
        throw new AppError('io', `The file could not be read: ${(error as Error).message}`, { cause: error });
      } finally {
        raw.destroy();
      }
    },
  };
  return source;
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean, strict: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch (error) {
    if (strict) throw new NotUtf8Error('not UTF-8');
    throw error;
  }
}

export function sniffBom(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: ASCII text then has a zero in every other byte. */
function looksLikeUtf16(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be';
  return null;
}

/**
 * SHA-256 of a text's lines as the importer reads them: line ends of any
 * kind, spaces and tabs at the end of a line, blank lines and the final
 * line break do not count. Fed the decoded text as UTF-8 (so a BOM and the
 * encoding do not count either), a re-saved copy of an export hashes the
 * same. It works on UTF-8 bytes: a file read as strict UTF-8 is hashed as
 * read, without encoding its text again, and every character the
 * normalising looks at is ASCII, which UTF-8 never uses inside another
 * character. Most chunks need no change, and are hashed as they are.
 */
export class LinesHash {
  private readonly hash = createHash('sha256');
  private carry: Buffer = Buffer.alloc(0);
  private started = false;

  /** The next piece of the text, as UTF-8 (a character may be split across pieces). */
  push(bytes: Uint8Array): void {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nl = Math.max(chunk.lastIndexOf(10), chunk.lastIndexOf(13));
    if (nl < 0) {
      this.carry = Buffer.concat([this.carry, chunk]);
      return;
    }
    // Up to the chunk's last line break; the rest may be half a line. (A CRLF cut in two leaves a
    // blank line, which does not count.)
    const whole = chunk.subarray(0, nl);
    this.lines(this.carry.length > 0 ? Buffer.concat([this.carry, whole]) : whole);
    // A copy: the reader may reuse the chunk's memory.
    this.carry = Buffer.from(chunk.subarray(nl + 1));
  }

  digest(): string {
    this.lines(this.carry);
    this.carry = Buffer.alloc(0);
    return this.hash.digest('hex');
  }

  /** Whole lines (no line break after the last): hashed with one \n between lines that are not blank. */
  private lines(bytes: Buffer): void {
    if (bytes.length === 0) return;
    let t: Buffer | string = bytes;
    if (bytes.indexOf(13) >= 0 || bytes.indexOf(' \n') >= 0 || bytes.indexOf('\t\n') >= 0 || bytes.indexOf('\n\n') >= 0 || edgeSpace(bytes)) {
      t = bytes.toString('utf8').replace(/[ \t]*(?:\r\n?|\n)/g, '\n').replace(/\n{2,}/g, '\n').replace(/^\n|[ \t\n]+$/g, '');
      if (t === '') return;
    }
    if (this.started) this.hash.update('\n');
    this.hash.update(t);
    this.started = true;
  }
}

/**
 * Starts with a line break, or ends with a space, a tab or a line break (a blank line just before
 * the piece's last break), checked without scanning the text.
 */
function edgeSpace(t: Buffer): boolean {
  const last = t[t.length - 1];
  return t[0] === 10 || last === 32 || last === 9 || last === 10;
}
