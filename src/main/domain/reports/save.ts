import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { privateFileMode } from '../../platform/privateFiles';

/** What the user is told when a report cannot be saved (the use case's words); the reason in plain words follows. */
export const exportFailed = 'Export failed. Please try again later or contact support.';

/** Plain words for the reasons a file cannot be written, by Node's error code. */
const reasons: Record<string, (file: string) => string> = {
  EACCES: (f) => `The folder ${path.dirname(f)} cannot be written to.`,
  EPERM: (f) => `${path.basename(f)} is open in another program, or the folder ${path.dirname(f)} cannot be written to.`,
  EBUSY: (f) => `${path.basename(f)} is open in another program. Close it there first.`,
  EROFS: (f) => `The folder ${path.dirname(f)} is on a read-only drive.`,
  ENOENT: (f) => `The folder ${path.dirname(f)} does not exist any more.`,
  ENOTDIR: (f) => `The folder ${path.dirname(f)} does not exist any more.`,
  ENOSPC: () => 'The disk is full.',
  EDQUOT: () => 'The disk is full.',
  EISDIR: (f) => `${f} is a folder.`,
};

/** The failure as the user reads it, with the technical error kept as its cause (for the log). */
export function exportError(error: unknown, file: string): AppError {
  if (error instanceof AppError && error.kind === 'cancelled') return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = code && reasons[code] ? reasons[code](file) : null;
  return new AppError('io', reason ? `${exportFailed} ${reason}` : exportFailed, { cause: error });
}

export interface AtomicOptions {
  /** Opens the temporary file for writing: tests pass one that fails, to stand for a full disk. */
  open?: (file: string) => Writable;
}

/**
 * Writes `target` through a temporary file in the same folder, renamed into
 * place only once it is whole: a failure never leaves a partial or corrupt
 * file, and an existing file (overwrite) is replaced in one step or not at all.
 */
export async function writeAtomically(target: string, produce: (out: Writable) => Promise<void>, options: AtomicOptions = {}): Promise<{ size: number }> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    // issue 15, file modes: user-only even where the host set no umask (the rename keeps the mode).
    const out = (options.open ?? ((f) => fs.createWriteStream(f, { flags: 'wx', mode: privateFileMode })))(temp);
    // Listen at once: an open that fails (no folder, no permission) must not leave `produce` waiting forever.
    const closed = new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.once('close', resolve);
    });
    closed.catch(() => undefined);
    await Promise.race([produce(out), closed.then(() => undefined)]);
    if (!out.writableEnded) out.end();
    await closed;
    await renameWithRetry(temp, target);
    return { size: fs.statSync(target).size };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw exportError(error, target);
  }
}

/** Windows refuses a rename over a file another program has open (EPERM/EBUSY) for a moment after it closes: try for about three seconds. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') || attempt >= 15) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
