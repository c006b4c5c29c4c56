import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Hostile IPC payloads for a zod input schema: the schema's own field names
 * with values of every wrong kind, fields left out, fields added, and whole
 * payloads of the wrong type. Some of what comes out is accepted by the
 * schema (an optional field left out, an odd but valid string): those reach
 * the handler, which is the point.
 */

const huge = {
  string: 'x'.repeat(2 * 1024 * 1024),
  array: Array.from({ length: 100_000 }, (_, i) => i),
  strings: Array.from({ length: 100_000 }, () => 'a'),
};

let nested: unknown = 'bottom';
for (let i = 0; i < 200; i++) nested = i % 2 === 0 ? { deeper: nested } : [nested];

/** Values that once tripped code that trusted its input: each is tried in every field. */
const oddValues: unknown[] = [
  NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e308, 2 ** 53 + 1, -(2 ** 31), 2 ** 31,
  true, false, null, undefined,
  '', ' ', '\0', 'a\0b', '\ud800', 'x\udfffy', '\u202eevil', '\r\n', '1', '-1', 'NaN', 'Infinity', 'true', '[]', '{}',
  '__proto__', 'constructor', '../../etc/passwd', 'C:\\Windows\\System32', "'; DROP TABLE customers; --", '%E0%A4%A', '2026-02-30', '9999-99-99T99:99',
  huge.string, huge.array, huge.strings, [], [null], [NaN], {}, [[[[[]]]]], nested,
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
];

export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...oddValues), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 2 },
  { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

const oddKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'extra', 'sql', '\0'];

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Near-valid values for a schema: what its type looks like, so that more payloads get past the first field. */
function likely(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return likely(def.innerType as z.ZodType, depth);
    case 'pipe':
      return likely(def.in as z.ZodType, depth);
    case 'object':
      return depth > 3 ? oddValue : objectFor(schema, depth + 1);
    case 'array':
      return fc.array(fc.oneof(likely(def.element as z.ZodType, depth + 1), oddValue), { maxLength: 4 });
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => likely(o, depth)));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'string':
      return fc.oneof(fc.string({ maxLength: 12 }), fc.uuid(), fc.constantFrom('2026-01-31', 'LKR', 'Colombo 03', 'fresh'));
    case 'number':
      return fc.oneof(fc.integer({ min: -2, max: 200 }), fc.constantFrom(1, 2, 100, 600, 1_000_000));
    case 'boolean':
      return fc.boolean();
    default:
      return oddValue;
  }
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape as Record<string, z.ZodType>;
  if (def.type === 'pipe') return shapeOf(def.in as z.ZodType);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)) return shapeOf(def.innerType as z.ZodType);
  return null;
}

/** An object with some of the schema's keys (likely or odd values) and perhaps keys it does not know. */
function objectFor(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  const shape = shapeOf(schema) ?? {};
  const keys = Object.keys(shape);
  const field = (key: string) => fc.tuple(fc.constant(key), fc.oneof(likely(shape[key] as z.ZodType, depth), oddValue));
  const known = keys.length === 0 ? fc.constant([] as [string, unknown][]) : fc.subarray(keys).chain((chosen) => fc.tuple(...chosen.map(field)));
  const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...oddKeys), fc.string({ maxLength: 8 })), oddValue), { maxLength: 2 });
  // fromEntries defines each key as an own property, as JSON.parse does: `__proto__` included.
  return fc.tuple(known, fc.oneof({ arbitrary: fc.constant([] as [string, unknown][]), weight: 2 }, { arbitrary: extra, weight: 1 })).map(([a, b]) => Object.fromEntries([...a, ...b]));
}

/** Payloads for one call's input schema. */
export function payloadsFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: objectFor(schema, 0), weight: 4 }, { arbitrary: oddValue, weight: 1 });
}
