import type { DecimalValue, SqlValue } from '@velots/core';
import { Decimal, DecimalAvgAccumulator, DecimalSumAccumulator, type RunningSumState } from '@velots/decimal';
import { checkedBigint } from '../values/integer.js';
import { compareNumeric } from '../values/exact-number.js';

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
  /**
   * For fields that may hold an object (a checkpoint cannot keep it as it is): expressions turning the live
   * value `%0` into a checkpoint value (`save`) and back (`load`). Other fields are saved as they are.
   */
  readonly saved?: Readonly<Record<string, { readonly save: string; readonly load: string }>>;
  /**
   * Optional, for columnar input: statements adding one non-NULL argument given as its unscaled value `%0` (a
   * safe-integer number) at the argument type's scale (0 for BIGINT and INTEGER). Must leave the fields exactly as
   * `add` does for the equal value, so a group may take rows and column values in any mix.
   */
  readonly addScaled?: string;
}

const MAX_SAFE = '9007199254740991';

/** Adds the BIGINT `value` (a safe-integer number or a bigint) to the running sum `$.sum`: a number while safe, a bigint past 2^53. */
const addExact = (value: string): string =>
  `{ const cur = $.sum; if (cur === null) $.sum = ${value}; ` +
  `else if (typeof cur === 'number' && typeof ${value} === 'number') { const sum = cur + ${value}; ` +
  `$.sum = sum <= ${MAX_SAFE} && sum >= -${MAX_SAFE} ? sum : BigInt(cur) + BigInt(${value}); } ` +
  `else $.sum = BigInt(cur) + BigInt(${value}); }`;

