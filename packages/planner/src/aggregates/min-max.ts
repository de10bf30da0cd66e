import { SqlTypes, decimalType, type DecimalValue, type SqlType, type SqlValue, type StateValue } from '@velots/core';
import { Decimal, subResultType } from '@velots/decimal';
import { compareValues } from '../values/compare.js';
import { checkedBigint } from '../values/integer.js';
import { argumentError } from '../functions/signature.js';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { defineAggregate } from './define.js';
import { sameAccumulator } from './same-accumulator.js';
import { inlineDecimalExtremum, inlineIntegerExtremum, type InlineAccumulator } from './inline-accumulator.js';

/**
 * MIN and MAX over any type, in the total order of `compareValues` (numbers by exact value across
 * representations, strings by UTF-16 code unit, NaN above every number), and DELTA = MAX − MIN.
 */

/** The least (sign −1) or greatest (sign 1) non-NULL value seen; the first of equal ones. */
class ExtremumAccumulator implements Accumulator {
  best: SqlValue | undefined = undefined;

  constructor(private readonly sign: 1 | -1) {}

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x === null) return;
    const best = this.best;
    // The common case inline: two ordinary doubles (NaN, which sorts above every number, takes the general path).
    if (typeof x === 'number' && typeof best === 'number' && x === x && best === best) {
      if (this.sign > 0 ? x > best : x < best) this.best = x;
      return;
    }
    if (best === undefined || compareValues(x, best) * this.sign > 0) this.best = x;
  }

  merge(other: Accumulator): void {
    const theirs = sameAccumulator(other, ExtremumAccumulator, this.sign > 0 ? 'MAX' : 'MIN').best;
    if (theirs === undefined) return;
    if (this.best === undefined || compareValues(theirs, this.best) * this.sign > 0) this.best = theirs;
  }

  result(): SqlValue {
    return this.best === undefined ? null : this.best;
  }

  snapshot(): StateValue {
    return this.best;
  }

  restore(state: StateValue): void {
    this.best = state as SqlValue | undefined;
  }
}

/** DELTA(x): the range MAX − MIN of the non-NULL values, in their own numeric type. */
class DeltaAccumulator implements Accumulator {
  least: SqlValue | undefined = undefined;
  greatest: SqlValue | undefined = undefined;

  constructor(private readonly difference: (max: SqlValue, min: SqlValue) => SqlValue) {}

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x === null) return;
    if (this.least === undefined || compareValues(x, this.least) < 0) this.least = x;
    if (this.greatest === undefined || compareValues(x, this.greatest) > 0) this.greatest = x;
  }

  merge(other: Accumulator): void {
    const that = sameAccumulator(other, DeltaAccumulator, 'DELTA');
    if (that.least === undefined || that.greatest === undefined) return;
    if (this.least === undefined || compareValues(that.least, this.least) < 0) this.least = that.least;
    if (this.greatest === undefined || compareValues(that.greatest, this.greatest) > 0) this.greatest = that.greatest;
  }

  result(): SqlValue {
    if (this.least === undefined || this.greatest === undefined) return null;
    return this.difference(this.greatest, this.least);
  }

  snapshot(): StateValue {
    return [this.least, this.greatest];
  }

  restore(state: StateValue): void {
    [this.least, this.greatest] = state as readonly [SqlValue | undefined, SqlValue | undefined];
  }
}

function bigintDifference(max: SqlValue, min: SqlValue): SqlValue {
  if (typeof max === 'number' && typeof min === 'number') {
    const d = max - min;
    if (Number.isSafeInteger(d)) return d;
  }
  return checkedBigint(BigInt(max as number | bigint) - BigInt(min as number | bigint), 'DELTA');
}

function doubleDifference(max: SqlValue, min: SqlValue): SqlValue {
  return (max as number) - (min as number);
}

const sameType = (argTypes: readonly SqlType[]): ResolvedAggregate => ({
  result: argTypes[0] as SqlType,
  argTypes: [argTypes[0] as SqlType],
});

/** Types whose values are numbers or bigints and never NaN: MIN/MAX over them compile inline. */
const INLINE_KINDS = new Set(['INTEGER', 'BIGINT', 'DATE', 'TIMESTAMP']);
const inlineMin = inlineIntegerExtremum(-1);
const inlineMax = inlineIntegerExtremum(1);
const inlineExtremum =
  (accumulator: InlineAccumulator, sign: 1 | -1) =>
  (argTypes: readonly SqlType[]): InlineAccumulator | undefined => {
    const t = argTypes[0];
    if (t?.kind === 'DECIMAL') return inlineDecimalExtremum(sign, t.scale);
    return INLINE_KINDS.has(t?.kind ?? '') ? accumulator : undefined;
  };

const MIN = defineAggregate({
  name: 'MIN',
  minArgs: 1,
  distinct: 'ignore',
  description: 'MIN(x) → type of x: the least non-NULL value (numbers by value, strings by code unit)',
  resolve: sameType,
  prepare: () => () => new ExtremumAccumulator(-1),
  inline: inlineExtremum(inlineMin, -1),
});

const MAX = defineAggregate({
  name: 'MAX',
  minArgs: 1,
  distinct: 'ignore',
  description: 'MAX(x) → type of x: the greatest non-NULL value (numbers by value, strings by code unit)',
  resolve: sameType,
  prepare: () => () => new ExtremumAccumulator(1),
  inline: inlineExtremum(inlineMax, 1),
});

function resolveDelta(argTypes: readonly SqlType[]): ResolvedAggregate {
  const t = argTypes[0] as SqlType;
  switch (t.kind) {
    case 'NULL':
    case 'INTEGER':
    case 'BIGINT':
      return { result: SqlTypes.BIGINT, argTypes: [SqlTypes.BIGINT] };
    case 'DOUBLE':
      return { result: t, argTypes: [t] };
    case 'DECIMAL': {
      // The difference of two DECIMAL(p,s) values needs one more integer digit: the subtraction rule.
      const r = subResultType(t.precision, t.scale, t.precision, t.scale);
      return { result: decimalType(r.precision, r.scale), argTypes: [t] };
    }
    default:
      throw argumentError('DELTA', 0, 'a number', t);
  }
}

const DELTA = defineAggregate({
  name: 'DELTA',
  minArgs: 1,
  distinct: 'ignore',
  description:
    'DELTA(x) → BIGINT | DECIMAL(p+1, s) | DOUBLE: MAX(x) − MIN(x) over the non-NULL values, exact for BIGINT (NUMERIC_OVERFLOW outside 64 bits) and DECIMAL',
  resolve: resolveDelta,
  prepare: (_constants, argTypes) => {
    const t = argTypes[0] as SqlType;
    if (t.kind === 'DOUBLE') return () => new DeltaAccumulator(doubleDifference);
    if (t.kind === 'DECIMAL') {
      const scale = subResultType(t.precision, t.scale, t.precision, t.scale).scale;
      const decimalDifference = (max: SqlValue, min: SqlValue): SqlValue =>
        Decimal.from(max as DecimalValue)
          .sub(min as DecimalValue)
          .rescale(scale);
      return () => new DeltaAccumulator(decimalDifference);
    }
    return () => new DeltaAccumulator(bigintDifference);
  },
});

/** MIN, MAX and DELTA. */
export const extremumAggregates: readonly AggregateFunction[] = [MIN, MAX, DELTA];
