import type { SqlValue } from '@velots/core';
import type { FramePlan } from '@velots/planner';
import { integerArgument, type AnalyticFunction } from './analytic-function.js';
import { frameEndArrived, frameNeedsLaterRows, resolveFrame, type FrameRange } from './frame-bounds.js';
import type { PartitionBuffer } from './partition-buffer.js';
import type { WindowOrder } from './window-order.js';

/**
 * LAG(x[, k[, default]]) and LEAD(…): x of the row k places before/after in ORDER BY order (k defaults
 * to 1, 0 is the row itself), or `default` (NULL when absent) past the partition's held rows. LAG is
 * known at arrival; LEAD waits until the k-th next row has arrived.
 */
export class OffsetFunction implements AnalyticFunction {
  readonly completable: boolean;

  constructor(
    readonly waits: boolean,
    private readonly argStart: number,
    private readonly argCount: number,
  ) {
    this.completable = waits;
  }

  ready(buffer: PartitionBuffer, index: number): boolean {
    const k = this.offset(buffer, index);
    return k === null || index + k <= buffer.length - 1;
  }

  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    const features = buffer.entries[index]!.features;
    const k = this.offset(buffer, index);
    if (k === null) return null;
    const target = this.waits ? index + k : index - k;
    if (target < 0 || target >= buffer.length)
      return this.argCount >= 3 ? ((features[this.argStart + 2] ?? null) as SqlValue) : null;
    return (buffer.entries[target]!.features[this.argStart] ?? null) as SqlValue;
  }

  private offset(buffer: PartitionBuffer, index: number): number | null {
    if (this.argCount < 2) return 1;
    return integerArgument(
      buffer.entries[index]!.features[this.argStart + 1],
      this.waits ? 'LEAD offset' : 'LAG offset',
      0,
    );
  }
}

/** Which row of the frame a value function reads. */
export type FramePick = 'FIRST' | 'LAST' | 'NTH';

/**
 * FIRST_VALUE(x), LAST_VALUE(x), NTH_VALUE(x, n): x of the frame's first, last or n-th row (NULLs are
 * values, as in PostgreSQL), NULL when the frame is empty or shorter than n.
 */
export class FrameValueFunction implements AnalyticFunction {
  readonly waits: boolean;
  readonly completable: boolean;
  private readonly range: FrameRange = { start: 0, end: -1 };

  constructor(
    private readonly pick: FramePick,
    private readonly frame: FramePlan,
    private readonly order: WindowOrder,
    private readonly argStart: number,
  ) {
    this.waits = frameNeedsLaterRows(frame);
    this.completable = this.waits && frame.end.kind !== 'UNBOUNDED_FOLLOWING';
  }

  ready(buffer: PartitionBuffer, index: number): boolean {
    return frameEndArrived(this.frame, buffer, this.order, index);
  }

  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    const { start, end } = resolveFrame(this.frame, buffer, this.order, index, this.range);
    let target = this.pick === 'FIRST' ? start : end;
    if (this.pick === 'NTH') {
      const n = integerArgument(buffer.entries[index]!.features[this.argStart + 1], 'NTH_VALUE position', 1);
      if (n === null) return null;
      target = start + n - 1;
    }
    if (start > end || target < start || target > end) return null;
    return (buffer.entries[target]!.features[this.argStart] ?? null) as SqlValue;
  }
}
