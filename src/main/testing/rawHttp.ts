import net from 'node:net';

export interface RawAnswer {
  /** The status line's code, or null when the server closed without answering. */
  status: number | null;
  text: string;
}

/**
 * Sends bytes to a port as they are: Node's and the browser's HTTP clients
 * normalise request targets, so they cannot send what an attacker's socket
 * can. With `abortAfter`, the socket is destroyed that many ms after the
 * bytes are written (a client leaving mid-body); with `abortOnData`, as soon
 * as the first bytes of the answer arrive (a client leaving mid-download).
 */
export function rawRequest(port: number, bytes: string | Buffer, options: { abortAfter?: number; abortOnData?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.abortOnData) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text });
    });
    socket.on('connect', () => {
      socket.write(bytes, () => {
        if (options.abortAfter !== undefined) setTimeout(() => socket.destroy(), options.abortAfter);
      });
    });
  });
}

/** One request's head, with `Connection: close` so the answer ends with the socket. */
export function requestHead(method: string, target: string, port: number, headers: Record<string, string | number> = {}): string {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
