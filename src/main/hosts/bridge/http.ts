import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { contentSecurityPolicy } from '../../../shared/csp';

/**
 * The bridge's small HTTP toolbox: reading a request's target and body
 * without ever throwing on what a client sent, and answering only while the
 * client is still there to read the answer.
 */

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
} as const;

/** Longer targets are no request the page makes; refusing them early keeps decoding cheap. */
const maxTarget = 8 * 1024;

export type Target = { pathname: string; query: URLSearchParams } | { refused: 400 | 414 };

/**
 * Reads a request target in origin form (`/path?query`) only. Anything else
 * (`*`, `//`, `http://other/x`, broken percent escapes, NUL) is refused here,
 * so no later step sees a path it has to distrust.
 */
export function parseTarget(raw: string | undefined): Target {
  const target = raw ?? '';
  if (target.length > maxTarget) return { refused: 414 };
  if (!target.startsWith('/') || target.startsWith('//')) return { refused: 400 };
  const at = target.indexOf('?');
  const rawPath = at === -1 ? target : target.slice(0, at);
  const pathname = decodeSafely(rawPath);
  // The path is a file name below the renderer folder or an API name: control characters belong in neither.
  // eslint-disable-next-line no-control-regex
  if (pathname === null || /[\u0000-\u001f\u007f]/.test(pathname)) return { refused: 400 };
  return { pathname, query: new URLSearchParams(at === -1 ? '' : target.slice(at + 1)) };
}

/** `decodeURIComponent` that answers null instead of throwing a URIError on a broken escape. */
export function decodeSafely(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A client that went away before the exchange finished: nothing to answer, nothing to report as a fault. */
export class ClientGone extends Error {
  constructor() {
    super('The client closed the connection before the request finished');
    this.name = 'ClientGone';
  }
}

const goneCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/** Whether a failure only means the client disconnected (mid-body, mid-download, mid-stream). */
export function clientWentAway(error: unknown, req: http.IncomingMessage): boolean {
  return goneError(error, 3) || (req.destroyed && !req.complete);
}

function goneError(error: unknown, depth: number): boolean {
  if (error instanceof ClientGone) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && goneCodes.has(code)) return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return depth > 0 && cause !== undefined && goneError(cause, depth - 1);
}

/** Whether an answer can still be written: not after the client left, not twice. */
export function canAnswer(res: http.ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

export function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  if (!canAnswer(res)) return;
  res.writeHead(status, { 'Content-Type': type, ...securityHeaders, ...extra });
  res.end(body);
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);
}

export function sendText(res: http.ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text);
}

/**
 * The whole body, or `tooLarge` as soon as it passes `limit` (the rest is
 * left for Node to discard). Rejects with ClientGone if the client
 * disconnects first, so a half body never reaches a handler.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return settle(() => resolve('tooLarge'));
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    req.on('error', () => settle(() => reject(new ClientGone())));
    req.on('close', () => settle(() => reject(new ClientGone())));
  });
}

/** Answers a request Node could not even parse (see `server.on('clientError')`), then lets the socket go. */
export function refuseMalformed(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || socket.destroyed || error.code === 'ECONNRESET') return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
