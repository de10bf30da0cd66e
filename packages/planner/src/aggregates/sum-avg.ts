import { SqlTypes, decimalType, type DecimalType, type DecimalValue, type SqlType, type SqlValue, type StateValue } from '@velots/core';
import { Decimal, DecimalAvgAccumulator, DecimalSumAccumulator, avgResultType, sumResultType, type RunningSumState } from '@velots/decimal';
import { checkedBigint } from '../values/integer.js';
import { argumentError } from '../functions/signature.js';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { defineAggregate } from './define.js';
import { ExactDoubleSum } from './exact-double-sum.js';
import { ExactIntegerSum } from './exact-integer-sum.js';
import { sameAccumulator } from './same-accumulator.js';
import { inlineBigintSum, inlineDecimalAvg, inlineDecimalSum } from './inline-accumulator.js';

/**
 * SUM and AVG (dialect §8): SUM(BIGINT) → BIGINT, exact, NUMERIC_OVERFLOW outside 64 bits; SUM(DECIMAL(p,s))
 * → DECIMAL(38,s) and AVG(DECIMAL(p,s)) → DECIMAL(38,max(s,6)), exact; AVG(BIGINT) and both of DOUBLE → DOUBLE.
 * Every sum is kept exactly, so results (and merges) do not depend on arrival order.
 */

/** The argument kind a SUM or AVG accumulates, after resolve's casts. */
type NumericKind = 'BIGINT' | 'DECIMAL' | 'DOUBLE';

function numericKind(fn: string, t: SqlType): { kind: NumericKind; argType: SqlType } {
  switch (t.kind) {
    case 'NULL':
    case 'INTEGER':
    case 'BIGINT':
      return { kind: 'BIGINT', argType: SqlTypes.BIGINT };
    case 'DECIMAL':
      return { kind: 'DECIMAL', argType: t };
    case 'DOUBLE':
      return { kind: 'DOUBLE', argType: t };
    default:
      throw argumentError(fn, 0, 'a number', t);
  }
}

class BigintSumAccumulator implements Accumulator {
  readonly sum = new ExactIntegerSum();

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.sum.add(x);
  }

  snapshot(): StateValue {
    return this.sum.snapshot();
  }

  restore(state: StateValue): void {
    this.sum.restore(state as readonly [number, bigint, number]);
  }

  merge(other: Accumulator): void {
    this.sum.merge(sameAccumulator(other, BigintSumAccumulator, 'SUM').sum);
  }

  result(): SqlValue {
    if (this.sum.count === 0) return null;
    const total = this.sum.total();
    return typeof total === 'number' ? total : checkedBigint(total, 'SUM');
  }
}

class DoubleSumAccumulator implements Accumulator {
  readonly sum = new ExactDoubleSum();

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.sum.add(x as number);
  }

  snapshot(): StateValue {
    return this.sum.snapshot();
  }

  restore(state: StateValue): void {
    this.sum.restore(state as readonly [Float64Array, Float64Array, number]);
  }

  merge(other: Accumulator): void {
    this.sum.merge(sameAccumulator(other, DoubleSumAccumulator, 'SUM').sum);
  }

  result(): SqlValue {
    return this.sum.count === 0 ? null : this.sum.value();
  }
}

class DecimalSumAggregate implements Accumulator {
  readonly sum = new DecimalSumAccumulator();

  constructor(private readonly scale: number) {}

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.sum.add(x as DecimalValue);
  }

  snapshot(): StateValue {
    return this.sum.saveState();
  }

  restore(state: StateValue): void {
    this.sum.loadState(state as RunningSumState);
  }

  merge(other: Accumulator): void {
    this.sum.merge(sameAccumulator(other, DecimalSumAggregate, 'SUM').sum);
  }

  result(): SqlValue {
    return atScale(this.sum.result(), this.scale);
  }
}

class BigintAvgAccumulator implements Accumulator {
  readonly sum = new ExactIntegerSum();

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.sum.add(x);
  }

  snapshot(): StateValue {
    return this.sum.snapshot();
  }

  restore(state: StateValue): void {
    this.sum.restore(state as readonly [number, bigint, number]);
  }

  merge(other: Accumulator): void {
    this.sum.merge(sameAccumulator(other, BigintAvgAccumulator, 'AVG').sum);
  }

  result(): SqlValue {
    const count = this.sum.count;
    if (count === 0) return null;
    const total = this.sum.total();
    if (typeof total === 'number') return total / count;
    // Past 2^53 the total is a bigint: divide the integer part exactly and add the remainder's fraction.
    const divisor = BigInt(count);
    return Number(total / divisor) + Number(total % divisor) / count;
  }
}

