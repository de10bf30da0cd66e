import type { SqlValue } from '@velots/core';
import { addToExactSum, type ExactSum } from '@velots/decimal';

/**
 * An exact running sum of BIGINT values (numbers while safe, bigints beyond) as `high + low` (decimal's
 * ExactSum): `low` takes every addend while it stays a safe integer and is folded into the bigint `high` when
 * it would not, so a sum of ordinary values never touches bigint and no sum ever loses a unit. The total is
 * unbounded: the 64-bit range is checked once, on the final value, so the check does not depend on arrival order.
 */
export class ExactIntegerSum implements ExactSum {
  low = 0;
  high = 0n;
  count = 0;

  /** Adds a BIGINT value (a safe-integer number or a bigint). */
  add(value: SqlValue): void {
    this.count++;
    addToExactSum(this, value as number | bigint);
  }

  /** Adds another sum's total and count. */
  /** `[low, high, count]`. */
  snapshot(): readonly [number, bigint, number] {
    return [this.low, this.high, this.count];
  }

  restore([low, high, count]: readonly [number, bigint, number]): void {
    this.low = low;
    this.high = high;
    this.count = count;
  }

  merge(other: ExactIntegerSum): void {
    addToExactSum(this, other.low);
    this.high += other.high;
    this.count += other.count;
  }

  /** The exact total: a number when it is a safe integer, else a bigint. */
  total(): number | bigint {
    if (this.high === 0n) return this.low;
    const total = this.high + BigInt(this.low);
    return total >= -9007199254740991n && total <= 9007199254740991n ? Number(total) : total;
  }
}
