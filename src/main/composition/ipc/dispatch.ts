import type { z } from 'zod';
import { contracts, type CallName, type ChangeTopic, type JobKind } from '../../../shared/contracts';
import type { Envelope } from '../../../shared/contract';
import { callEffects, jobPermission, type CallAccess, type CallEffects, type CallInput, type CallResult } from '../../../shared/effects';
import type { Permission, SignedInUser } from '../../../shared/auth';
import type { Logger } from '../../platform/log';
import { publicError } from '../../platform/userErrors';
// issue 15, names
import { plainMessage } from '../../../shared/text';

/** Who makes the call: the signed-in user, who passed its access check; nobody in particular for a public call. */
export type Caller<K extends CallName> = CallAccess<K> extends 'public' ? null : SignedInUser;

type Handler<K extends CallName> = (input: CallInput<K>, caller: Caller<K>) => CallResult<K> | Promise<CallResult<K>>;

/** The one table from IPC call to service. Electron's ipcMain and the browser bridge both serve it. */
export type HandlerTable = { [K in CallName]: Handler<K> };

export type Dispatch = (name: string, input: unknown) => Promise<Envelope<unknown>>;

/** Says whether the signed-in user may make a call: throws an AppError (`unauthenticated`, `forbidden`) if not. */
export interface Gate {
  authorize(permission: Permission): SignedInUser;
  /** A refused call, for the audit log: the call's name and why. */
  refused(call: string, reason: string): void;
}

/** Where dispatch applies what each call declares (see callEffects). */
export interface Effects extends Gate {
  /** One audit entry in the signed-in user's name. */
  audit(action: string, detail: string): void;
  /** A job's start in the audit log; its end is written in the same name when it ends. */
  auditJob(jobId: string, action: string, detail: string): void;
  /** Tells every open view what changed. */
  changed(what: ChangeTopic): void;
  jobKind(jobId: string): JobKind;
}

/** Any call's effects, for dispatch, which only passes each call's own input and result to them. */
type AnyEffects = CallEffects<CallName> & { readonly audit?: { action: string; job?: true; detail(input: unknown, result: unknown): string | null } };

const refusalKinds: ReadonlySet<string> = new Set(['forbidden', 'unauthenticated']);

/** Turns zod's issues into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** After a call succeeded: its audit entry, then what it changed. */
function apply(effects: Effects, declared: AnyEffects, input: unknown, result: unknown): void {
  const rule = declared.audit;
  const detail = rule ? rule.detail(input, result) : null;
  if (rule && detail !== null) {
    if (rule.job) effects.auditJob((result as { jobId: string }).jobId, rule.action, detail);
    else effects.audit(rule.action, detail);
  }
  for (const what of declared.changes ?? []) effects.changed(what);
}

/**
 * The single door into the backend: checks the call exists, checks the
 * signed-in user may make the call, validates the input, runs the handler,
 * writes its audit entry and tells the views what changed (all as
 * `callEffects` declares), and answers with an envelope. Nothing thrown ever
 * crosses the process boundary; technical detail goes to the log.
 */
export function createDispatch(handlers: HandlerTable, log: Logger, effects: Effects): Dispatch {
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
    const declared = callEffects[callName] as AnyEffects;
    const access = declared.access;
    let caller: SignedInUser | null = null;
    if (access !== 'public') {
      try {
        caller = effects.authorize(access);
      } catch (error) {
        const refusal = publicError(error, log, `Checking ${name}`);
        if (refusalKinds.has(refusal.kind)) effects.refused(name, `needs permission ${access}`);
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
      if (declared.accessToJob) effects.authorize(jobPermission[effects.jobKind((parsed.data as { jobId: string }).jobId)]);
      const handler = handlers[callName] as (input: unknown, caller: SignedInUser | null) => unknown;
      const value = await handler(parsed.data, caller);
      // The contract's schema also drops what the handler handed back for the audit entry only.
      const output = contract.output.safeParse(value);
      if (!output.success) {
        const broken = new Error(`returned data that breaks its contract: ${JSON.stringify(output.error.issues.slice(0, 5))}`);
        return { ok: false, error: publicError(broken, log, `Handler ${name}`).toJSON() };
      }
      apply(effects, declared, parsed.data, value);
      return { ok: true, value: output.data };
    } catch (error) {
      const appError = publicError(error, log, `Handler ${name}`);
      // A refusal inside a handler (someone else's report, say); a public call's own refusals (a wrong password) are its business.
      if (refusalKinds.has(appError.kind) && access !== 'public') effects.refused(name, appError.message);
      return { ok: false, error: appError.toJSON() };
    }
  };
}
