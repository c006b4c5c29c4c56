// Electron main process: thin glue around the services. Everything that can
// run without Electron (database, jobs, handlers) lives elsewhere and is
// tested in plain Node.
import path from 'node:path';
import type { BrowserWindow} from 'electron';
import { app, dialog } from 'electron';
import { createAppContext, type AppContext } from './app/context';
import { startDemoWhenSetUp } from './demo/service';
import { electronDialogs } from './electron/dialogs';
import { registerIpc } from './electron/ipc';
import { installApplicationMenu } from './electron/menu';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { hardenSessionAndContents } from './electron/security';
import { createMainWindow } from './electron/window';
import { appDispatch } from './ipc/handlers';
import { createFileLogger, logFolderFor } from './logFile';
import { publicError } from './userErrors';
import { argValue, resolveDatabasePath } from './paths';
// issue 15, file modes
import { keepNewFilesPrivate } from './app/privateFiles';

keepNewFilesPrivate();

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
// Date fields follow the app's locale: day, month, year, as Sri Lanka writes them, whatever the laptop's language.
app.commandLine.appendSwitch('lang', 'en-GB');

let mainWindow: BrowserWindow | null = null;
let ctx: AppContext | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessionAndContents();
  installApplicationMenu();
  serveRenderer(path.join(__dirname, '..', 'renderer'));
  const databasePath = resolveDatabasePath({ flag: argValue(process.argv, 'db'), userDataDir: app.getPath('userData') });
  const log = createFileLogger(logFolderFor(databasePath));
  log.info(`Octave Segments ${app.getVersion()} starting on ${databasePath}`);
  try {
    ctx = createAppContext({
      databasePath,
      log,
      version: app.getVersion(),
      dialogs: electronDialogs(() => mainWindow),
      documentsDir: app.getPath('documents'),
    });
  } catch (error) {
    dialog.showErrorBox('Octave Segments cannot start', publicError(error, log, 'Start').message);
    app.exit(1);
    return;
  }
  registerIpc(appDispatch(ctx, log), ctx, () => mainWindow);
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  startDemoWhenSetUp(ctx);
}

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('will-quit', (event) => {
  if (!ctx || closing) return;
  closing = true;
  event.preventDefault();
  void ctx.close().finally(() => app.quit());
});

void start();
