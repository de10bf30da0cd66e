import {
  ErrorCodes,
  SqlTypes,
  VeloError,
  isDecimalValue,
  type DecimalValue,
  type SqlType,
  type SqlValue,
  type StateValue,
} from '@velots/core';
import { Decimal } from '@velots/decimal';
import { compareValues } from '../values/compare.js';
import { pow10 } from '../values/exact-number.js';
import { coerceArg } from '../functions/signature.js';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { defineAggregate, requireConstant } from './define.js';
import { sameAccumulator } from './same-accumulator.js';

/**
 * MEDIAN(x), PERCENTILE_CONT(p, x) and PERCENTILE_DISC(p, x) (x being the WITHIN GROUP (ORDER BY x) column):
 * exact, over every non-NULL value kept. CONT interpolates linearly between the two values around position
 * p·(n − 1), as PostgreSQL and DuckDB do; DISC returns the first value whose cumulative distribution is ≥ p.
 * The percentile is read as the decimal it was written as (0.3 is 3/10, not the double below it), so
 * positions are computed exactly.
 */

/** A percentile p in [0, 1] as the exact fraction unscaled / 10^scale. */
class Percentile {
  private readonly unscaled: bigint;
  private readonly denominator: bigint;
  readonly scale: number;

  constructor(p: number) {
    const exact = Decimal.fromDouble(p);
    this.unscaled = BigInt(exact.unscaled);
    this.scale = exact.scale;
    this.denominator = pow10(exact.scale);
  }

  /** ⌊p·m⌋ and the exact remainder of p·m as unscaled at `scale` (its fraction part). */
  position(m: number): { whole: number; fraction: bigint } {
    const product = this.unscaled * BigInt(m);
    return { whole: Number(product / this.denominator), fraction: product % this.denominator };
  }

  /** ⌈p·m⌉. */
  ceil(m: number): number {
    const { whole, fraction } = this.position(m);
    return fraction === 0n ? whole : whole + 1;
  }
}

/** Every non-NULL value, sorted lazily when a result is asked for. */
class KeptValuesAccumulator implements Accumulator {
  readonly values: SqlValue[] = [];
  private sorted = true;

  constructor(
    private readonly name: string,
    private readonly pick: (sorted: readonly SqlValue[]) => SqlValue,
  ) {}

  add(args: readonly SqlValue[]): void {
    // The ordered column is the last argument; the percentile before it is a constant.
    const x = args[args.length - 1] as SqlValue;
    if (x === null) return;
    this.values.push(x);
    this.sorted = false;
  }

  merge(other: Accumulator): void {
    const theirs = sameAccumulator(other, KeptValuesAccumulator, this.name).values;
    for (const value of theirs) this.values.push(value);
    if (theirs.length > 0) this.sorted = false;
  }

  result(): SqlValue {
    if (this.values.length === 0) return null;
    if (!this.sorted) {
      sortValues(this.values);
      this.sorted = true;
    }
    return this.pick(this.values);
  }

  snapshot(): StateValue {
    return this.values.slice();
  }

  restore(state: StateValue): void {
    this.values.length = 0;
    for (const value of state as readonly SqlValue[]) this.values.push(value);
    this.sorted = false;
  }
}

/** Sorts in the order of `compareValues`; all-number arrays through a Float64Array (NaN last, as there), 5–10× faster. */
function sortValues(values: SqlValue[]): void {
  if (values.every((v) => typeof v === 'number')) {
    const sorted = Float64Array.from(values as number[]).sort();
    for (let i = 0; i < sorted.length; i++) values[i] = sorted[i] as number;
    return;
  }
  values.sort(compareValues);
}

function toDouble(v: SqlValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Decimal.from(v as DecimalValue).toDouble();
}

/** The continuous percentile of sorted values: exact decimal interpolation for DECIMAL, double otherwise. */
function continuous(p: Percentile, exactDecimal: boolean): (sorted: readonly SqlValue[]) => SqlValue {
  return (sorted) => {
    const { whole, fraction } = p.position(sorted.length - 1);
    const lower = sorted[whole] as SqlValue;
    if (fraction === 0n) return toDouble(lower);
    const upper = sorted[whole + 1] as SqlValue;
    if (exactDecimal && isDecimalValue(lower) && isDecimalValue(upper)) {
      const low = Decimal.from(lower);
      return low.add(Decimal.from(upper).sub(low).mul(Decimal.fromUnscaled(fraction, p.scale))).toDouble();
    }
    const low = toDouble(lower);
    return low + (toDouble(upper) - low) * (Number(fraction) / 10 ** p.scale);
  };
}

