import { SqlTypes } from '@velots/core';
import { defineFunction } from './define.js';
import { int, str } from './string-args.js';

/**
 * String functions that count characters: lengths and positions are Unicode code points, not UTF-16 units
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

export const SUBSTRING = defineFunction({
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

export const LEFT = defineFunction({
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

export const RIGHT = defineFunction({
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

export const POSITION = defineFunction({
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

export const LENGTH = defineFunction({
  name: 'LENGTH',
  aliases: ['LEN', 'CHAR_LENGTH', 'CHARACTER_LENGTH'],
  category: 'string',
  minArgs: 1,
  description: 'LENGTH(s) → BIGINT: the number of characters (code points)',
  args: ['string'],
  result: SqlTypes.BIGINT,
  impl: (_ctx, [s]) => charLength(str(s)),
});

export const LPAD_RPAD = (['LPAD', 'RPAD'] as const).map((name) =>
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
