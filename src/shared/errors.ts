import { z } from 'zod';

/**
 * One error type for the whole app. Its `kind` survives the trip across IPC
 * and the browser bridge, so the renderer can choose what to tell the user.
 */
export const errorKinds = [
  'validation',
  'not_found',
  'conflict',
  'cancelled',
  'io',
  'database',
  'unsupported',
  'unauthenticated',
  'forbidden',
  'internal',
  // issue 15, backups: the data file is damaged; the window shows the restore path.
  'damaged',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export const appErrorSchema = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

export class AppError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.kind = kind;
  }

  toJSON(): AppErrorShape {
    return { kind: this.kind, message: this.message };
  }

  /**
   * Anything thrown, as an AppError. The raw message of an unforeseen error
   * is never the message (it means nothing to the user and may leak
   * internals); it stays the cause. The main process's boundaries add a
   * reference to the log instead (src/main/userErrors.ts).
   */
  static from(error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (isAppErrorShape(error)) return new AppError(error.kind, error.message);
    return new AppError('internal', 'Something went wrong. Please try again.', { cause: error });
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return appErrorSchema.safeParse(value).success;
}

export function isCancelled(error: unknown): boolean {
  return AppError.from(error).kind === 'cancelled';
}
