import { z } from 'zod';
import { appErrorSchema, type AppErrorShape } from './errors';

/** One IPC call: its name (also the channel), what it takes and what it gives back. */
export interface Contract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly input: I;
  readonly output: O;
}

export function defineContract<const N extends string, I extends z.ZodType, O extends z.ZodType>(
  name: N,
  input: I,
  output: O,
): Contract<I, O> & { readonly name: N } {
  return { name, input, output };
}

type ContractMap<T extends readonly Contract[]> = {
  [C in T[number] as C['name']]: C;
};

/** Builds the name → contract map; a name used twice is a programming error caught at start-up. */
export function defineContracts<const T extends readonly Contract[]>(list: T): ContractMap<T> {
  const map: Record<string, Contract> = {};
  for (const contract of list) {
    if (Object.hasOwn(map, contract.name)) {
      throw new Error(`IPC call "${contract.name}" is defined twice`);
    }
    if (!/^[a-z][A-Za-z0-9]*$/.test(contract.name)) {
      throw new Error(`IPC call name "${contract.name}" must be camelCase`);
    }
    map[contract.name] = contract;
  }
  return map as ContractMap<T>;
}

/** What crosses the process boundary: never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

export type Input<C extends Contract> = z.input<C['input']>;
export type Output<C extends Contract> = z.output<C['output']>;

/** A call whose input fields are all optional may be made with no argument. */
export type CallFn<C extends Contract> =
  Record<never, never> extends Input<C>
    ? (input?: Input<C>) => Promise<Output<C>>
    : (input: Input<C>) => Promise<Output<C>>;
