import { SqlTypes, type SqlValue } from '@velots/core';
import { constantString, defineFunction, invalidArgument } from './define.js';
import type { ScalarFunction } from './function-def.js';

/**
 * Regular-expression functions with JavaScript regex syntax. A constant pattern is compiled once at
 * plan time; a per-record pattern goes through a small cache so repeated patterns are not recompiled.
 */

const CACHE_LIMIT = 256;

/** Compiles patterns, caching the most recent ones. */
function regexCompiler(fn: string): (pattern: string, flags: string) => RegExp {
  const cache = new Map<string, RegExp>();
  return (pattern, flags) => {
    const key = `${flags}/${pattern}`;
    let re = cache.get(key);
    if (!re) {
      try {
        re = new RegExp(pattern, flags);
      } catch (e) {
        throw invalidArgument(fn, `invalid regular expression '${pattern}': ${(e as Error).message}`);
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, re);
    }
    return re;
  };
}

/** Maps SQL flags (`g`, `i`, `m`, `s`) to JavaScript ones; anything else is an argument error. */
function jsFlags(fn: string, flags: string): string {
  for (const f of flags) {
    if (!'gims'.includes(f)) throw invalidArgument(fn, `unknown regex flag '${f}' (use g, i, m or s)`);
  }
  return [...new Set(flags)].join('');
}

/** A prepared regex: fixed when the pattern and flags are constants, looked up per record otherwise. */
function regexFor(fn: string, constants: readonly (SqlValue | undefined)[], patternAt: number, flagsAt: number, extraFlags = '') {
  const compile = regexCompiler(fn);
  const pattern = constantString(constants, patternAt);
  const flags = flagsAt < 0 ? '' : constantString(constants, flagsAt);
  const fixed = pattern !== undefined && (flagsAt < 0 || flags !== undefined) ? compile(pattern, jsFlags(fn, (flags ?? '') + extraFlags)) : undefined;
  return (args: readonly SqlValue[]): RegExp =>
    fixed ?? compile(args[patternAt] as string, jsFlags(fn, (flagsAt >= 0 && args.length > flagsAt ? (args[flagsAt] as string) : '') + extraFlags));
}

/** Every regex function. */
export const regexFunctions: readonly ScalarFunction[] = [
  defineFunction({
    name: 'REGEXP',
    aliases: ['REGEXP_LIKE', 'RLIKE'],
    category: 'regex',
    minArgs: 2,
    maxArgs: 3,
    description: 'REGEXP(s, pattern[, flags]) → BOOLEAN: whether pattern matches anywhere in s',
    args: ['string'],
    result: SqlTypes.BOOLEAN,
    prepare: (constants) => {
      const regex = regexFor('REGEXP', constants, 1, 2);
      return (_ctx, args) => {
        const re = regex(args);
        re.lastIndex = 0;
        return re.test(args[0] as string);
      };
    },
  }),
  defineFunction({
    name: 'REGEXP_REPLACE',
    category: 'regex',
    minArgs: 3,
    maxArgs: 4,
    description: 'REGEXP_REPLACE(s, pattern, replacement[, flags]) → STRING: the first match replaced ($1 names a group); flag g replaces all, i ignores case',
    args: ['string'],
    result: SqlTypes.STRING,
    prepare: (constants) => {
      const regex = regexFor('REGEXP_REPLACE', constants, 1, 3);
      return (_ctx, args) => (args[0] as string).replace(regex(args), args[2] as string);
    },
  }),
  defineFunction({
    name: 'REGEXP_EXTRACT',
    aliases: ['REGEXP_SUBSTR'],
    category: 'regex',
    minArgs: 2,
    maxArgs: 3,
    description: 'REGEXP_EXTRACT(s, pattern[, group]) → STRING: the first match, or its group-th group (NULL when nothing matches)',
    args: ['string', 'string', 'integer'],
    result: SqlTypes.STRING,
    prepare: (constants) => {
      const regex = regexFor('REGEXP_EXTRACT', constants, 1, -1);
      return (_ctx, args) => {
        const re = regex(args);
        re.lastIndex = 0;
        const m = re.exec(args[0] as string);
        if (!m) return null;
        const group = args.length > 2 ? Number(args[2]) : 0;
        if (group < 0 || group >= m.length) throw invalidArgument('REGEXP_EXTRACT', `pattern has no group ${group}`);
        return m[group] ?? null;
      };
    },
  }),
];
