import { MAX_SAFE } from './limits.js';
import type { Unscaled } from './unscaled.js';

/**
 * An exact integer total kept as `high + low`: `low` is a number that takes every addend while the total
 * stays within ±(2^53 − 1); when it would not, `low` is folded into the bigint `high`. So a sum of small
 * values never touches bigint, and a sum of large ones never loses a unit. DECIMAL SUM keeps one of
 * unscaled values, the planner's BIGINT SUM one of integers.
 */
export interface ExactSum {
  low: number;
  high: bigint;
}

/** Adds an integer (a safe-integer number or a bigint) to an exact sum, exactly. */
export function addToExactSum(sum: ExactSum, value: Unscaled): void {
  if (typeof value === 'number') {
    const next = sum.low + value;
    if (next <= MAX_SAFE && next >= -MAX_SAFE) {
      sum.low = next;
      return;
    }
    sum.high += BigInt(sum.low) + BigInt(value);
    sum.low = 0;
    return;
  }
  sum.high += value;
}
