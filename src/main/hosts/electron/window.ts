import path from 'node:path';
import { app, BrowserWindow, screen } from 'electron';
import Store from 'electron-store';
import { appOrigin } from './security';

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const preferences = new Store<{ window: Bounds }>({
  name: 'preferences',
  defaults: { window: { width: 1366, height: 800, maximized: false } },
});

/** Restores bounds only if they still fit on a connected display (laptops unplug monitors). */
function visibleBounds(saved: Bounds): Bounds {
  if (saved.x === undefined || saved.y === undefined) return saved;
  const { x, y, width, height } = saved as Required<Bounds>;
  const fits = screen.getAllDisplays().some(({ workArea: a }) => x >= a.x && y >= a.y && x + width <= a.x + a.width && y + height <= a.y + a.height);
  return fits ? saved : { width, height, maximized: saved.maximized };
}

export function createMainWindow(): BrowserWindow {
  const saved = visibleBounds(preferences.get('window'));
  const window = new BrowserWindow({
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    width: saved.width,
    height: saved.height,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Octave Segments',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // DevTools would let anyone at the laptop run code with the signed-in user's rights.
      devTools: !app.isPackaged,
    },
  });
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = (): void => {
    if (window.isDestroyed() || window.isMinimized()) return;
    const maximized = window.isMaximized();
    const bounds = maximized ? preferences.get('window') : { ...window.getBounds(), maximized: false };
    preferences.set('window', { ...bounds, maximized });
  };
  window.on('resized', remember);
  window.on('moved', remember);
  window.on('maximize', remember);
  window.on('unmaximize', remember);
  window.on('close', remember);

  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
