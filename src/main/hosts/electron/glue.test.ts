import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../shared/csp';
import { callNames, ipcChannel } from '../../../shared/contracts';

// Electron's binary cannot run on the test machine, so the glue is exercised
// against a recording stand-in of the few Electron APIs it calls. electron-store
// is real (inlined by vitest so it sees the stand-in), writing to a temp folder.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  // vi.hoisted runs before the imports above are bound, so it loads what it needs itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const userData = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'octave-glue-'));
  const state = {
    userData,
    windows: [] as FakeWindow[],
    appListeners: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    session: {} as Record<string, Listener>,
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  };
  class FakeWindow {
    listeners = new Map<string, Listener>();
    bounds: { x: number; y: number; width: number; height: number };
    url = '';
    webContents = { send: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      this.bounds = { x: (options.x as number) ?? 0, y: (options.y as number) ?? 0, width: options.width as number, height: options.height as number };
      state.windows.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    getBounds() {
      return this.bounds;
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    maximize() {}
    show() {}
  }
  const electron = {
    app: {
      isPackaged: false,
      getPath: () => userData,
      getVersion: () => '0.0.0-test',
      getName: () => 'Octave Segments',
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
    },
    ipcMain: {
      on: vi.fn(),
      handle: (channel: string, listener: Listener) => state.ipcHandlers.set(channel, listener),
    },
    shell: {},
    dialog: {
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/data/sales.csv'] })),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    },
    screen: { getAllDisplays: () => state.displays },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: vi.fn(),
    },
    BrowserWindow: FakeWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (l: Listener) => (state.session.permissionRequest = l),
        setPermissionCheckHandler: (l: Listener) => (state.session.permissionCheck = l),
        webRequest: {
          onHeadersReceived: (l: Listener) => (state.session.headers = l),
          onBeforeRequest: (l: Listener) => (state.session.beforeRequest = l),
        },
      },
    },
  };
  return { state, electron, FakeWindow };
});

vi.mock('electron', () => ({ default: fake.electron, ...fake.electron }));

const { hardenSessionAndContents, appOrigin } = await import('./security');
const { createMainWindow } = await import('./window');
const { registerIpc } = await import('./ipc');
const { electronDialogs } = await import('./dialogs');
const { installApplicationMenu } = await import('./menu');

/** Runs `body` as if in an installed build (electron-builder sets app.isPackaged). */
function packaged<T>(body: () => T): T {
  fake.electron.app.isPackaged = true;
  try {
    return body();
  } finally {
    fake.electron.app.isPackaged = false;
  }
}

afterAll(() => fs.rmSync(fake.state.userData, { recursive: true, force: true }));

describe('the Electron window', () => {
  it('is isolated, sandboxed, without Node, and loads only the app', () => {
    const window = createMainWindow() as unknown as InstanceType<typeof fake.FakeWindow>;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect((window.options.webPreferences as { preload: string }).preload).toMatch(/preload[/\\]preload\.js$/);
    expect(window.url).toBe(`${appOrigin}/index.html`);
  });

  it('has DevTools only in development: the installed app cannot open them', () => {
    const devTools = (window: unknown) => ((window as InstanceType<typeof fake.FakeWindow>).options.webPreferences as { devTools: boolean }).devTools;
    expect(packaged(() => devTools(createMainWindow()))).toBe(false);
    expect(devTools(createMainWindow())).toBe(true);
  });

  it('has no Reload or Toggle Developer Tools menu entries (nor their shortcuts) when installed, on any system', () => {
    const roles = (items: { role?: string; submenu?: unknown }[]): string[] =>
      items.flatMap((item) => [item.role ?? '', ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]).filter(Boolean);
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const original = process.platform;
      Object.defineProperty(process, 'platform', { value: platform });
      try {
        fake.electron.Menu.setApplicationMenu.mockClear();
        packaged(installApplicationMenu);
        const menu = fake.electron.Menu.setApplicationMenu.mock.calls[0]?.[0] as { template: { role?: string }[] };
        const used = roles(menu.template).map((role) => role.toLowerCase());
        expect(used, platform).not.toContain('toggledevtools');
        expect(used, platform).not.toContain('reload');
        expect(used, platform).not.toContain('forcereload');
        expect(used, platform).not.toContain('viewmenu');
        // Copy and paste keep their menu (and, on macOS, their shortcuts).
        expect(used, platform).toContain('editmenu');
      } finally {
        Object.defineProperty(process, 'platform', { value: original });
      }
    }
    // A development build keeps Electron's default menu, DevTools included.
    fake.electron.Menu.setApplicationMenu.mockClear();
    installApplicationMenu();
    expect(fake.electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
  });

  it('remembers its size and position for the next start, unless that position is off-screen now', () => {
    const first = createMainWindow() as unknown as InstanceType<typeof fake.FakeWindow>;
    first.bounds = { x: 120, y: 80, width: 1500, height: 900 };
    first.listeners.get('resized')?.();
    const stored = JSON.parse(fs.readFileSync(path.join(fake.state.userData, 'preferences.json'), 'utf8'));
    expect(stored.window).toMatchObject({ x: 120, y: 80, width: 1500, height: 900, maximized: false });

    const second = createMainWindow() as unknown as InstanceType<typeof fake.FakeWindow>;
    expect(second.options).toMatchObject({ x: 120, y: 80, width: 1500, height: 900 });

    fake.state.displays = [{ workArea: { x: 0, y: 0, width: 1366, height: 768 } }];
    const third = createMainWindow() as unknown as InstanceType<typeof fake.FakeWindow>;
    expect(third.options).not.toHaveProperty('x');
    expect(third.options).toMatchObject({ width: 1500, height: 900 });
  });
});

