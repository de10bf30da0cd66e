import type { DecimalValue } from '@velots/core';
import { averageOf } from './average.js';
import { Decimal } from './decimal.js';
import type { RoundingMode } from './rounding.js';
import { SumState } from './sum-state.js';
import type { Unscaled } from './unscaled.js';

/** A DECIMAL running sum as a checkpoint holds it: the exact sum's number part, bigint part, scale, and count. */
export type RunningSumState = readonly [low: number, high: bigint, scale: number, count: number];

/**
 * What SUM and AVG over DECIMAL values share: an exact, mergeable running sum and count that adds in the
 * number path while the total fits 53 bits and carries into a bigint without loss beyond; NULLs are skipped.
 */
export abstract class DecimalRunningSum {
  protected readonly state = new SumState();

  /** How many non-NULL values were added (minus those removed). */
  get count(): number {
    return this.state.count;
  }

  /** Adds a value; `null`/`undefined` (SQL NULL) are skipped, as SUM skips them. */
  add(value: DecimalValue | null | undefined): this {
    if (value !== null && value !== undefined) this.state.add(value.unscaled, value.scale);
    return this;
  }

  /** Adds an unscaled value at `scale` without a Decimal in between (for generated aggregate updates). */
  addUnscaled(unscaled: Unscaled, scale: number): this {
    this.state.add(unscaled, scale);
    return this;
  }

  /** Adds a column of unscaled values at one `scale` (a micro-batch), keeping the total in a local as it goes. */
  addUnscaledColumn(values: ArrayLike<Unscaled>, scale: number, start = 0, end = values.length): this {
    this.state.addColumn(values, scale, start, end);
    return this;
  }

  /** Takes back a value added earlier (retractions in updating aggregates). */
  remove(value: DecimalValue | null | undefined): this {
    if (value !== null && value !== undefined) this.state.remove(value.unscaled, value.scale);
    return this;
  }

  /** Adds another partition's partial state into this one. */
  merge(other: this): this {
    this.state.merge(other.state);
    return this;
  }

  /** The running sum as it is, for a checkpoint: `[low, high, scale, count]` (a copy; the sum goes on after). */
  saveState(): RunningSumState {
    const { low, high, scale, count } = this.state;
    return [low, high, scale, count];
  }

  /** Replaces the running sum with one `saveState` returned. */
  loadState([low, high, scale, count]: RunningSumState): this {
    this.state.low = low;
    this.state.high = high;
    this.state.scale = scale;
    this.state.count = count;
    return this;
  }

  /** The exact sum at the largest scale added, or null when no value was added; NUMERIC_OVERFLOW past 38 digits. */
  protected exactSum(): Decimal | null {
    if (this.state.count === 0) return null;
    return Decimal.fromUnscaled(this.state.total(), this.state.scale);
  }
}

/**
 * SUM over DECIMAL values, exact and mergeable: it adds in the number path while the total fits 53 bits and
 * carries into a bigint without loss beyond. The result's scale is the largest scale added; NULLs are skipped.
 */
export class DecimalSumAccumulator extends DecimalRunningSum {
  /** Adds a batch of values (NULLs skipped); the same as add() per value. */
  addAll(values: Iterable<DecimalValue | null | undefined>): this {
    for (const value of values) if (value !== null && value !== undefined) this.state.add(value.unscaled, value.scale);
    return this;
  }

  /** The exact sum, or null when no value was added (SQL SUM of no rows); NUMERIC_OVERFLOW past 38 digits. */
  result(): Decimal | null {
    return this.exactSum();
  }
}

/**
 * AVG over DECIMAL values: an exact SUM and a COUNT, divided once at the end at scale max(s, 6)
 * (s = largest scale added), HALF_UP unless told. Mergeable like the sum.
 */
export class DecimalAvgAccumulator extends DecimalRunningSum {
  constructor(private readonly rounding: RoundingMode = 'HALF_UP') {
    super();
  }

  /** The exact sum so far, or null when empty (for AVG shown next to SUM). */
  sum(): Decimal | null {
    return this.exactSum();
  }

  /** The mean, or null when no value was added. */
  result(): Decimal | null {
    const average = averageOf(this.state, this.rounding);
    return average === null ? null : Decimal.fromUnscaled(average.unscaled, average.scale);
  }
}
