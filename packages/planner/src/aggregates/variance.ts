import { SqlTypes, type SqlType, type SqlValue, type StateValue } from '@velots/core';
import { coerceArg } from '../functions/signature.js';
import type { Accumulator, AggregateFunction, ResolvedAggregate } from './aggregate-def.js';
import { defineAggregate } from './define.js';
import { Moments } from './moments.js';
import { sameAccumulator } from './same-accumulator.js';

/** STDDEV = STDDEV_SAMP, STDDEV_POP, VARIANCE = VAR_SAMP, VAR_POP → DOUBLE over the non-NULL values. */

/** Which statistic a moments accumulator reports. */
type Dispersion = 'VAR_SAMP' | 'VAR_POP' | 'STDDEV_SAMP' | 'STDDEV_POP';

class DispersionAccumulator implements Accumulator {
  readonly moments = new Moments();

  constructor(private readonly statistic: Dispersion) {}

  add(args: readonly SqlValue[]): void {
    const x = args[0] as SqlValue;
    if (x !== null) this.moments.add(x as number);
  }

  snapshot(): StateValue {
    return this.moments.snapshot();
  }

  restore(state: StateValue): void {
    this.moments.restore(state as Float64Array);
  }

  merge(other: Accumulator): void {
    this.moments.merge(sameAccumulator(other, DispersionAccumulator, this.statistic).moments);
  }

  result(): SqlValue {
    const { n, m2 } = this.moments;
    switch (this.statistic) {
      case 'VAR_SAMP':
        return n < 2 ? null : m2 / (n - 1);
      case 'VAR_POP':
        return n < 1 ? null : m2 / n;
      case 'STDDEV_SAMP':
        return n < 2 ? null : Math.sqrt(m2 / (n - 1));
      case 'STDDEV_POP':
        return n < 1 ? null : Math.sqrt(m2 / n);
      default: {
        const unknown: never = this.statistic;
        return unknown;
      }
    }
  }
}

/** A numeric argument cast to DOUBLE; a DOUBLE result. */
export function doubleStatistic(fn: string) {
  return (argTypes: readonly SqlType[]): ResolvedAggregate => ({
    result: SqlTypes.DOUBLE,
    argTypes: argTypes.map((t, i) => coerceArg(fn, i, t, 'double')),
  });
}

function dispersion(
  name: string,
  aliases: readonly string[],
  statistic: Dispersion,
  meaning: string,
): AggregateFunction {
  return defineAggregate({
    name,
    aliases,
    minArgs: 1,
    description: `${name}(x) → DOUBLE: ${meaning}`,
    resolve: doubleStatistic(name),
    prepare: () => () => new DispersionAccumulator(statistic),
  });
}

/** The variance and standard-deviation aggregates. */
export const varianceAggregates: readonly AggregateFunction[] = [
  dispersion(
    'STDDEV',
    ['STDDEV_SAMP'],
    'STDDEV_SAMP',
    'the sample standard deviation √(Σ(x − x̄)² / (n − 1)); NULL when fewer than 2 values',
  ),
  dispersion('STDDEV_POP', [], 'STDDEV_POP', 'the population standard deviation √(Σ(x − x̄)² / n); NULL when no values'),
  dispersion(
    'VARIANCE',
    ['VAR_SAMP'],
    'VAR_SAMP',
    'the sample variance Σ(x − x̄)² / (n − 1); NULL when fewer than 2 values',
  ),
  dispersion('VAR_POP', [], 'VAR_POP', 'the population variance Σ(x − x̄)² / n; NULL when no values'),
];
