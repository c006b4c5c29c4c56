/** The main process's log: technical detail goes here, never to the user. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** The file it writes to, when it writes to one: error messages point there. */
  readonly file?: string;
}

function write(level: string, message: string, detail?: unknown): void {
  const extra = detail === undefined ? '' : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  process.stderr.write(`${new Date().toISOString()} ${level} ${message}${extra}\n`);
}

export const consoleLogger: Logger = {
  info: (m, d) => write('info', m, d),
  warn: (m, d) => write('warn', m, d),
  error: (m, d) => write('error', m, d),
};

/** For tests and --json CLI runs, where stderr noise helps nobody. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
