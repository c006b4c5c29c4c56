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
import { chosenFileSchema, type ChosenFileView } from '../shared/importViews';

declare global {
  interface Window {
    octave?: OctaveBridge;
  }
}

interface Transport {
  call(name: CallName, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Sends a file's bytes to the backend (browser bridge only: Electron opens files by path). */
  upload?(file: File): Promise<Envelope<unknown>>;
  /** Fetches a file the backend makes (browser bridge only: Electron saves through its dialog). */
  download?(what: string): Promise<Blob>;
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
    async upload(file) {
      try {
        const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { Authorization: headers.Authorization, 'Content-Type': 'application/octet-stream' },
          body: file,
        });
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { kind: 'io', message: `${file.name} could not be sent to the app. Check that it is still running, then try again.` } };
      }
    },
    async download(what) {
      const res = await fetch(`/api/download/${what}`, { headers: { Authorization: headers.Authorization } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as Envelope<unknown> | null;
        throw body && !body.ok ? new AppError(body.error.kind, body.error.message) : new AppError('io', 'The file could not be downloaded.');
      }
      return res.blob();
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

const sessionListeners = new Set<(message: string) => void>();

/** Called whenever the backend says nobody is signed in (the session timed out, or someone signed out). */
export function onSessionEnded(listener: (message: string) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** An envelope's value, or its error thrown as an AppError. */
function unwrap<T>(envelope: Envelope<unknown>, parse: (v: unknown) => T): T {
  if (!envelope.ok) {
    if (envelope.error.kind === 'unauthenticated') for (const l of sessionListeners) l(envelope.error.message);
    throw new AppError(envelope.error.kind, envelope.error.message);
  }
  return parse(envelope.value);
}

/** The typed backend API: resolves with the value or rejects with an AppError. */
export const api = Object.fromEntries(
  callNames.map((name) => [
    name,
    async (input?: unknown) => unwrap(await transport.call(name, input ?? {}), (value) => value),
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

/** True in the desktop app, where files are opened and saved through native dialogs. */
export const hasNativeDialogs = Boolean(window.octave);


/** Hands a file the user dropped or picked in the page to the backend; answers with its id. */
export async function uploadFile(file: File): Promise<ChosenFileView> {
  if (!transport.upload) throw new AppError('unsupported', 'Drop is not available here. Use "Choose a file…" instead.');
  return unwrap(await transport.upload(file), (v) => chosenFileSchema.parse(v));
}

/** Asks the page's own file chooser for one file (the browser bridge's stand-in for the native dialog). */
function pickInPage(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** The user chooses a sales export: the native dialog in the desktop app, the page's chooser in a browser. */
export async function chooseImportFile(): Promise<ChosenFileView | null> {
  if (hasNativeDialogs) return api.chooseImportFile();
  const file = await pickInPage('.csv,.txt,.tsv,.gz,.xlsx,.xls');
  return file ? uploadFile(file) : null;
}

/** Fetches a file the backend makes and hands it to the browser as a download named `fileName`. */
async function download(what: string, fileName: string): Promise<void> {
  if (!transport.download) throw new AppError('unsupported', 'Downloading is not available here.');
  const blob = await transport.download(what);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The browser's Open for a saved report: the file itself, downloaded. */
export function downloadReport(reportId: number, fileName: string): Promise<void> {
  return download(`report/${reportId}`, fileName);
}

/** Saves an import's rejected rows as CSV; answers with where, or null if the user cancelled. */
export async function saveImportReport(importId: number, fileName: string): Promise<string | null> {
  if (hasNativeDialogs) return (await api.saveImportReport({ importId })).path;
  await download(`import-report/${importId}`, fileName);
  return fileName;
}
