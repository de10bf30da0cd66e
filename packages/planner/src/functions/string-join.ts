import { SqlTypes, arrayType } from '@velots/core';
import { defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction } from './function-def.js';
import { int, str } from './string-args.js';

/** String functions that join strings with separators or split them at one. */

export const CONCAT = defineFunction({
  name: 'CONCAT',
  category: 'string',
  minArgs: 1,
  maxArgs: Infinity,
  nulls: 'custom',
  description: 'CONCAT(s, …) → STRING: the arguments joined, skipping NULLs',
  args: ['string'],
  result: SqlTypes.STRING,
  impl: (_ctx, args) => {
    let out = '';
    for (const v of args) if (v !== null) out += str(v);
    return out;
  },
});

/** CONCAT_WS and JOIN: the arguments after the separator joined by it, a NULL one skipped or written as `nullText`; NULL when the separator is. */
function separatorJoin(name: string, description: string, nullText: string | undefined): ScalarFunction {
  return defineFunction({
    name,
    category: 'string',
    minArgs: 2,
    maxArgs: Infinity,
    nulls: 'custom',
    description,
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, args) => {
      const sep = args[0];
      if (sep === null) return null;
      const parts: string[] = [];
      for (let i = 1; i < args.length; i++) {
        if (args[i] !== null) parts.push(str(args[i]));
        else if (nullText !== undefined) parts.push(nullText);
      }
      return parts.join(str(sep));
    },
  });
}

export const CONCAT_WS = separatorJoin(
  'CONCAT_WS',
  'CONCAT_WS(sep, s, …) → STRING: the non-NULL arguments joined by sep (NULL when sep is NULL)',
  undefined,
);

export const JOIN = separatorJoin(
  'JOIN',
  'JOIN(sep, s, …) → STRING: the arguments joined by sep, a NULL written as the text NULL (NULL when sep is NULL)',
  'NULL',
);

function splitText(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

export const SPLIT = defineFunction({
  name: 'SPLIT',
  category: 'string',
  minArgs: 2,
  description: "SPLIT(s, sep) → ARRAY(STRING): the pieces of s between occurrences of sep ('' splits into characters)",
  args: ['string'],
  result: arrayType(SqlTypes.STRING),
  impl: (_ctx, [s, sep]) => splitText(str(s), str(sep)),
});

export const SPLIT_PART = defineFunction({
  name: 'SPLIT_PART',
  category: 'string',
  minArgs: 3,
  description: "SPLIT_PART(s, sep, n) → STRING: the n-th piece of s split at sep (1-based; negative n counts from the end; '' when out of range)",
  args: ['string', 'string', 'integer'],
  result: SqlTypes.STRING,
  impl: (_ctx, [s, sep, n]) => {
    const k = int(n);
    if (k === 0) throw invalidArgument('SPLIT_PART', 'the part number must not be 0');
    const parts = str(sep) === '' ? [str(s)] : str(s).split(str(sep));
    return parts[k > 0 ? k - 1 : parts.length + k] ?? '';
  },
});
