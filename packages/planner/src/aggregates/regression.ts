import type { SqlValue, StateValue } from '@velots/core';
import type { Accumulator, AggregateFunction } from './aggregate-def.js';
import { defineAggregate } from './define.js';
import { CoMoments } from './moments.js';
import { sameAccumulator } from './same-accumulator.js';
import { doubleStatistic } from './variance.js';

/**
 * CORR(y, x), COVAR_POP, COVAR_SAMP, REGR_SLOPE, REGR_INTERCEPT, REGR_R2 → DOUBLE, as PostgreSQL defines them:
 * rows where y or x is NULL are skipped, and a statistic that is undefined for the rows kept is NULL.
 */

type PairStatistic = 'CORR' | 'COVAR_POP' | 'COVAR_SAMP' | 'REGR_SLOPE' | 'REGR_INTERCEPT' | 'REGR_R2';

class PairAccumulator implements Accumulator {
  readonly moments = new CoMoments();

  constructor(private readonly statistic: PairStatistic) {}

  add(args: readonly SqlValue[]): void {
    const y = args[0] as SqlValue;
    const x = args[1] as SqlValue;
    if (y !== null && x !== null) this.moments.add(y as number, x as number);
  }

  snapshot(): StateValue {
    return this.moments.snapshot();
  }

  restore(state: StateValue): void {
    this.moments.restore(state as Float64Array);
  }

  merge(other: Accumulator): void {
    this.moments.merge(sameAccumulator(other, PairAccumulator, this.statistic).moments);
  }

  result(): SqlValue {
    const { n, sxx, syy, sxy, meanX, meanY } = this.moments;
    if (n < 1) return null;
    switch (this.statistic) {
      case 'COVAR_POP':
        return sxy / n;
      case 'COVAR_SAMP':
        return n < 2 ? null : sxy / (n - 1);
      case 'CORR':
        // Undefined when either variable is constant. One square root, as PostgreSQL, unless the product overflows.
        if (sxx === 0 || syy === 0) return null;
        return Number.isFinite(sxx * syy) ? sxy / Math.sqrt(sxx * syy) : sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
      case 'REGR_SLOPE':
        return sxx === 0 ? null : sxy / sxx;
      case 'REGR_INTERCEPT':
        return sxx === 0 ? null : meanY - (meanX * sxy) / sxx;
      case 'REGR_R2':
        // A constant y is fitted perfectly by any line (PostgreSQL gives 1).
        if (sxx === 0) return null;
        return syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
      default: {
        const unknown: never = this.statistic;
        return unknown;
      }
    }
  }
}

function pairStatistic(name: PairStatistic, meaning: string): AggregateFunction {
  return defineAggregate({
    name,
    minArgs: 2,
    description: `${name}(y, x) → DOUBLE: ${meaning}`,
    resolve: doubleStatistic(name),
    prepare: () => () => new PairAccumulator(name),
  });
}

/** The correlation, covariance and linear-regression aggregates. */
export const regressionAggregates: readonly AggregateFunction[] = [
  pairStatistic(
    'CORR',
    'the Pearson correlation coefficient of the pairs where neither is NULL; NULL when x or y is constant or no pairs',
  ),
  pairStatistic('COVAR_POP', 'the population covariance Σ(x − x̄)(y − ȳ) / n; NULL when no pairs'),
  pairStatistic('COVAR_SAMP', 'the sample covariance Σ(x − x̄)(y − ȳ) / (n − 1); NULL when fewer than 2 pairs'),
  pairStatistic('REGR_SLOPE', 'the slope of the least-squares line y = a + b·x; NULL when x is constant or no pairs'),
  pairStatistic(
    'REGR_INTERCEPT',
    'the intercept of the least-squares line y = a + b·x; NULL when x is constant or no pairs',
  ),
  pairStatistic(
    'REGR_R2',
    'the coefficient of determination of that line (1 when y is constant); NULL when x is constant or no pairs',
  ),
];
