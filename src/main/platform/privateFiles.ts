import fs from 'node:fs';

/**
 * The database, its -wal and -shm, backups, logs and reports hold the
 * chain's customers: on macOS and Linux they are made readable by their
 * owner only (0600 files, 0700 folders), whatever umask the app was started
 * with (022, the usual default, makes them world-readable).
 *
 * The umask is the process's, so the worker threads (imports, training,
 * exports) and SQLite's own files follow it; it is set once, by each host
 * (Electron, the browser bridge, the CLI) before anything else runs. Where
 * the app is embedded without a host, the explicit modes below still hold
 * for what it makes itself.
 *
 * Windows has no umask: the user profile's NTFS permissions already keep
 * AppData and Documents to their owner, so nothing is done there.
 */
export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;

export function keepNewFilesPrivate(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/**
 * Makes a folder the app owns (the user-data folder, the default reports
 * folder) and any missing parents, user-only. A folder that exists is left
 * as it is: the user may have chosen it and set its permissions.
 */
export function makePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: privateFolderMode });
}

/**
 * Files the app alone writes (the database and its -wal and -shm, its log)
 * that an older version, a copy or a restore left readable by others are
 * made the owner's only when the app opens them. A file the user does not
 * own is left alone (chmod would fail, and is not ours to change).
 */
export function tightenFileModes(files: readonly string[]): void {
  if (process.platform === 'win32') return;
  for (const file of files) {
    try {
      const { mode, uid } = fs.statSync(file);
      if ((mode & 0o077) !== 0 && (process.getuid === undefined || uid === process.getuid())) fs.chmodSync(file, mode & 0o700);
    } catch {
      // Not there (no -wal yet), or not ours: nothing to tighten.
    }
  }
}
