import type { SqlValue, StateValue } from '@velots/core';
import { hashKey, type HashKey } from '../values/compare.js';
import type { Accumulator } from './aggregate-def.js';
import { sameAccumulator } from './same-accumulator.js';

/**
 * `AGG(DISTINCT …)`: remembers every distinct argument tuple (by value, so 1.1 and 1.10 are one) and feeds
 * only the first sighting of each to the inner accumulator. Merging feeds the other side's values that
 * this side has not seen, in their arrival order, so a merged DISTINCT equals one fed with all rows.
 */
export class DistinctAccumulator implements Accumulator {
  private readonly seen = new Map<HashKey, readonly SqlValue[]>();

  constructor(private readonly inner: Accumulator) {}

  add(args: readonly SqlValue[]): void {
    const key = args.length === 1 ? hashKey(args[0] as SqlValue) : hashKey(args as SqlValue[]);
    if (this.seen.has(key)) return;
    // `args` is the caller's reused buffer: keep a copy.
    const copy = args.slice();
    this.seen.set(key, copy);
    this.inner.add(copy);
  }

  merge(other: Accumulator): void {
    const that = sameAccumulator(other, DistinctAccumulator, 'DISTINCT');
    for (const [key, args] of that.seen) {
      if (this.seen.has(key)) continue;
      this.seen.set(key, args);
      this.inner.add(args);
    }
  }

  result(): SqlValue {
    return this.inner.result();
  }

  /** `[inner state, distinct argument lists in first-seen order]` (the lists are never changed once kept). */
  snapshot(): StateValue {
    return [this.inner.snapshot(), [...this.seen.values()]];
  }

  restore(state: StateValue): void {
    const [inner, seen] = state as readonly [StateValue, readonly (readonly SqlValue[])[]];
    this.inner.restore(inner);
    this.seen.clear();
    for (const args of seen) this.seen.set(args.length === 1 ? hashKey(args[0] as SqlValue) : hashKey(args as SqlValue[]), args);
  }
}
