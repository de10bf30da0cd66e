import { SqlTypes, arrayType, type SqlValue } from '@velots/core';
import { defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction } from './function-def.js';

/**
 * String functions. Lengths and positions count characters (Unicode code points), not UTF-16 units
 * or bytes; strings without surrogate pairs take the fast path of plain `slice`.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

function codePoints(s: string): string[] | undefined {
  return SURROGATE.test(s) ? [...s] : undefined;
}

function charLength(s: string): number {
  const cps = codePoints(s);
  return cps ? cps.length : s.length;
}

/** Characters [from, to) of s by code point (indexes clamped to the string). */
function charSlice(s: string, from: number, to: number): string {
  const cps = codePoints(s);
  const n = cps ? cps.length : s.length;
  const a = Math.max(0, Math.min(n, from));
  const b = Math.max(a, Math.min(n, to));
  return cps ? cps.slice(a, b).join('') : s.slice(a, b);
}

function str(v: SqlValue | undefined): string {
  return v as string;
}

function int(v: SqlValue | undefined): number {
  return Number(v);
}

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

const SUBSTRING = defineFunction({
  name: 'SUBSTRING',
  aliases: ['SUBSTR'],
  category: 'string',
  minArgs: 2,
  maxArgs: 3,
  description: 'SUBSTRING(s, start[, len]) → STRING: len characters from 1-based start (negative start counts from the end)',
  args: ['string', 'integer', 'integer'],
  result: SqlTypes.STRING,
  impl: (_ctx, args) => {
    const s = str(args[0]);
    const start = int(args[1]);
    const from = start > 0 ? start - 1 : start < 0 ? charLength(s) + start : 0;
    if (args.length < 3) return charSlice(s, from, Infinity);
    const len = int(args[2]);
    return len <= 0 ? '' : charSlice(s, from, from + len);
  },
});

const LEFT = defineFunction({
  name: 'LEFT',
  category: 'string',
  minArgs: 2,
  description: 'LEFT(s, n) → STRING: the first n characters (n < 0: all but the last |n|)',
  args: ['string', 'integer'],
  result: SqlTypes.STRING,
  impl: (_ctx, [s, n]) => {
    const k = int(n);
    return charSlice(str(s), 0, k >= 0 ? k : charLength(str(s)) + k);
  },
});

const RIGHT = defineFunction({
  name: 'RIGHT',
  category: 'string',
  minArgs: 2,
  description: 'RIGHT(s, n) → STRING: the last n characters (n < 0: all but the first |n|)',
  args: ['string', 'integer'],
  result: SqlTypes.STRING,
  impl: (_ctx, [s, n]) => {
    const k = int(n);
    const len = charLength(str(s));
    return charSlice(str(s), k >= 0 ? len - k : -k, len);
  },
});

const POSITION = defineFunction({
  name: 'POSITION',
  aliases: ['STRPOS', 'INSTR'],
  category: 'string',
  minArgs: 2,
  maxArgs: 3,
  description: 'POSITION(sub, s[, from]) → BIGINT: 1-based character index of sub in s at or after from, 0 when absent',
  args: ['string', 'string', 'integer'],
  result: SqlTypes.BIGINT,
  impl: (_ctx, args) => {
    const sub = str(args[0]);
    const s = str(args[1]);
    const from = args.length > 2 ? Math.max(1, int(args[2])) : 1;
    const cps = codePoints(s) ?? codePoints(sub);
    if (!cps) {
      const i = s.indexOf(sub, from - 1);
      return i < 0 || from - 1 > s.length ? 0 : i + 1;
    }
    const chars = [...s];
    const startUnit = chars.slice(0, from - 1).join('').length;
    if (from - 1 > chars.length) return 0;
    const unit = s.indexOf(sub, startUnit);
    return unit < 0 ? 0 : [...s.slice(0, unit)].length + 1;
  },
});

const CONCAT = defineFunction({
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

const CONCAT_WS = defineFunction({
  name: 'CONCAT_WS',
  category: 'string',
  minArgs: 2,
  maxArgs: Infinity,
  nulls: 'custom',
  description: 'CONCAT_WS(sep, s, …) → STRING: the non-NULL arguments joined by sep (NULL when sep is NULL)',
  args: ['string'],
  result: SqlTypes.STRING,
  impl: (_ctx, args) => {
    const sep = args[0];
    if (sep === null) return null;
    const parts: string[] = [];
    for (let i = 1; i < args.length; i++) if (args[i] !== null) parts.push(str(args[i]));
    return parts.join(str(sep));
  },
});

const JOIN = defineFunction({
  name: 'JOIN',
  category: 'string',
  minArgs: 2,
  maxArgs: Infinity,
  nulls: 'custom',
  description: 'JOIN(sep, s, …) → STRING: the arguments joined by sep, a NULL written as the text NULL (NULL when sep is NULL)',
  args: ['string'],
  result: SqlTypes.STRING,
  impl: (_ctx, args) => {
    const sep = args[0];
    if (sep === null) return null;
    const parts: string[] = [];
    for (let i = 1; i < args.length; i++) parts.push(args[i] === null ? 'NULL' : str(args[i]));
    return parts.join(str(sep));
  },
});

function splitText(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

const SPLIT_PART = defineFunction({
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

const LPAD_RPAD = (['LPAD', 'RPAD'] as const).map((name) =>
  defineFunction({
    name,
    category: 'string',
    minArgs: 2,
    maxArgs: 3,
    description: `${name}(s, len[, pad]) → STRING: s ${name === 'LPAD' ? 'left' : 'right'}-padded with pad (default a space) to len characters, or cut to len`,
    args: ['string', 'integer', 'string'],
    result: SqlTypes.STRING,
    impl: (_ctx, args) => {
      const s = str(args[0]);
      const len = Math.max(0, int(args[1]));
      const pad = args.length > 2 ? str(args[2]) : ' ';
      const have = charLength(s);
      if (have >= len || pad === '') return charSlice(s, 0, len);
      const padChars = [...pad];
      let fill = '';
      for (let i = 0; i < len - have; i++) fill += padChars[i % padChars.length];
      return name === 'LPAD' ? fill + s : s + fill;
    },
  }),
);

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
  defineFunction({
    name: 'LENGTH',
    aliases: ['LEN', 'CHAR_LENGTH', 'CHARACTER_LENGTH'],
    category: 'string',
    minArgs: 1,
    description: 'LENGTH(s) → BIGINT: the number of characters (code points)',
    args: ['string'],
    result: SqlTypes.BIGINT,
    impl: (_ctx, [s]) => charLength(str(s)),
  }),
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
  defineFunction({
    name: 'SPLIT',
    category: 'string',
    minArgs: 2,
    description: "SPLIT(s, sep) → ARRAY(STRING): the pieces of s between occurrences of sep ('' splits into characters)",
    args: ['string'],
    result: arrayType(SqlTypes.STRING),
    impl: (_ctx, [s, sep]) => splitText(str(s), str(sep)),
  }),
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
