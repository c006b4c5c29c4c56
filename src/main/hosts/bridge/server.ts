import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppEvent } from '../../../shared/contracts';
import { AppError } from '../../../shared/errors';
import type { Dispatch } from '../../composition/ipc/dispatch';
import type { Logger } from '../../platform/log';
import { canAnswer, ClientGone, clientWentAway, contentTypes, parseTarget, readBody, refuseMalformed, securityHeaders, send, sendJson, sendText } from './http';

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
const failure = (kind: string, message: string) => ({ ok: false, error: { kind, message } });

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { log } = options;
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

  // One guard per request: whatever a client sends or however it leaves,
  // the failure ends here, never as an uncaught exception that stops the bridge.
  const server = http.createServer((req, res) => {
    // Without listeners, a stream error (a reset socket, a write after the client left) would be thrown.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    route(req, res).catch((error: unknown) => {
      if (clientWentAway(error, req)) {
        log.warn(`Browser bridge: the client left during ${req.method} ${describeTarget(req.url)}`);
        if (!res.writableEnded) res.destroy();
        return;
      }
      log.error(`Browser bridge: ${req.method} ${describeTarget(req.url)} failed`, error);
      if (canAnswer(res)) sendJson(res, 500, failure('internal', 'The app could not answer this request. Details are in the log.'));
      else res.destroy();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A reset is a browser dropping an idle connection, not a malformed request.
    if (error.code !== 'ECONNRESET') log.warn(`Browser bridge: refused a malformed request (${error.code ?? error.message})`);
    refuseMalformed(error, socket);
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Only our own loopback address: this defeats DNS rebinding from web pages.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(res, 403, 'Forbidden');
    const target = parseTarget(req.url);
    if ('refused' in target) return sendText(res, target.refused, target.refused === 414 ? 'Address too long' : 'Bad request');
    const { pathname, query } = target;
    if (pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) return sendJson(res, 403, { error: 'Cross-origin request refused' });
      if (!authorised(req)) return sendJson(res, 401, { error: 'Missing or wrong token' });
      if (req.method === 'POST' && pathname.startsWith('/api/call/')) return handleCall(pathname.slice('/api/call/'.length), req, res);
      if (req.method === 'GET' && pathname === '/api/events') return handleEvents(res);
      if (req.method === 'POST' && pathname === '/api/upload' && options.upload) return handleUpload(options.upload, query.get('name') ?? 'upload', req, res);
      if (req.method === 'GET' && pathname.startsWith('/api/download/') && options.download) {
        return handleDownload(options.download, pathname.slice('/api/download/'.length), res);
      }
      return sendJson(res, 404, { error: 'Not found' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(pathname, res);
  }

  async function handleCall(name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, maxBody);
    // The rest of a body that is too large is not read: the connection closes after the answer.
    if (body === 'tooLarge') return sendJson(res, 413, failure('validation', 'Request too large.'), { Connection: 'close' });
    let input: unknown;
    try {
      const text = body.toString('utf8');
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(res, 400, failure('validation', 'The request was not valid JSON.'));
    }
    sendJson(res, 200, await options.dispatch(name, input));
  }

  async function handleUpload(upload: NonNullable<BridgeOptions['upload']>, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let answer: unknown;
    try {
      answer = { ok: true, value: await upload(name, req) };
    } catch (error) {
      // A half-sent file fails the upload too; that is the client leaving, not a fault to answer.
      if (req.destroyed && !req.complete) throw new ClientGone();
      answer = { ok: false, error: AppError.from(error).toJSON() };
    }
    sendJson(res, 200, answer);
  }

  async function handleDownload(download: NonNullable<BridgeOptions['download']>, what: string, res: http.ServerResponse): Promise<void> {
    let file: Download;
    try {
      file = download(what);
    } catch (error) {
      const appError = AppError.from(error);
      const status = appError.kind === 'not_found' ? 404 : appError.kind === 'forbidden' || appError.kind === 'unauthenticated' ? 403 : 400;
      return sendJson(res, status, { ok: false, error: appError.toJSON() });
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': file.type,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
    // pipeline waits for the client to read (a large report is not held in memory) and stops if it leaves.
    await pipeline(Readable.from(file.chunks, { objectMode: false }), res);
  }

  function handleEvents(res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    const write = (frame: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(frame);
    };
    write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.subscribe((event) => write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => write(': ping\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function serveStatic(pathname: string, res: http.ServerResponse): Promise<void> {
    const file = path.resolve(staticRoot, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(staticRoot + path.sep)) return sendText(res, 404, 'Not found');
    let body: Buffer;
    try {
      body = await fs.promises.readFile(file);
    } catch {
      return sendText(res, 404, 'Not found');
    }
    send(res, 200, contentTypes[path.extname(file)] ?? 'application/octet-stream', body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  log.info(`Browser bridge listening on ${origin}`);
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

/** The target as it goes to the log: bounded, and without a query (an upload's file name stays out). */
function describeTarget(target: string | undefined): string {
  const pathOnly = (target ?? '').split('?')[0] ?? '';
  return JSON.stringify(pathOnly.length > 120 ? `${pathOnly.slice(0, 120)}…` : pathOnly);
}
