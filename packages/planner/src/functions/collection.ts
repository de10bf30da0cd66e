import {
  ErrorCodes,
  SqlTypes,
  VeloError,
  arrayType,
  field,
  mapType,
  structType,
  type SqlType,
  type SqlValue,
} from '@velots/core';
import { hashKey, valuesEqual, type HashKey } from '../values/compare.js';
import { commonSupertypeOf } from '../values/supertype.js';
import { argumentError, coerceArg } from './signature.js';
import { defineFunction } from './define.js';
import type { ScalarFunction } from './function-def.js';
import { jsonValueText, parseJsonOrUndefined } from './json-path.js';

/**
 * Collection constructors and accessors. The accessors also take JSON text (as Velostream does):
 * an array or object parsed from it; text that is not the right JSON gives NULL.
 */

type List = readonly SqlValue[];
type SqlMap = ReadonlyMap<SqlValue, SqlValue>;

/** A JSON array's elements as SQL values: strings stay strings, numbers are doubles, nested values JSON text. */
function jsonArray(text: string): List | undefined {
  const doc = parseJsonOrUndefined(text);
  if (!Array.isArray(doc)) return undefined;
  return doc.map((e: unknown) => (e === null ? null : typeof e === 'number' || typeof e === 'boolean' ? e : jsonValueText(e)));
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  const doc = parseJsonOrUndefined(text);
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
}

function asList(v: SqlValue | undefined): List | undefined {
  return typeof v === 'string' ? jsonArray(v) : (v as List);
}

function unifyAll(name: string, types: readonly SqlType[]): SqlType {
  const t = commonSupertypeOf(types);
  if (!t) throw argumentError(name, types.length - 1, 'of a type compatible with the others', types[types.length - 1] as SqlType);
  return t;
}

/** Element type of an ARRAY argument (STRING JSON text holds text elements). */
function elementOf(t: SqlType): SqlType {
  return t.kind === 'ARRAY' ? t.element : t.kind === 'STRING' ? SqlTypes.STRING : SqlTypes.NULL;
}

/** Reads STRUCT field names from constant arguments; the binder passes them to `resolveWithConstants`. */
function structNames(constants: readonly (SqlValue | undefined)[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < constants.length; i += 2) {
    const name = constants[i];
    if (typeof name !== 'string') {
      throw new VeloError(ErrorCodes.TYPE_MISMATCH, `STRUCT: argument ${i + 1} must be a constant field name`);
    }
    names.push(name);
  }
  return names;
}

const STRUCT_FN = defineFunction({
  name: 'STRUCT',
  category: 'collection',
  minArgs: 2,
  maxArgs: Infinity,
  nulls: 'custom',
  description: "STRUCT(name, v, …) → STRUCT: a record of the named values (names are constant strings)",
  resolve: () => {
    throw new VeloError(ErrorCodes.TYPE_MISMATCH, 'STRUCT needs its field names as constant strings');
  },
  prepare: (constants) => {
    const names = structNames(constants);
    return (_ctx, args) => {
      const out: Record<string, SqlValue> = {};
      names.forEach((n, i) => (out[n] = args[2 * i + 1] ?? null));
      return out;
    };
  },
});

/** STRUCT's result type depends on its constant names, so it resolves with them. */
const STRUCT: ScalarFunction = Object.freeze({
  ...STRUCT_FN,
  resolveWithConstants(argTypes: readonly SqlType[], constants: readonly (SqlValue | undefined)[]) {
    if (argTypes.length < 2 || argTypes.length % 2 !== 0) {
      throw new VeloError(ErrorCodes.TYPE_MISMATCH, `STRUCT takes name/value pairs, got ${argTypes.length} arguments`);
    }
    const names = structNames(constants);
    const fields = names.map((n, i) => field(n, argTypes[2 * i + 1] as SqlType));
    return { result: structType(fields), argTypes: argTypes.map((t, i) => (i % 2 === 0 ? SqlTypes.STRING : t)) };
  },
});

