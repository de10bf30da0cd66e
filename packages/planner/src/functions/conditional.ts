import { SqlTypes, type SqlType } from '@velots/core';
import { commonSupertypeOf } from '../values/supertype.js';
import { valuesEqual } from '../values/compare.js';
import { argumentError, coerceArg } from './signature.js';
import { defineFunction } from './define.js';
import type { ResolvedSignature, ScalarFunction } from './function-def.js';

/** Conditional functions: COALESCE, NULLIF, IF, IFNULL/NVL. Results take the common supertype of the branches. */

/** Resolves arguments `from…` to their common supertype (earlier arguments keep their own types). */
function unify(name: string, types: readonly SqlType[], from: number): ResolvedSignature {
  const branches = types.slice(from);
  const result = commonSupertypeOf(branches);
  if (!result) {
    const bad = branches.findIndex((_, i) => commonSupertypeOf(branches.slice(0, i + 1)) === undefined);
    throw argumentError(name, from + bad, 'of a type compatible with the other branches', types[from + bad] as SqlType);
  }
  return { result, argTypes: types.map((t, i) => (i < from ? t : result)) };
}

/** Every conditional function. */
export const conditionalFunctions: readonly ScalarFunction[] = [
  defineFunction({
    name: 'COALESCE',
    category: 'conditional',
    minArgs: 1,
    maxArgs: Infinity,
    nulls: 'custom',
    description: 'COALESCE(x, …) → common type: the first non-NULL argument (NULL when all are NULL)',
    resolve: (types) => unify('COALESCE', types, 0),
    impl: (_ctx, args) => {
      for (const v of args) if (v !== null) return v;
      return null;
    },
  }),
  defineFunction({
    name: 'IFNULL',
    aliases: ['NVL'],
    category: 'conditional',
    minArgs: 2,
    nulls: 'custom',
    description: 'IFNULL(x, y) → common type: x, or y when x is NULL',
    resolve: (types) => unify('IFNULL', types, 0),
    impl: (_ctx, [x, y]) => (x === null ? (y ?? null) : (x ?? null)),
  }),
  defineFunction({
    name: 'NULLIF',
    category: 'conditional',
    minArgs: 2,
    nulls: 'custom',
    description: 'NULLIF(a, b) → type of a: NULL when a = b, else a',
    resolve: (types) => {
      const common = unify('NULLIF', types, 0);
      return { result: types[0]?.kind === 'NULL' ? common.result : common.result, argTypes: common.argTypes };
    },
    impl: (_ctx, [a, b]) => {
      if (a === null || a === undefined) return null;
      return b !== null && b !== undefined && valuesEqual(a, b) ? null : a;
    },
  }),
  defineFunction({
    name: 'IF',
    aliases: ['IIF'],
    category: 'conditional',
    minArgs: 3,
    nulls: 'custom',
    description: 'IF(c, a, b) → common type of a and b: a when c is TRUE, else b (a NULL condition picks b)',
    resolve: (types) => {
      coerceArg('IF', 0, types[0] as SqlType, 'boolean');
      const r = unify('IF', types, 1);
      return { result: r.result, argTypes: [SqlTypes.BOOLEAN, ...r.argTypes.slice(1)] };
    },
    impl: (_ctx, [c, a, b]) => (c === true ? (a ?? null) : (b ?? null)),
  }),
];
