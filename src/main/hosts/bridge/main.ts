// `npm run web`: the real renderer and the real services, in any browser,
// through the browser bridge. Also what `npm start` falls back to where the
// Electron binary cannot be had, and what the end-to-end tests drive.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppContext } from '../../composition/compose';
import { startDemoWhenSetUp } from '../../app/demo';
import { appDispatch } from '../../composition/ipc/handlers';
import { bridgeFileRoutes } from './files';
import { createFileLogger, logFolderFor } from '../../platform/logFile';
import { resolveDatabasePath } from '../../platform/paths';
import { appVersion } from '../../platform/version';
import { startBridge } from './server';
// issue 15, file modes
import { keepNewFilesPrivate } from '../../platform/privateFiles';

keepNewFilesPrivate();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'demo-customers': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
    },
  });
  const databasePath = resolveDatabasePath({ flag: values.db });
  const log = createFileLogger(logFolderFor(databasePath));
  log.info(`Octave Segments ${appVersion} starting (browser bridge) on ${databasePath}`);
  const ctx = createAppContext({ databasePath, log, version: appVersion });
  const dispatch = appDispatch(ctx, log);
  const bridge = await startBridge({
    dispatch,
    subscribe: (listener) => ctx.subscribe(listener),
    staticDir: path.join(__dirname, '..', 'renderer'),
    log,
    port: values.port ? Number(values.port) : 0,
    ...(process.env.OCTAVE_BRIDGE_TOKEN ? { token: process.env.OCTAVE_BRIDGE_TOKEN } : {}),
    ...bridgeFileRoutes(ctx),
  });
  if (!values['no-demo']) {
    const customers = values['demo-customers'] ? Number(values['demo-customers']) : undefined;
    startDemoWhenSetUp(ctx, customers);
  }
  console.log(`Octave Segments is running at ${bridge.url}`);
  console.log(`Database: ${ctx.connection.path}`);
  console.log('Open the address above in Chromium, Chrome or Edge. Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Octave Segments could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
