import type { MessagePort } from 'node:worker_threads';
import type { Envelope } from '../../../shared/contract';
import { AppError, type ErrorKind } from '../../../shared/errors';
import type { Progress } from '../jobs/types';
import type { Logger } from '../log';
import { knownError, newReference, referenceWords } from '../userErrors';

/**
 * How the main process and its helper threads talk (jobs, the filter thread,
 * the background thread, k-means restarts; all the one worker bundle in a
 * role). A thread answers a table of requests: a request names one and gives
 * its input, the reply is the IPC envelope with the request's id. A failure
 * keeps its kind and words across, so a damaged file, a full disk or the
 * app's own message reaches the window as it would from the main thread; the
 * unforeseen travels with its stack, for the main process to log under the
 * reference the user is shown (threads have no log of their own).
 */

/** A thread's requests: each name, what it takes and what it gives. */
export type RequestTable = { readonly [name: string]: (input: never) => unknown };
export type Name<T extends RequestTable> = keyof T & string;
export type InputOf<T extends RequestTable, K extends Name<T>> = Parameters<T[K]> extends [infer I] ? I : undefined;
export type ValueOf<T extends RequestTable, K extends Name<T>> = Awaited<ReturnType<T[K]>>;
/** A call's arguments: none for a request that takes no input. */
export type InputArgs<T extends RequestTable, K extends Name<T>> = Parameters<T[K]> extends [] ? [] : [input: InputOf<T, K>];

/** Without an id, a notice: done in its turn, never answered. */
export type Request<T extends RequestTable = RequestTable> = { [K in Name<T>]: { id?: number; name: K; input: InputOf<T, K> } }[Name<T>];

/** A failed envelope, and the stack for the main process's log (never shown) when the failure is worth one. */
export type Failure = Extract<Envelope<never>, { ok: false }> & { detail?: string };
export type Outcome<V> = Extract<Envelope<V>, { ok: true }> | Failure;
export type Reply<V = unknown> = { id: number } & Outcome<V>;
/** How far a job is; only jobs send these, between the request and its reply. */
export type ProgressMessage = { id: number; progress: Progress };
export type ThreadMessage = Reply | ProgressMessage;

/** The app's words about the user's own input or data: a stack in the log would say nothing more. */
const usersOwn: ReadonlySet<ErrorKind> = new Set(['validation', 'conflict', 'not_found', 'unsupported']);

/** Anything thrown in a thread, as the failed envelope to send back. */
export function failureOf(error: unknown): Failure {
  const known = knownError(error);
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (!known) return { ok: false, error: { kind: 'internal', message: stack.split('\n')[0] ?? 'internal' }, detail: stack };
  const quiet = known.kind === 'cancelled' || (error instanceof AppError && usersOwn.has(error.kind));
  return { ok: false, error: known.toJSON(), ...(quiet ? {} : { detail: stack }) };
}

/**
 * A failure from a thread this thread started, as its own error of the same
 * kind and words, with the other thread's stack: it has no log either, so
 * its own failure carries that stack on to the main process.
 */
export function revive(failure: Failure): AppError {
  const error = new AppError(failure.error.kind, failure.error.message);
  if (failure.detail) error.stack = failure.detail;
  return error;
}

/** The main process's side: the same kind and words; the unforeseen logged in full under the reference the user is shown. */
export function errorOf(failure: Failure, log: Logger, context: string): AppError {
  if (failure.error.kind !== 'internal') return new AppError(failure.error.kind, failure.error.message);
  const reference = newReference();
  log.error(`${context} failed (ref ${reference})`, failure.detail ?? failure.error.message);
  return new AppError('internal', referenceWords(reference, log.file));
}

/** Runs one request's work: its value, or what it threw, as an envelope. */
export async function outcomeOf<V>(work: () => V | Promise<V>): Promise<Outcome<Awaited<V>>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return failureOf(error);
  }
}

/** Sends a reply; a value that cannot be copied to the other thread is a failure like any other. */
export function postReply(post: (reply: Reply) => void, id: number, outcome: Outcome<unknown>): void {
  try {
    post({ id, ...outcome });
  } catch (error) {
    post({ id, ...failureOf(error) });
  }
}

/** What a long-lived helper thread listens on and answers to: its parentPort. */
export type ThreadPort = Pick<MessagePort, 'on' | 'postMessage'>;

/** How a thread answers each request of its table; what it gives is copied to the other side as it is. */
export type Handlers<T extends RequestTable> = { [K in Name<T>]: (input: InputOf<T, K>) => unknown };

/**
 * A long-lived thread's side: answers one request at a time, in the order
 * asked. `open` builds the handlers at the first request (opening the
 * database, say), so a thread that cannot start says why in a reply like any
 * other failure; the next request tries again.
 */
export function serve<T extends RequestTable>(port: ThreadPort, open: () => Handlers<T>): void {
  let handlers: Handlers<T> | null = null;
  let queue = Promise.resolve();
  port.on('message', (request: Request<T>) => {
    queue = queue.then(async () => {
      const outcome = await outcomeOf(() => {
        handlers ??= open();
        const handler = handlers[request.name] as (input: unknown) => unknown;
        return handler(request.input);
      });
      if (request.id !== undefined) postReply((reply) => port.postMessage(reply), request.id, outcome);
    });
  });
}
