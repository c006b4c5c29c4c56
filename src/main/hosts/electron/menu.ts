import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The packaged app's menu: Electron's default one without its developer entries
 * (Reload, Force Reload, Toggle Developer Tools and their shortcuts). Edit stays,
 * so copy and paste keep their shortcuts on macOS.
 */
export function packagedMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ];
}

/** A development build keeps Electron's default menu, DevTools included. */
export function installApplicationMenu(): void {
  if (app.isPackaged) Menu.setApplicationMenu(Menu.buildFromTemplate(packagedMenuTemplate(process.platform)));
}
