import type { SqlValue } from '@velots/core';
import { checkedBigint } from '../values/integer.js';

/**
 * An accumulator as JavaScript source, for the runtime to compile straight into a query's group-state class
 * (one monomorphic object per group, the accumulators' fields inline) and its add/merge/result functions, so
 * the common aggregates cost no object, no array and no virtual call per group or per record.
 *
 * In the snippets `$.f` is this accumulator's field `f` of the group being updated, `$$.f` the same field of the
 * group merged into it, `%0` the (already cast) argument value (never undefined), and `k.name` one of
 * {@link inlineHelpers}. Fields hold numbers, bigints or `null`; every snippet keeps the result exact.
 */
export interface InlineAccumulator {
  /** Field name → its initial value as a JavaScript expression. */
  readonly fields: Readonly<Record<string, string>>;
  /** Statements adding one row's argument. */
  readonly add: string;
  /** Statements folding `$$` into `$`. */
  readonly merge: string;
  /** An expression: the current result. */
  readonly result: string;
}

const MAX_SAFE = '9007199254740991';

/** Adds `%0` (a BIGINT: a safe-integer number or a bigint) to the sum `$.low + $.high`, promoting to bigint only past 2^53. */
const addExact = (value: string): string =>
  `if (typeof ${value} === 'number') { const sum = $.low + ${value}; ` +
  `if (sum <= ${MAX_SAFE} && sum >= -${MAX_SAFE}) $.low = sum; else { $.high += BigInt($.low) + BigInt(${value}); $.low = 0; } } ` +
  `else $.high += ${value};`;

/** Helpers the snippets call as `k.name`. */
export const inlineHelpers = {
  /** The exact total `high + low` of a BIGINT sum as a BIGINT value; NUMERIC_OVERFLOW outside 64 bits. */
  bigintTotal(high: bigint, low: number): SqlValue {
    return checkedBigint(high + BigInt(low), 'SUM');
  },
} as const;

/** COUNT(*). */
export const inlineCountRows: InlineAccumulator = { fields: { count: '0' }, add: '$.count++;', merge: '$.count += $$.count;', result: '$.count' };

/** COUNT(x). */
export const inlineCountValues: InlineAccumulator = {
  fields: { count: '0' },
  add: 'if (%0 !== null) $.count++;',
  merge: '$.count += $$.count;',
  result: '$.count',
};

/** SUM(BIGINT): a plain number while the total stays a safe integer, `high` a bigint beyond (exact, 64-bit checked at the result). */
export const inlineBigintSum: InlineAccumulator = {
  fields: { low: '0', high: '0n', count: '0' },
  add: `if (%0 !== null) { $.count++; ${addExact('%0')} }`,
  merge: `$.count += $$.count; $.high += $$.high; ${addExact('$$.low')}`,
  result: '($.count === 0 ? null : $.high === 0n ? $.low : k.bigintTotal($.high, $.low))',
};

/** MIN (sign −1) or MAX (sign 1) over a type whose values are numbers or bigints without NaN (BIGINT, INTEGER, DATE, TIMESTAMP): the first of equal ones. */
export function inlineIntegerExtremum(sign: 1 | -1): InlineAccumulator {
  const better = sign > 0 ? '>' : '<';
  return {
    fields: { best: 'null' },
    add: `if (%0 !== null && ($.best === null || %0 ${better} $.best)) $.best = %0;`,
    merge: `if ($$.best !== null && ($.best === null || $$.best ${better} $.best)) $.best = $$.best;`,
    result: '$.best',
  };
}