class DoubleAvgAccumulator implements Accumulator {
  readonly sum = new ExactDoubleSum();

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.sum.add(x as number);
  }

  snapshot(): StateValue {
    return this.sum.snapshot();
  }

  restore(state: StateValue): void {
    this.sum.restore(state as readonly [Float64Array, Float64Array, number]);
  }

  merge(other: Accumulator): void {
    this.sum.merge(sameAccumulator(other, DoubleAvgAccumulator, 'AVG').sum);
  }

  result(): SqlValue {
    return this.sum.count === 0 ? null : this.sum.value() / this.sum.count;
  }
}

class DecimalAvgAggregate implements Accumulator {
  readonly avg = new DecimalAvgAccumulator();

  constructor(private readonly scale: number) {}

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.avg.add(x as DecimalValue);
  }

  snapshot(): StateValue {
    return this.avg.saveState();
  }

  restore(state: StateValue): void {
    this.avg.loadState(state as RunningSumState);
  }

  merge(other: Accumulator): void {
    this.avg.merge(sameAccumulator(other, DecimalAvgAggregate, 'AVG').avg);
  }

  result(): SqlValue {
    return atScale(this.avg.result(), this.scale);
  }
}

/** A decimal result at its declared type's scale (values cast to the argument type already have it). */
function atScale(value: Decimal | null, scale: number): SqlValue {
  if (value === null) return null;
  return value.scale === scale ? value : value.rescale(scale);
}

function resolveSum(argTypes: readonly SqlType[]): ResolvedAggregate {
  const { kind, argType } = numericKind('SUM', argTypes[0] as SqlType);
  if (kind !== 'DECIMAL') return { result: argType, argTypes: [argType] };
  const d = argType as DecimalType;
  const r = sumResultType(d.precision, d.scale);
  return { result: decimalType(r.precision, r.scale), argTypes: [argType] };
}

function resolveAvg(argTypes: readonly SqlType[]): ResolvedAggregate {
  const { kind, argType } = numericKind('AVG', argTypes[0] as SqlType);
  if (kind !== 'DECIMAL') return { result: SqlTypes.DOUBLE, argTypes: [argType] };
  const d = argType as DecimalType;
  const r = avgResultType(d.precision, d.scale);
  return { result: decimalType(r.precision, r.scale), argTypes: [argType] };
}

const SUM = defineAggregate({
  name: 'SUM',
  minArgs: 1,
  description:
    'SUM(x) → BIGINT | DECIMAL(38, s) | DOUBLE: the exact sum of the non-NULL values (BIGINT outside 64 bits is a NUMERIC_OVERFLOW error; DOUBLE correctly rounded)',
  resolve: resolveSum,
  prepare: (_constants, argTypes) => {
    const t = argTypes[0] as SqlType;
    if (t.kind === 'DECIMAL') {
      const scale = sumResultType(t.precision, t.scale).scale;
      return () => new DecimalSumAggregate(scale);
    }
    return t.kind === 'DOUBLE' ? () => new DoubleSumAccumulator() : () => new BigintSumAccumulator();
  },
  inline: (argTypes) => {
    const t = argTypes[0] as SqlType;
    if (t.kind === 'BIGINT') return inlineBigintSum;
    return t.kind === 'DECIMAL' ? inlineDecimalSum(t.scale, sumResultType(t.precision, t.scale).scale) : undefined;
  },
});

const AVG = defineAggregate({
  name: 'AVG',
  minArgs: 1,
  description:
    'AVG(x) → DOUBLE | DECIMAL(38, max(s, 6)): the mean of the non-NULL values; DECIMAL stays exact (rounded half away from zero at the result scale)',
  resolve: resolveAvg,
  prepare: (_constants, argTypes) => {
    const t = argTypes[0] as SqlType;
    if (t.kind === 'DECIMAL') {
      const scale = avgResultType(t.precision, t.scale).scale;
      return () => new DecimalAvgAggregate(scale);
    }
    return t.kind === 'DOUBLE' ? () => new DoubleAvgAccumulator() : () => new BigintAvgAccumulator();
  },
  inline: (argTypes) => {
    const t = argTypes[0] as SqlType;
    return t.kind === 'DECIMAL' ? inlineDecimalAvg(t.scale, avgResultType(t.precision, t.scale).scale) : undefined;
  },
});

/** SUM and AVG. */
export const sumAggregates: readonly AggregateFunction[] = [SUM, AVG];