function distinct(list: List): SqlValue[] {
  const seen = new Set<HashKey>();
  const out: SqlValue[] = [];
  for (const v of list) {
    const k = hashKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** MAP_KEYS and MAP_VALUES: one side of a map's entries in order (of JSON object text: keys, or values as text). */
function mapSide(name: string, side: 'key' | 'value', description: string): ScalarFunction {
  return defineFunction({
    name,
    category: 'collection',
    minArgs: 1,
    description,
    resolve: (types) => {
      const t = coerceArg(name, 0, types[0] as SqlType, 'map');
      return { result: arrayType(t.kind === 'MAP' ? t[side] : SqlTypes.STRING), argTypes: [t] };
    },
    impl: (_ctx, [m]) => {
      if (typeof m === 'string') {
        const o = jsonObject(m);
        if (!o) return null;
        return side === 'key' ? Object.keys(o) : Object.values(o).map((v) => (v === null ? null : jsonValueText(v)));
      }
      return side === 'key' ? [...(m as SqlMap).keys()] : [...(m as SqlMap).values()];
    },
  });
}

/** Every collection function. */
export const collectionFunctions: readonly ScalarFunction[] = [
  defineFunction({
    name: 'ARRAY',
    category: 'collection',
    minArgs: 0,
    maxArgs: Infinity,
    nulls: 'custom',
    description: 'ARRAY(v, …) → ARRAY(common type): the arguments as an array (NULL elements kept)',
    resolve: (types) => {
      const element = unifyAll('ARRAY', types);
      return { result: arrayType(element), argTypes: types.map(() => element) };
    },
    impl: (_ctx, args) => args.slice(),
  }),
  defineFunction({
    name: 'MAP',
    category: 'collection',
    minArgs: 0,
    maxArgs: Infinity,
    nulls: 'custom',
    description: 'MAP(k, v, …) → MAP(K, V): the key/value pairs as a map (a later duplicate key wins)',
    resolve: (types) => {
      if (types.length % 2 !== 0) throw new VeloError(ErrorCodes.TYPE_MISMATCH, `MAP takes key/value pairs, got ${types.length} arguments`);
      const key = unifyAll('MAP', types.filter((_, i) => i % 2 === 0));
      const value = unifyAll('MAP', types.filter((_, i) => i % 2 === 1));
      return { result: mapType(key, value), argTypes: types.map((_, i) => (i % 2 === 0 ? key : value)) };
    },
    impl: (_ctx, args) => {
      const m = new Map<SqlValue, SqlValue>();
      for (let i = 0; i < args.length; i += 2) m.set(args[i] ?? null, args[i + 1] ?? null);
      return m;
    },
  }),
  STRUCT,
  defineFunction({
    name: 'ARRAY_LENGTH',
    aliases: ['ARRAY_SIZE'],
    category: 'collection',
    minArgs: 1,
    description: 'ARRAY_LENGTH(a) → BIGINT: the number of elements of an array (or JSON array text; NULL when not one)',
    args: ['array'],
    result: SqlTypes.BIGINT,
    impl: (_ctx, [a]) => asList(a)?.length ?? null,
  }),
  defineFunction({
    name: 'CARDINALITY',
    category: 'collection',
    minArgs: 1,
    description: 'CARDINALITY(x) → BIGINT: the number of elements of an array or entries of a map',
    resolve: (types) => {
      const t = types[0] as SqlType;
      if (t.kind !== 'ARRAY' && t.kind !== 'MAP' && t.kind !== 'NULL') throw argumentError('CARDINALITY', 0, 'an ARRAY or MAP', t);
      return { result: SqlTypes.BIGINT, argTypes: [t] };
    },
    impl: (_ctx, [x]) => (x instanceof Map ? x.size : (x as List).length),
  }),
  defineFunction({
    name: 'ARRAY_CONTAINS',
    category: 'collection',
    minArgs: 2,
    description: 'ARRAY_CONTAINS(a, v) → BOOLEAN: whether some element equals v (numbers by value)',
    resolve: (types) => ({ result: SqlTypes.BOOLEAN, argTypes: [coerceArg('ARRAY_CONTAINS', 0, types[0] as SqlType, 'array'), types[1] as SqlType] }),
    impl: (_ctx, [a, v]) => {
      const list = asList(a);
      if (!list) return null;
      return list.some((e) => e !== null && valuesEqual(e, v ?? null));
    },
  }),
  defineFunction({
    name: 'ARRAY_DISTINCT',
    category: 'collection',
    minArgs: 1,
    description: 'ARRAY_DISTINCT(a) → same array type: the elements without duplicates, first occurrences in order',
    resolve: (types) => {
      const t = coerceArg('ARRAY_DISTINCT', 0, types[0] as SqlType, 'array');
      return { result: arrayType(elementOf(t)), argTypes: [t] };
    },
    impl: (_ctx, [a]) => {
      const list = asList(a);
      return list ? distinct(list) : null;
    },
  }),
  mapSide('MAP_KEYS', 'key', 'MAP_KEYS(m) → ARRAY(K): the keys of a map (or of JSON object text) in order'),
  mapSide('MAP_VALUES', 'value', 'MAP_VALUES(m) → ARRAY(V): the values of a map in order (of JSON object text: as text)'),
];
