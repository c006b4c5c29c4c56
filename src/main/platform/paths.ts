import os from 'node:os';
import path from 'node:path';

export const appFolderName = 'Octave Segments';
export const databaseFileName = 'octave.sqlite';

/**
 * The user-data folder Electron would use (`app.getPath('userData')`), computed
 * without Electron so that the CLI and the browser bridge find the same database.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appFolderName);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', appFolderName);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appFolderName);
  }
}

/** `--db PATH` wins, then `OCTAVE_DB`, then the file in the user-data folder. */
export function resolveDatabasePath(
  options: { flag?: string | undefined; env?: NodeJS.ProcessEnv; userDataDir?: string } = {},
): string {
  const env = options.env ?? process.env;
  if (options.flag) return path.resolve(options.flag);
  if (env.OCTAVE_DB) return path.resolve(env.OCTAVE_DB);
  return path.join(options.userDataDir ?? defaultUserDataDir(process.platform, env), databaseFileName);
}

/** Reads `--name value` or `--name=value` from an argument list. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
