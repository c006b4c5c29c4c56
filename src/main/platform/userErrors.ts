import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { isDamageError } from './db/integrity';
import type { Logger } from './log';

/**
 * What the user is told when something fails, decided in one place at each
 * boundary (dispatch, job results, the browser's uploads and downloads,
 * helper threads through threads/protocol.ts), so no raw exception ("URI
 * malformed", "database disk image is malformed") ever reaches a screen:
 * - an AppError the app wrote for the user passes as it is;
 * - a full disk, wherever it happens (an import, training, a setting, an
 *   export), says so in the same words;
 * - a damaged database gets a `database` error in plain words;
 * - anything else is a short reference, written to the log beside the full
 *   error, so support can find it.
 */
export const diskFullWords = 'The disk is full: free some space and try again.';
export const damagedDatabaseWords = 'Your data file is damaged, so Octave Segments cannot read or save data safely. Restore a backup, or ask your administrator.';

/** The words of an error already logged under a reference. */
const referencePattern = /^Something went wrong \(ref [0-9A-F]{4}\)\./;

const diskFullCodes = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const diskFullText = /database or disk is full|no space left on device|disk quota exceeded|\bENOSPC\b|\bEDQUOT\b/i;

/** The error and the errors it wraps (`cause`), a few deep. */
function* chain(error: unknown): Generator<unknown> {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function textOf(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === 'string' ? e : '';
}

export function isDiskFull(error: unknown): boolean {
  return [...chain(error)].some((e) => diskFullCodes.has(codeOf(e)) || diskFullText.test(textOf(e)));
}

export function isDatabaseDamage(error: unknown): boolean {
  return [...chain(error)].some(isDamageError);
}

/** What the user may be told as it is: the app's own words, a full disk, a damaged database; else null. */
export function knownError(error: unknown): AppError | null {
  if (isDiskFull(error)) return new AppError('io', diskFullWords, { cause: error });
  if (error instanceof AppError && (error.kind === 'database' || error.kind === 'damaged')) return error;
  // Kind `damaged`, so the main process marks the file damaged whichever thread met it (src/main/ipc/damageGuard.ts).
  if (isDatabaseDamage(error)) return new AppError('damaged', damagedDatabaseWords, { cause: error });
  if (error instanceof AppError && error.kind !== 'internal') return error;
  // Already logged under a reference (by a thread or an inner boundary): a second one would point to a line without the cause.
  if (error instanceof AppError && referencePattern.test(error.message)) return error;
  return null;
}

/** "7F3A": short enough to read out over the phone; the log line's time tells repeats apart. */
export function newReference(): string {
  return randomBytes(2).toString('hex').toUpperCase();
}

export function referenceWords(reference: string, logFile: string | undefined): string {
  return `Something went wrong (ref ${reference}). Details are in ${logFile ? `the log file ${logFile}` : "the app's log"}.`;
}

/** Anything thrown, as the user should see it; the unforeseen is logged in full under its reference. */
export function publicError(error: unknown, log: Logger, context: string): AppError {
  const known = knownError(error);
  if (known) return known;
  const reference = newReference();
  log.error(`${context} failed (ref ${reference})`, error);
  return new AppError('internal', referenceWords(reference, log.file), { cause: error });
}