describe('the hardening rules', () => {
  hardenSessionAndContents();
  const contentsListeners = new Map<string, (...args: unknown[]) => unknown>();
  let windowOpen: (() => unknown) | undefined;
  fake.state.appListeners.get('web-contents-created')?.(
    {},
    {
      on: (event: string, l: (...args: unknown[]) => unknown) => contentsListeners.set(event, l),
      setWindowOpenHandler: (h: () => unknown) => (windowOpen = h),
    },
  );
  const navigate = (event: string, url: string) => {
    const preventDefault = vi.fn();
    contentsListeners.get(event)?.({ preventDefault }, url);
    return preventDefault.mock.calls.length > 0;
  };

  it('deny every permission request', () => {
    const callback = vi.fn();
    fake.state.session.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.state.session.permissionCheck?.()).toBe(false);
  });

  it('put the strict CSP on every response', () => {
    const callback = vi.fn();
    fake.state.session.headers?.({ responseHeaders: { 'X-Test': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [contentSecurityPolicy] } });
  });

  it('cancel every request that is not the app itself', () => {
    const decide = (url: string) => {
      const callback = vi.fn();
      fake.state.session.beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('app://octave/assets/index.js')).toEqual({ cancel: false });
    expect(decide('https://fonts.example.com/font.woff2')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    // DevTools' own pages load only in development.
    expect(decide('devtools://devtools/bundled/devtools_app.html')).toEqual({ cancel: false });
    expect(packaged(() => decide('devtools://devtools/bundled/devtools_app.html'))).toEqual({ cancel: true });
  });

  it('block navigation away from the app, redirects, webviews and new windows', () => {
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', 'app://octave/index.html')).toBe(false);
    expect(navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(navigate('will-attach-webview', '')).toBe(true);
    expect(windowOpen?.()).toEqual({ action: 'deny' });
  });
});

describe('IPC registration', () => {
  it('serves every contract, and only to the app window', async () => {
    const dispatch = vi.fn(async (name: string) => ({ ok: true as const, value: name }));
    const ctx = { subscribe: vi.fn(), auth: { refused: vi.fn() } };
    registerIpc(dispatch, ctx as never, () => null);
    for (const name of callNames) expect(fake.state.ipcHandlers.has(ipcChannel(name))).toBe(true);
    const handler = fake.state.ipcHandlers.get(ipcChannel('getAppStatus'))!;
    expect(await handler({ senderFrame: { url: 'app://octave/index.html' } }, {})).toEqual({ ok: true, value: 'getAppStatus' });
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    // The refusal goes to the audit log like the dispatcher's own.
    expect(ctx.auth.refused).toHaveBeenCalledWith('getAppStatus', 'not from the app window');
  });
});


describe('native dialogs', () => {
  it('open attached to the window, offer sales exports, save into Documents, and say when the user cancelled', async () => {
    const window = createMainWindow();
    const dialogs = electronDialogs(() => window);
    expect(await dialogs.openFile({ title: 'Choose', filters: [{ name: 'CSV', extensions: ['csv'] }] })).toBe('/data/sales.csv');
    expect(fake.electron.dialog.showOpenDialog).toHaveBeenCalledWith(window, expect.objectContaining({ properties: ['openFile'] }));
    expect(await dialogs.saveFile({ title: 'Save', defaultName: 'report.csv', filters: [] })).toBeNull();
    expect(fake.electron.dialog.showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ defaultPath: path.join(fake.state.userData, 'report.csv') }),
    );
  });
});
