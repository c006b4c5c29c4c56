import { spawn, type ChildProcess } from 'node:child_process';
import { builtBridge } from './temp';

export interface BridgeProcess {
  child: ChildProcess;
  /** The address it printed, with the token in the fragment. */
  url: URL;
  token: string;
  /** What it has written to stderr so far. */
  stderr(): string;
  /** One call through its HTTP door, as the page makes it; answers the envelope. */
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }>;
  /** SIGTERM, and wait for it to exit. */
  stop(): Promise<void>;
}

/** Starts the built bridge (as `npm run web` does) on `databasePath` and waits until it prints its address: the end-to-end tests and the bridge's own tests start it so. */
export async function startBridgeProcess(databasePath: string, args: readonly string[] = []): Promise<BridgeProcess> {
  const child = spawn(process.execPath, [builtBridge, '--db', databasePath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The bridge did not start:\n${out}\n${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`The bridge exited with ${code}:\n${out}\n${stderr}`)));
  });
  const token = url.hash.replace('#token=', '');
  return {
    child,
    url,
    token,
    stderr: () => stderr,
    async call(name, input = {}) {
      const res = await fetch(`${url.origin}/api/call/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Awaited<ReturnType<BridgeProcess['call']>>;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
