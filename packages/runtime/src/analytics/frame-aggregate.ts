import type { SqlValue } from '@velots/core';
import type { Accumulator, FramePlan } from '@velots/planner';
import type { AnalyticFunction } from './analytic-function.js';
import {
  frameEndArrived,
  frameNeedsLaterRows,
  isCumulativeFrame,
  resolveFrame,
  type FrameRange,
} from './frame-bounds.js';
import type { PartitionBuffer } from './partition-buffer.js';
import type { WindowOrder } from './window-order.js';

/**
 * An aggregate of the catalog over each row's frame. A general frame is recomputed from a fresh
 * accumulator over its rows: O(frame) per row, fine for the bounded buffers (a few thousand rows) and
 * short frames streams use, and the only way for MIN/MAX/MEDIAN, which cannot retract a row. The
 * cumulative frame (partition start → current row) of an unbuffered partition keeps one running
 * accumulator per partition instead, so an endless partition costs O(1) per in-order row.
 */
export class FrameAggregateFunction implements AnalyticFunction {
  readonly waits: boolean;
  readonly completable: boolean;
  private readonly range: FrameRange = { start: 0, end: -1 };
  private readonly args: SqlValue[];
  private readonly runs: boolean;

  constructor(
    private readonly frame: FramePlan,
    private readonly order: WindowOrder,
    private readonly argStart: number,
    argCount: number,
    private readonly create: () => Accumulator,
    private readonly orderSensitive: boolean,
    private readonly callIndex: number,
    unbuffered: boolean,
  ) {
    this.waits = frameNeedsLaterRows(frame);
    this.completable = this.waits && frame.end.kind !== 'UNBOUNDED_FOLLOWING';
    this.args = new Array<SqlValue>(argCount).fill(null);
    this.runs = unbuffered && isCumulativeFrame(frame);
  }

  newAccumulator(): Accumulator {
    return this.create();
  }

  ready(buffer: PartitionBuffer, index: number): boolean {
    return frameEndArrived(this.frame, buffer, this.order, index);
  }

  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    if (this.runs) return this.evaluateRunning(buffer, index);
    const { start, end } = resolveFrame(this.frame, buffer, this.order, index, this.range);
    return this.aggregate(buffer, start, end).result();
  }

  /**
   * The cumulative frame at arrival: an appended row extends the running accumulator; a row that
   * arrived out of order is computed over its prefix and, for order-insensitive aggregates, still added
   * to the running one (which covers the whole buffer as a set).
   */
  private evaluateRunning(buffer: PartitionBuffer, index: number): SqlValue {
    const last = buffer.length - 1;
    let running = buffer.running[this.callIndex];
    if (index === last) {
      if (running === undefined || running.count !== last) {
        running = { accumulator: this.aggregate(buffer, 0, last), count: last + 1 };
        buffer.running[this.callIndex] = running;
        return running.accumulator.result();
      }
      running.count = -1; // stays invalid if add throws
      this.add(running.accumulator, buffer, index);
      running.count = last + 1;
      return running.accumulator.result();
    }
    const end = buffer.lastPeer(index);
    const result = this.aggregate(buffer, 0, end).result();
    if (running !== undefined) {
      if (this.orderSensitive || running.count !== last) running.count = -1;
      else {
        running.count = -1;
        this.add(running.accumulator, buffer, index);
        running.count = last + 1;
      }
    }
    return result;
  }

  private aggregate(buffer: PartitionBuffer, start: number, end: number): Accumulator {
    const accumulator = this.create();
    for (let j = start; j <= end; j++) this.add(accumulator, buffer, j);
    return accumulator;
  }

  private add(accumulator: Accumulator, buffer: PartitionBuffer, j: number): void {
    const features = buffer.entries[j]!.features;
    const args = this.args;
    for (let a = 0; a < args.length; a++) args[a] = (features[this.argStart + a] ?? null) as SqlValue;
    accumulator.add(args);
  }
}