/** Helpers the snippets call as `k.name`. */
export const inlineHelpers = {
  /** A BIGINT sum promoted past 2^53 as a BIGINT value: a number again when it came back into range; NUMERIC_OVERFLOW outside 64 bits. */
  bigintTotal(sum: bigint): SqlValue {
    return checkedBigint(sum, 'SUM');
  },
  /** The exact object form of a DECIMAL sum that left the number path, holding `unscaled` at `scale` (or nothing). */
  decimalSum(unscaled: number | null, scale: number): DecimalSumAccumulator {
    const sum = new DecimalSumAccumulator();
    return unscaled === null ? sum : sum.addUnscaled(unscaled, scale);
  },
  /** The checkpoint form of a DECIMAL sum field in its object form (`[low, high, scale, count]`). */
  decimalSumState(sum: DecimalSumAccumulator): RunningSumState {
    return sum.saveState();
  },
  /** A DECIMAL sum field's object form back from `decimalSumState`. */
  decimalSumFromState(state: RunningSumState): DecimalSumAccumulator {
    return new DecimalSumAccumulator().loadState(state);
  },
  /** A DECIMAL sum kept as an unscaled number at `scale`, as a value at the result's scale. */
  decimalOf(unscaled: number, scale: number, resultScale: number): DecimalValue {
    const value = Decimal.fromUnscaled(unscaled, scale);
    return scale === resultScale ? value : value.rescale(resultScale);
  },
  /** The exact order of two decimals (the inline MIN/MAX's path when they are not two numbers at one scale). */
  compareDecimals(a: DecimalValue, b: DecimalValue): number {
    return compareNumeric(a, b);
  },
  /** The mean of `count` values summing to `sum` (a DECIMAL sum field), as AVG's object accumulator gives it at `resultScale`. */
  decimalAverage(sum: number | DecimalSumAccumulator | null, count: number, scale: number, resultScale: number): SqlValue {
    if (sum === null || count === 0) return null;
    const average = new DecimalAvgAccumulator();
    if (typeof sum === 'number') average.addUnscaled(sum, scale);
    else average.loadState(sum.saveState());
    const [low, high, sumScale] = average.saveState();
    const value = average.loadState([low, high, sumScale, count]).result();
    if (value === null) return null;
    return value.scale === resultScale ? value : value.rescale(resultScale);
  },
  /** The object form's sum at the result's scale (NUMERIC_OVERFLOW past 38 digits). */
  decimalSumResult(sum: DecimalSumAccumulator, resultScale: number): SqlValue {
    const value = sum.result();
    if (value === null) return null;
    return value.scale === resultScale ? value : value.rescale(resultScale);
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
  addScaled: '$.count++;',
};

/**
 * SUM(BIGINT) in one field: NULL before the first non-NULL value, then a plain number while the total stays a
 * safe integer, promoted to an exact bigint past 2^53 (the 64-bit range is checked once, on the result, so it does
 * not depend on arrival order).
 */
export const inlineBigintSum: InlineAccumulator = {
  fields: { sum: 'null' },
  add: `if (%0 !== null) ${addExact('%0')}`,
  merge: `if ($$.sum !== null) ${addExact('$$.sum')}`,
  result: "(typeof $.sum === 'bigint' ? k.bigintTotal($.sum) : $.sum)",
  addScaled: addExact('%0'),
};

/** MIN (sign −1) or MAX (sign 1) over a type whose values are numbers or bigints without NaN (BIGINT, INTEGER, DATE, TIMESTAMP): the first of equal ones. */
export function inlineIntegerExtremum(sign: 1 | -1): InlineAccumulator {
  const better = sign > 0 ? '>' : '<';
  return {
    fields: { best: 'null' },
    add: `if (%0 !== null && ($.best === null || %0 ${better} $.best)) $.best = %0;`,
    merge: `if ($$.best !== null && ($.best === null || $$.best ${better} $.best)) $.best = $$.best;`,
    result: '$.best',
    addScaled: `if ($.best === null || %0 ${better} $.best) $.best = %0;`,
  };
}

/**
 * MIN (sign −1) or MAX (sign 1) over DECIMAL(p, `scale`) in one field: NULL, then the best value's unscaled number
 * while it is a number at the column's scale (a column's usual case: compared as plain numbers, no object per group
 * or record), else the best value object itself (another scale, or past 2^53), compared exactly; the first of equal
 * ones is kept, and the result is that value (the number form at `scale`).
 */
export function inlineDecimalExtremum(sign: 1 | -1, scale: number): InlineAccumulator {
  const better = sign > 0 ? '>' : '<';
  const asValue = (v: string): string => `k.decimalOf(${v}, ${scale}, ${scale})`;
  // `x` an unscaled number at `scale`: stays a number.
  const challengeNumber = (x: string): string =>
    `{ const b = $.best; if (b === null || (typeof b === 'number' ? ${x} ${better} b : k.compareDecimals(${asValue(x)}, b) ${better} 0)) $.best = ${x}; }`;
  // `v` a decimal value object: a number at `scale` joins the number form, any other stays an object.
  const challenge = (v: string): string =>
    `{ const x = ${v}.unscaled; if (typeof x === 'number' && ${v}.scale === ${scale}) ${challengeNumber('x')} ` +
    `else { const b = $.best; if (b === null || k.compareDecimals(${v}, typeof b === 'number' ? ${asValue('b')} : b) ${better} 0) $.best = ${v}; } }`;
  return {
    fields: { best: 'null' },
    add: `if (%0 !== null) ${challenge('%0')}`,
    merge: `{ const ob = $$.best; if (ob !== null) { if (typeof ob === 'number') ${challengeNumber('ob')} else ${challenge('ob')} } }`,
    result: `(typeof $.best === 'number' ? ${asValue('$.best')} : $.best)`,
    addScaled: challengeNumber('%0'),
  };
}

/** The running DECIMAL sum in field `$.sum` (NULL, an unscaled number at `scale`, or a DecimalSumAccumulator): its snippets. */
function decimalSumSnippets(scale: number): { add: (v: string) => string; addScaled: (x: string) => string; merge: string } {
  const plain = (v: string): string => `(${v} === null || typeof ${v} === 'number')`;
  const safe = (v: string): string => `${v} <= ${MAX_SAFE} && ${v} >= -${MAX_SAFE}`;
  // `x` an unscaled safe-integer number at `scale`.
  const addScaled = (x: string): string =>
    `{ const cur = $.sum; if (${plain('cur')}) { const sum = cur === null ? ${x} : cur + ${x}; ` +
    `if (${safe('sum')}) $.sum = sum; else { $.sum = k.decimalSum(cur, ${scale}); $.sum.addUnscaled(${x}, ${scale}); } } ` +
    `else cur.addUnscaled(${x}, ${scale}); }`;
  return {
    addScaled,
    add: (v) =>
      `{ const u = ${v}.unscaled; if (typeof u === 'number' && ${v}.scale === ${scale}) ${addScaled('u')} ` +
      `else { if (${plain('$.sum')}) $.sum = k.decimalSum($.sum, ${scale}); $.sum.add(${v}); } }`,
    merge:
      `{ const other = $$.sum; if (other !== null) { ` +
      `if (typeof other === 'number') ${addScaled('other')} ` +
      `else { if (${plain('$.sum')}) $.sum = k.decimalSum($.sum, ${scale}); $.sum.merge(other); } } }`,
  };
}

/** The checkpoint form of a DECIMAL sum field: the object form saves as its exact state (an array); null and numbers as they are. */
const savedDecimalSum = {
  sum: {
    save: "(%0 === null || typeof %0 === 'number' ? %0 : k.decimalSumState(%0))",
    load: '(Array.isArray(%0) ? k.decimalSumFromState(%0) : %0)',
  },
} as const;

/**
 * SUM(DECIMAL(p, s)) in one field: NULL, then the unscaled total at scale s as a plain number while every value
 * has scale s and the total stays a safe integer, else the exact DecimalSumAccumulator (which it becomes once and
 * stays); the result is at `resultScale`, exactly as the object accumulator gives it.
 */
export function inlineDecimalSum(scale: number, resultScale: number): InlineAccumulator {
  const sum = decimalSumSnippets(scale);
  return {
    fields: { sum: 'null' },
    add: `if (%0 !== null) ${sum.add('%0')}`,
    merge: sum.merge,
    result: `($.sum === null ? null : typeof $.sum === 'number' ? k.decimalOf($.sum, ${scale}, ${resultScale}) : k.decimalSumResult($.sum, ${resultScale}))`,
    saved: savedDecimalSum,
    addScaled: sum.addScaled('%0'),
  };
}

/**
 * AVG(DECIMAL(p, s)): the running sum as SUM keeps it plus a count, divided once at the end exactly as the object
 * accumulator divides (at `resultScale`, HALF_UP).
 */
export function inlineDecimalAvg(scale: number, resultScale: number): InlineAccumulator {
  const sum = decimalSumSnippets(scale);
  return {
    fields: { sum: 'null', count: '0' },
    add: `if (%0 !== null) { ${sum.add('%0')} $.count++; }`,
    merge: `${sum.merge} $.count += $$.count;`,
    result: `k.decimalAverage($.sum, $.count, ${scale}, ${resultScale})`,
    saved: savedDecimalSum,
    addScaled: `${sum.addScaled('%0')} $.count++;`,
  };
}
