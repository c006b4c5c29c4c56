import { app, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../../shared/csp';

export const appOrigin = 'app://octave';

/**
 * Every hardening rule in one place: no navigation away from the app, no new
 * windows, no webviews, no permission grants, and the CSP on every response.
 */
export function hardenSessionAndContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  // Nothing leaves the machine: block every request that is not the app's own
  // (or, in development only, DevTools' own pages).
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${appOrigin}/`) || (!app.isPackaged && details.url.startsWith('devtools://'));
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${appOrigin}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
