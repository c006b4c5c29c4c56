import type { z } from 'zod';
import { contracts, type CallName, type Contracts } from '../../../shared/contracts';
import type { Envelope } from '../../../shared/contract';
import { callAccess } from '../../../shared/access';
import type { Permission } from '../../../shared/auth';
import type { Logger } from '../../platform/log';
import { publicError } from '../../platform/userErrors';
// issue 15, names
import { plainMessage } from '../../../shared/text';

type Handler<K extends CallName> = (
  input: z.output<Contracts[K]['input']>,
) => z.input<Contracts[K]['output']> | Promise<z.input<Contracts[K]['output']>>;

/** The one table from IPC call to service. Electron's ipcMain and the browser bridge both serve it. */
export type HandlerTable = { [K in CallName]: Handler<K> };

export type Dispatch = (name: string, input: unknown) => Promise<Envelope<unknown>>;

/** Says whether the signed-in user may make a call: throws an AppError (`unauthenticated`, `forbidden`) if not. */
export interface Gate {
  authorize(permission: Permission): unknown;
  /** A refused call, for the audit log: the call's name and why. */
  refused(call: string, reason: string): void;
}

const refusalKinds: ReadonlySet<string> = new Set(['forbidden', 'unauthenticated']);

/** Turns zod's issues into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The single door into the backend: checks the call exists, validates the
 * input, checks the signed-in user may make the call (see `callAccess`),
 * runs the handler and answers with an envelope. Nothing thrown ever
 * crosses the process boundary; technical detail goes to the log.
 */
export function createDispatch(handlers: HandlerTable, log: Logger, gate: Gate): Dispatch {
  const names = Object.keys(contracts);
  const missing = names.filter((n) => !Object.hasOwn(handlers, n));
  const extra = Object.keys(handlers).filter((n) => !Object.hasOwn(contracts, n));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`Handler table does not match the contracts (missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'})`);
  }

  return async (name, rawInput) => {
    if (!Object.hasOwn(contracts, name)) {
      return { ok: false, error: { kind: 'not_found', message: `Unknown request "${name}".` } };
    }
    const callName = name as CallName;
    const contract = contracts[callName];
    const access = callAccess[callName];
    if (access !== 'public') {
      try {
        gate.authorize(access);
      } catch (error) {
        const refusal = publicError(error, log, `Checking ${name}`);
        if (refusalKinds.has(refusal.kind)) gate.refused(name, `needs permission ${access}`);
        return { ok: false, error: refusal.toJSON() };
      }
    }
    const parsed = contract.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      log.warn(`Rejected ${name}: invalid input`, parsed.error.issues);
      // A field that says what is wrong in a whole sentence (a name with a control character) is shown as it is.
      const plain = plainMessage(parsed.error.issues);
      return { ok: false, error: { kind: 'validation', message: plain ?? `Invalid request ${name}: ${describeIssues(parsed.error)}` } };
    }
    try {
      const handler = handlers[callName] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const output = contract.output.safeParse(value);
      if (!output.success) {
        const broken = new Error(`returned data that breaks its contract: ${JSON.stringify(output.error.issues.slice(0, 5))}`);
        return { ok: false, error: publicError(broken, log, `Handler ${name}`).toJSON() };
      }
      return { ok: true, value: output.data };
    } catch (error) {
      const appError = publicError(error, log, `Handler ${name}`);
      // A refusal inside a handler (someone else's report, say); a public call's own refusals (a wrong password) are its business.
      if (refusalKinds.has(appError.kind) && access !== 'public') gate.refused(name, appError.message);
      return { ok: false, error: appError.toJSON() };
    }
  };
}
