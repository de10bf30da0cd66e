import { SqlTypes } from '@velots/core';
import { defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction } from './function-def.js';
import { int, str } from './string-args.js';
import { CONCAT, CONCAT_WS, JOIN, SPLIT, SPLIT_PART } from './string-join.js';
import { LEFT, LENGTH, LPAD_RPAD, POSITION, RIGHT, SUBSTRING } from './string-positions.js';

/**
 * String functions: case, trimming, replacing and testing here; those that count characters in
 * string-positions.ts, those that join and split in string-join.ts.
 */

const WHITESPACE = ' \t\n\r\f\v';

function trimmer(name: string, left: boolean, right: boolean): ScalarFunction {
  return defineFunction({
    name,
    category: 'string',
    minArgs: 1,
    maxArgs: 2,
    description: `${name}(s[, chars]) → STRING: s without ${left && right ? 'leading and trailing' : left ? 'leading' : 'trailing'} whitespace (or the given characters)`,
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, args) => {
      const s = str(args[0]);
      const set = args.length > 1 ? str(args[1]) : WHITESPACE;
      let start = 0;
      let end = s.length;
      if (left) while (start < end && set.includes(s.charAt(start))) start++;
      if (right) while (end > start && set.includes(s.charAt(end - 1))) end--;
      return s.slice(start, end);
    },
  });
}

const MAX_REPEAT_LENGTH = 100_000_000;

/** Every string function. */
export const stringFunctions: readonly ScalarFunction[] = [
  defineFunction({
    name: 'UPPER',
    aliases: ['UCASE'],
    category: 'string',
    minArgs: 1,
    description: 'UPPER(s) → STRING: s in upper case',
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s]) => str(s).toUpperCase(),
  }),
  defineFunction({
    name: 'LOWER',
    aliases: ['LCASE'],
    category: 'string',
    minArgs: 1,
    description: 'LOWER(s) → STRING: s in lower case',
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s]) => str(s).toLowerCase(),
  }),
  trimmer('TRIM', true, true),
  trimmer('LTRIM', true, false),
  trimmer('RTRIM', false, true),
  SUBSTRING,
  LEFT,
  RIGHT,
  LENGTH,
  defineFunction({
    name: 'REPLACE',
    category: 'string',
    minArgs: 3,
    description: 'REPLACE(s, from, to) → STRING: every occurrence of from replaced by to',
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s, from, to]) => (str(from) === '' ? str(s) : str(s).split(str(from)).join(str(to))),
  }),
  POSITION,
  CONCAT,
  CONCAT_WS,
  JOIN,
  SPLIT,
  SPLIT_PART,
  defineFunction({
    name: 'REVERSE',
    category: 'string',
    minArgs: 1,
    description: 'REVERSE(s) → STRING: the characters of s in reverse order',
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s]) => [...str(s)].reverse().join(''),
  }),
  ...LPAD_RPAD,
  defineFunction({
    name: 'INITCAP',
    category: 'string',
    minArgs: 1,
    description: 'INITCAP(s) → STRING: each word with an upper-case first letter and the rest lower case',
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s]) => str(s).toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, before: string, c: string) => before + c.toUpperCase()),
  }),
  defineFunction({
    name: 'REPEAT',
    category: 'string',
    minArgs: 2,
    description: "REPEAT(s, n) → STRING: s repeated n times ('' when n ≤ 0)",
    args: ['string', 'integer'],
    result: SqlTypes.STRING,
    impl: (_ctx, [s, n]) => {
      const k = Math.max(0, int(n));
      if (k * str(s).length > MAX_REPEAT_LENGTH) throw invalidArgument('REPEAT', `result of ${k * str(s).length} characters is too long`);
      return str(s).repeat(k);
    },
  }),
  defineFunction({
    name: 'STARTS_WITH',
    category: 'string',
    minArgs: 2,
    description: 'STARTS_WITH(s, prefix) → BOOLEAN: whether s begins with prefix',
    args: ['string'],
    result: SqlTypes.BOOLEAN,
    impl: (_ctx, [s, p]) => str(s).startsWith(str(p)),
  }),
  defineFunction({
    name: 'ENDS_WITH',
    category: 'string',
    minArgs: 2,
    description: 'ENDS_WITH(s, suffix) → BOOLEAN: whether s ends with suffix',
    args: ['string'],
    result: SqlTypes.BOOLEAN,
    impl: (_ctx, [s, p]) => str(s).endsWith(str(p)),
  }),
];
