import path from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import type { HostDialogs } from '../../app/host';

/** Native open and save dialogs, attached to the app window so they stay on top of it. */
export function electronDialogs(getWindow: () => BrowserWindow | null): HostDialogs {
  return {
    async openFile({ title, filters }) {
      const window = getWindow();
      const options = { title, filters, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile({ title, defaultName, filters }) {
      const window = getWindow();
      const options = { title, defaultPath: path.isAbsolute(defaultName) ? defaultName : path.join(app.getPath('documents'), defaultName), filters };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async openPath(file) {
      const problem = await shell.openPath(file);
      return problem === '' ? null : problem;
    },
    showInFolder(file) {
      shell.showItemInFolder(file);
    },
  };
}
