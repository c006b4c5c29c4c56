import {
  appEventSchema,
  callNames,
  type AppEvent,
  type CallName,
  type OctaveApi,
  type OctaveBridge,
} from '../shared/contracts';
import type { Envelope } from '../shared/contract';
import { AppError } from '../shared/errors';

declare global {
  interface Window {
    octave?: OctaveBridge;
  }
}

interface Transport {
  call(name: CallName, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

const tokenKey = 'octave.bridgeToken';

/** In the browser bridge the token arrives once in the address fragment; keep it for this tab only. */
function bridgeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(tokenKey, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

function bridgeTransport(): Transport {
  const token = bridgeToken();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return {
    async call(name, input) {
      try {
        const res = await fetch(`/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
        if (res.status === 401) {
          return { ok: false, error: { kind: 'forbidden', message: 'This page has lost its access key. Open the address printed by the app again.' } };
        }
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { kind: 'io', message: 'The app is not answering. Check that it is still running, then try again.' } };
      }
    },
    onEvent(listener) {
      const controller = new AbortController();
      const connect = async (): Promise<void> => {
        while (!controller.signal.aborted) {
          try {
            const res = await fetch('/api/events', { headers, signal: controller.signal });
            if (!res.body) throw new Error('no stream');
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              buffer += value;
              let cut: number;
              while ((cut = buffer.indexOf('\n\n')) >= 0) {
                const frame = buffer.slice(0, cut);
                buffer = buffer.slice(cut + 2);
                if (!frame.startsWith('data: ')) continue;
                const parsed = appEventSchema.safeParse(JSON.parse(frame.slice(6)));
                if (parsed.success) listener(parsed.data);
              }
            }
          } catch {
            // Reconnect below unless we were asked to stop.
          }
          if (!controller.signal.aborted) await new Promise((r) => setTimeout(r, 1000));
        }
      };
      void connect();
      return () => controller.abort();
    },
  };
}

function preloadTransport(bridge: OctaveBridge): Transport {
  return {
    call: (name, input) => (bridge[name] as (input: unknown) => Promise<Envelope<unknown>>)(input ?? {}),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

const transport: Transport = window.octave ? preloadTransport(window.octave) : bridgeTransport();

/** The typed backend API: resolves with the value or rejects with an AppError. */
export const api = Object.fromEntries(
  callNames.map((name) => [
    name,
    async (input?: unknown) => {
      const envelope = await transport.call(name, input ?? {});
      if (envelope.ok) return envelope.value;
      throw new AppError(envelope.error.kind, envelope.error.message);
    },
  ]),
) as unknown as OctaveApi;

const listeners = new Set<(event: AppEvent) => void>();
let unsubscribeTransport: (() => void) | null = null;

/** One backend event stream shared by every component that listens. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  listeners.add(listener);
  unsubscribeTransport ??= transport.onEvent((event) => {
    for (const l of listeners) l(event);
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribeTransport) {
      unsubscribeTransport();
      unsubscribeTransport = null;
    }
  };
}
