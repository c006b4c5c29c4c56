/** The main process's log: technical detail goes here, never to the user. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** The file it writes to, when it writes to one: error messages point there. */
  readonly file?: string;
}

/** One log line: time, level, message and the detail (an error's stack). */
export function formatLine(level: string, message: string, detail?: unknown): string {
  const extra = detail === undefined ? '' : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  return `${new Date().toISOString()} ${level} ${message}${extra}\n`;
}

function write(level: string, message: string, detail?: unknown): void {
  process.stderr.write(formatLine(level, message, detail));
}

export const consoleLogger: Logger = {
  info: (m, d) => write('info', m, d),
  warn: (m, d) => write('warn', m, d),
  error: (m, d) => write('error', m, d),
};

/** For tests and --json CLI runs, where stderr noise helps nobody. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
