import { ErrorCodes, VeloError, isDecimalValue, type SqlValue } from '@velots/core';
import type { Accumulator } from '@velots/planner';
import type { PartitionBuffer } from './partition-buffer.js';

/**
 * One analytic call, compiled for one window: evaluated for the row at `index` of a partition's buffer.
 * Rows in the buffer are in ORDER BY order; `index` is where the row sits when it is evaluated.
 */
export interface AnalyticFunction {
  /** True when the result depends on rows after the current one (LEAD, a FOLLOWING frame end). */
  readonly waits: boolean;
  /** For a waiting call: true when later arrivals can complete it (false: only end of input, eviction or expiry). */
  readonly completable: boolean;
  /** For a waiting call: true once the rows it needs are in the buffer. */
  ready(buffer: PartitionBuffer, index: number): boolean;
  /** The call's value for the row at `index`; throws (a VeloError) for a bad argument. */
  evaluate(buffer: PartitionBuffer, index: number): SqlValue;
  /** A fresh accumulator of the call, when it keeps a running aggregate per partition (restored from a checkpoint). */
  newAccumulator?(): Accumulator;
}

/** An integer argument (LAG/LEAD offset, NTILE buckets, NTH_VALUE position); NULL passes through; throws INVALID_ARGUMENT naming the call otherwise. */
export function integerArgument(value: SqlValue | undefined, what: string, minimum: number): number | null {
  if (value === null || value === undefined) return null;
  let n = Number.NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (isDecimalValue(value)) n = Number(value.unscaled) / 10 ** value.scale;
  if (!Number.isInteger(n) || n < minimum) {
    throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `${what} must be an integer >= ${minimum}, got ${String(value)}`);
  }
  return n;
}
