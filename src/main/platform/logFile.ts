import fs from 'node:fs';
import path from 'node:path';
import { tightenFileModes } from './privateFiles';
import { consoleLogger, formatLine, type Logger } from './log';

/**
 * The log file an error's reference points to ("Details are in the log file
 * …"): the packaged app has no console anyone reads. Lines also go to stderr,
 * where the bridge and the CLI are watched.
 *
 * Hand-written rather than electron-log or pino: all it needs is append,
 * user-only modes and a size cap, in Electron's main process, plain Node (the
 * bridge, the CLI) and tests alike, and those libraries bring transports,
 * Electron path look-ups or a worker thread of their own that none of that needs.
 */
export interface FileLoggerOptions {
  /** The log is rotated when it passes this size: octave.log → octave.1.log → … */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one. */
  keep?: number;
  /** Also write lines to stderr: all of them (the default), only warnings and errors, or none. */
  echo?: boolean | 'problems';
}

export const logFileName = 'octave.log';

/** The log folder: `logs` beside the database, so one folder holds all the app's files. */
export function logFolderFor(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'logs');
}

export function createFileLogger(folder: string, options: FileLoggerOptions = {}): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const echo = options.echo ?? true;
  const file = path.join(folder, logFileName);
  let fd: number | undefined;
  let size = 0;
  let broken = false;

  const open = (): void => {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fd = fs.openSync(file, 'a', 0o600);
    tightenFileModes([file]);
    size = fs.fstatSync(fd).size;
  };

  const rotate = (): void => {
    if (fd !== undefined) fs.closeSync(fd);
    fd = undefined;
    for (let n = keep; n >= 1; n--) {
      const from = n === 1 ? file : path.join(folder, `octave.${n - 1}.log`);
      const to = path.join(folder, `octave.${n}.log`);
      if (fs.existsSync(from)) fs.renameSync(from, to);
    }
    open();
  };

  const write = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown): void => {
    if (echo === true || (echo === 'problems' && level !== 'info')) consoleLogger[level](message, detail);
    if (broken) return;
    try {
      if (fd === undefined) open();
      const line = Buffer.from(formatLine(level, message, detail));
      if (size > 0 && size + line.length > maxBytes) rotate();
      fs.writeSync(fd as number, line);
      size += line.length;
    } catch (error) {
      // A log that cannot be written (disk full, folder gone) must never stop
      // the work it describes: say so once on stderr and carry on without it.
      broken = true;
      process.stderr.write(`Octave Segments cannot write its log file ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };

  return {
    file,
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
