import { ipcMain, type BrowserWindow } from 'electron';
import { callNames, ipcChannel, ipcEventChannel } from '../../../shared/contracts';
import type { AppContext } from '../../app/context';
import type { Dispatch } from '../../composition/ipc/dispatch';
import { appOrigin } from './security';

/** Serves the handler table over ipcMain, to our own page only, and forwards backend events. */
export function registerIpc(dispatch: Dispatch, ctx: AppContext, getWindow: () => BrowserWindow | null): void {
  for (const name of callNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!senderUrl.startsWith(`${appOrigin}/`)) {
        ctx.auth.refused(name, 'not from the app window');
        return { ok: false, error: { kind: 'forbidden', message: 'Request refused: it did not come from the app window.' } };
      }
      return dispatch(name, input);
    });
  }
  ctx.subscribe((event) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(ipcEventChannel, event);
  });
}
