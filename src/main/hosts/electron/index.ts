// Electron main process: thin glue around the services. Everything that can
// run without Electron (database, jobs, handlers) lives elsewhere and is
// tested in plain Node.
import path from 'node:path';
import type { BrowserWindow} from 'electron';
import { app, dialog } from 'electron';
import { createAppContext } from '../../composition/compose';
import { type AppContext } from '../../app/context';
import { startDemoWhenSetUp } from '../../app/demo';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { installApplicationMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenSessionAndContents } from './security';
import { createMainWindow } from './window';
import { appDispatch } from '../../composition/ipc/handlers';
import { createFileLogger, logFolderFor } from '../../platform/logFile';
import { publicError } from '../../platform/userErrors';
import { argValue, resolveDatabasePath } from '../../platform/paths';
// issue 15, file modes
import { keepNewFilesPrivate } from '../../platform/privateFiles';

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