/** The discrete percentile: the value at 1-based position max(1, ⌈p·n⌉). */
function discrete(p: Percentile): (sorted: readonly SqlValue[]) => SqlValue {
  return (sorted) => sorted[Math.max(1, p.ceil(sorted.length)) - 1] as SqlValue;
}

/** The constant percentile argument: NULL, or a number in [0, 1]; anything else is an error naming the function. */
function percentileConstant(name: string, constants: readonly (SqlValue | undefined)[]): Percentile | null {
  const value = requireConstant(name, constants, 0, 'the percentile');
  if (value === null) return null;
  const p = toDouble(value);
  if (!(p >= 0 && p <= 1)) {
    throw new VeloError(
      ErrorCodes.INVALID_ARGUMENT,
      `${name}: the percentile must be between 0 and 1, got ${String(value)}`,
      {
        details: { function: name },
      },
    );
  }
  return new Percentile(p);
}

/** Always NULL: a NULL percentile. */
class NullAccumulator implements Accumulator {
  add(): void {}
  merge(other: Accumulator): void {
    sameAccumulator(other, NullAccumulator, 'PERCENTILE');
  }
  result(): SqlValue {
    return null;
  }
  snapshot(): StateValue {
    return null;
  }
  restore(): void {}
}

function numericColumn(name: string, t: SqlType): SqlType {
  return coerceArg(name, 0, t, 'numeric');
}

const MEDIAN = defineAggregate({
  name: 'MEDIAN',
  minArgs: 1,
  description:
    'MEDIAN(x) → DOUBLE: the middle non-NULL value, or the mean of the two middle ones (PERCENTILE_CONT(0.5))',
  resolve: (argTypes): ResolvedAggregate => ({
    result: SqlTypes.DOUBLE,
    argTypes: [numericColumn('MEDIAN', argTypes[0] as SqlType)],
  }),
  prepare: (_constants, argTypes) => {
    const pick = continuous(new Percentile(0.5), argTypes[0]?.kind === 'DECIMAL');
    return () => new KeptValuesAccumulator('MEDIAN', pick);
  },
});

const PERCENTILE_CONT = defineAggregate({
  name: 'PERCENTILE_CONT',
  minArgs: 2,
  withinGroup: true,
  description:
    'PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x) → DOUBLE: the value at position p·(n − 1) of the sorted non-NULL x, interpolated linearly',
  resolve: (argTypes): ResolvedAggregate => ({
    result: SqlTypes.DOUBLE,
    argTypes: [
      coerceArg('PERCENTILE_CONT', 0, argTypes[0] as SqlType, 'double'),
      coerceArg('PERCENTILE_CONT', 1, argTypes[1] as SqlType, 'numeric'),
    ],
  }),
  prepare: (constants, argTypes) => {
    const p = percentileConstant('PERCENTILE_CONT', constants);
    if (p === null) return () => new NullAccumulator();
    const pick = continuous(p, argTypes[1]?.kind === 'DECIMAL');
    return () => new KeptValuesAccumulator('PERCENTILE_CONT', pick);
  },
});

const PERCENTILE_DISC = defineAggregate({
  name: 'PERCENTILE_DISC',
  minArgs: 2,
  withinGroup: true,
  description:
    'PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x) → type of x: the first sorted non-NULL x whose cumulative distribution is ≥ p',
  resolve: (argTypes): ResolvedAggregate => ({
    result: argTypes[1] as SqlType,
    argTypes: [coerceArg('PERCENTILE_DISC', 0, argTypes[0] as SqlType, 'double'), argTypes[1] as SqlType],
  }),
  prepare: (constants) => {
    const p = percentileConstant('PERCENTILE_DISC', constants);
    if (p === null) return () => new NullAccumulator();
    const pick = discrete(p);
    return () => new KeptValuesAccumulator('PERCENTILE_DISC', pick);
  },
});

/** MEDIAN and the percentiles. */
export const percentileAggregates: readonly AggregateFunction[] = [MEDIAN, PERCENTILE_CONT, PERCENTILE_DISC];
