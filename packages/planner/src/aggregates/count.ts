import { SqlTypes, type SqlType, type SqlValue, type StateValue } from '@velots/core';
import { hashKey } from '../values/compare.js';
import type { Accumulator, AggregateFunction } from './aggregate-def.js';
import { defineAggregate } from './define.js';
import { inlineCountRows, inlineCountValues } from './inline-accumulator.js';
import { HyperLogLog, hash52 } from './hyperloglog.js';
import { sameAccumulator } from './same-accumulator.js';
import { hashKeyText, stableHash64 } from './stable-hash64.js';

/** COUNT(*), COUNT(x), COUNT(DISTINCT x), COUNT_DISTINCT(x) and APPROX_COUNT_DISTINCT(x): all BIGINT, 0 for no rows. */

/** COUNT(*): every row. */
class CountRowsAccumulator implements Accumulator {
  count = 0;

  add(): void {
    this.count++;
  }

  snapshot(): StateValue {
    return this.count;
  }

  restore(state: StateValue): void {
    this.count = state as number;
  }

  merge(other: Accumulator): void {
    this.count += sameAccumulator(other, CountRowsAccumulator, 'COUNT').count;
  }

  result(): SqlValue {
    return this.count;
  }
}

/** COUNT(x): rows where x is not NULL. */
class CountValuesAccumulator implements Accumulator {
  count = 0;

  add(args: readonly SqlValue[]): void {
    if (args[0] !== null) this.count++;
  }

  snapshot(): StateValue {
    return this.count;
  }

  restore(state: StateValue): void {
    this.count = state as number;
  }

  merge(other: Accumulator): void {
    this.count += sameAccumulator(other, CountValuesAccumulator, 'COUNT').count;
  }

  result(): SqlValue {
    return this.count;
  }
}

/** APPROX_COUNT_DISTINCT(x): a HyperLogLog sketch of the non-NULL values' stable hashes. */
class ApproxDistinctAccumulator implements Accumulator {
  private readonly sketch = new HyperLogLog();
  /** Shared scratch for the two hash halves (accumulators run on one thread). */
  private static readonly hash = new Uint32Array(2);

  add(args: readonly SqlValue[]): void {
    const value = args[0] as SqlValue;
    if (value === null) return;
    const hash = ApproxDistinctAccumulator.hash;
    stableHash64(hashKeyText(hashKey(value)), hash);
    this.sketch.add(hash52(hash[0] as number, hash[1] as number));
  }

  merge(other: Accumulator): void {
    this.sketch.merge(sameAccumulator(other, ApproxDistinctAccumulator, 'APPROX_COUNT_DISTINCT').sketch);
  }

  result(): SqlValue {
    return this.sketch.estimate();
  }

  snapshot(): StateValue {
    return this.sketch.snapshot();
  }

  restore(state: StateValue): void {
    this.sketch.restore(state as Float64Array | Uint8Array);
  }
}

const anyValueToBigint = (argTypes: readonly SqlType[]) => ({ result: SqlTypes.BIGINT, argTypes: [...argTypes] });

const COUNT = defineAggregate({
  name: 'COUNT',
  // COUNT() is COUNT(*), as in DuckDB; the binder passes no arguments for the star form either.
  minArgs: 0,
  maxArgs: 1,
  acceptsStar: true,
  description:
    'COUNT(*) | COUNT(x) | COUNT(DISTINCT x) → BIGINT: the number of rows, of non-NULL x, or of distinct non-NULL x',
  resolve: anyValueToBigint,
  prepare: (_constants, argTypes) =>
    argTypes.length === 0 ? () => new CountRowsAccumulator() : () => new CountValuesAccumulator(),
  inline: (argTypes) => (argTypes.length === 0 ? inlineCountRows : inlineCountValues),
});

const COUNT_DISTINCT = defineAggregate({
  name: 'COUNT_DISTINCT',
  minArgs: 1,
  distinct: 'always',
  description: 'COUNT_DISTINCT(x) → BIGINT: the exact number of distinct non-NULL values of x (1.1 and 1.10 are one)',
  resolve: anyValueToBigint,
  prepare: () => () => new CountValuesAccumulator(),
});

const APPROX_COUNT_DISTINCT = defineAggregate({
  name: 'APPROX_COUNT_DISTINCT',
  minArgs: 1,
  distinct: 'ignore',
  description:
    'APPROX_COUNT_DISTINCT(x) → BIGINT: the number of distinct non-NULL values of x, exact up to 512 values, then estimated by HyperLogLog (2^14 registers, ≈0.8 % standard error)',
  resolve: anyValueToBigint,
  prepare: () => () => new ApproxDistinctAccumulator(),
});

/** Every counting aggregate. */
export const countAggregates: readonly AggregateFunction[] = [COUNT, COUNT_DISTINCT, APPROX_COUNT_DISTINCT];
