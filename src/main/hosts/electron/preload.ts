// The only bridge between the sandboxed page and the backend: one object,
// `window.octave`, with one named function per contract. No raw ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { appEventSchema, callNames, ipcChannel, ipcEventChannel, type AppEvent } from '../../../shared/contracts';

const api: Record<string, unknown> = {};
for (const name of callNames) {
  api[name] = (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input ?? {});
}
api.onEvent = (listener: (event: AppEvent) => void) => {
  const handler = (_event: unknown, payload: unknown): void => {
    const parsed = appEventSchema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  };
  ipcRenderer.on(ipcEventChannel, handler);
  return () => ipcRenderer.removeListener(ipcEventChannel, handler);
};

contextBridge.exposeInMainWorld('octave', Object.freeze(api));
