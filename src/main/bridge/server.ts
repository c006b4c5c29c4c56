import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppEvent } from '../../shared/contracts';
import { contentSecurityPolicy } from '../../shared/csp';
import { AppError } from '../../shared/errors';
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../log';

/**
 * The browser bridge: for development and end-to-end tests only, never
 * packaged. Serves the built renderer and the same handler table as Electron's
 * IPC, over HTTP on 127.0.0.1, to a page that holds the per-run token.
 */
export interface BridgeOptions {
  dispatch: Dispatch;
  subscribe(listener: (event: AppEvent) => void): () => void;
  staticDir: string;
  log: Logger;
  port?: number;
  token?: string;
  /** Stands in for the native open dialog: the page sends the file's bytes. */
  upload?: (name: string, body: Readable) => Promise<unknown>;
  /** Stands in for the native save dialog: a file the page downloads, by path below /api/download/. */
  download?: (what: string) => Download;
}

export interface Download {
  fileName: string;
  type: string;
  chunks: Iterable<string | Buffer>;
}

export interface Bridge {
  /** The address to open, with the token in the fragment (never sent to the server). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const maxBody = 1 << 20;
const types: Record<string, string> = {
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

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const staticRoot = path.resolve(options.staticDir);
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const authorised = (req: http.IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const server = http.createServer((req, res) => {
    // Only our own loopback address: this defeats DNS rebinding from web pages.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) return sendJson(res, 403, { error: 'Cross-origin request refused' });
      if (!authorised(req)) return sendJson(res, 401, { error: 'Missing or wrong token' });
      if (req.method === 'POST' && url.pathname.startsWith('/api/call/')) {
        return void handleCall(url.pathname.slice('/api/call/'.length), req, res);
      }
      if (req.method === 'GET' && url.pathname === '/api/events') return handleEvents(res);
      if (req.method === 'POST' && url.pathname === '/api/upload' && options.upload) {
        return void handleUpload(options.upload, url.searchParams.get('name') ?? 'upload', req, res);
      }
      if (req.method === 'GET' && url.pathname.startsWith('/api/download/') && options.download) {
        return handleDownload(options.download, url.pathname.slice('/api/download/'.length), res);
      }
      return sendJson(res, 404, { error: 'Not found' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    serveStatic(url.pathname, res);
  });

  async function handleCall(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBody) return sendJson(res, 413, { ok: false, error: { kind: 'validation', message: 'Request too large.' } });
      chunks.push(chunk);
    }
    let input: unknown;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(res, 400, { ok: false, error: { kind: 'validation', message: 'The request was not valid JSON.' } });
    }
    sendJson(res, 200, await options.dispatch(decodeURIComponent(name), input));
  }

  async function handleUpload(
    upload: NonNullable<BridgeOptions['upload']>,
    name: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    try {
      sendJson(res, 200, { ok: true, value: await upload(name, req) });
    } catch (error) {
      sendJson(res, 200, { ok: false, error: AppError.from(error).toJSON() });
    }
  }

  function handleDownload(download: NonNullable<BridgeOptions['download']>, what: string, res: http.ServerResponse): void {
    let file: Download;
    try {
      file = download(decodeURIComponent(what));
    } catch (error) {
      const appError = AppError.from(error);
      const status = appError.kind === 'not_found' ? 404 : appError.kind === 'forbidden' || appError.kind === 'unauthenticated' ? 403 : 400;
      return sendJson(res, status, { ok: false, error: appError.toJSON() });
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    for (const chunk of file.chunks) res.write(chunk);
    res.end();
  }

  function handleEvents(res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = path.resolve(staticRoot, `.${relative}`);
    if (!file.startsWith(staticRoot + path.sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    fs.readFile(file, (error, body) => {
      if (error) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      send(res, 200, types[path.extname(file)] ?? 'application/octet-stream', body);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  options.log.info(`Browser bridge listening on ${origin}`);
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
