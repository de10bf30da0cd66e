import { MinHeap } from '../time/min-heap.js';
import type { Row, SqlValue, StateValue } from '@velots/core';
import type { AnalyticWindowPlan } from '@velots/planner';
import { groupKeyOf } from '../windows/group-state.js';
import type { RecordFailure } from '../operators/operator.js';
import type { WindowLayout } from './analytic-features.js';
import { createAnalyticFunction } from './analytic-function-factory.js';
import type { AnalyticFunction } from './analytic-function.js';
import { PartitionBuffer, type AnalyticEntry } from './partition-buffer.js';
import type { PendingRow } from './pending-output.js';
import { WindowOrder } from './window-order.js';

/** Where a window reports: failed rows, and rows whose last waiting call it just filled. */
export interface ReleaseSink {
  readonly failures: RecordFailure[];
  readonly released: PendingRow[];
}

/** Counts one filled waiting call of a row; the row is released when none is left. */
export function settle(pending: PendingRow, sink: ReleaseSink): void {
  if (--pending.waiting === 0) sink.released.push(pending);
}

/**
 * The state of one OVER (…) specification: its partitions (a Map by partition key), each a
 * PartitionBuffer in ORDER BY order. A row's calls are evaluated when it arrives, except waiting calls
 * (LEAD, FOLLOWING frame ends), which are filled once the rows they need arrive, when the row is about to
 * leave the buffer, when its partition expires, or at end of input.
 */
export class AnalyticWindow {
  readonly partitions = new Map<string, PartitionBuffer>();
  readonly functions: readonly AnalyticFunction[];
  private readonly order: WindowOrder;
  private readonly keyScratch: SqlValue[];
  /** Partitions by the latest event time they had when queued, so EXPIRE AFTER looks only at the idlest one. */
  private readonly idlest = new MinHeap<{ readonly time: number; readonly key: string; readonly buffer: PartitionBuffer }>((a, b) => a.time < b.time);

  constructor(
    private readonly plan: AnalyticWindowPlan,
    private readonly layout: WindowLayout,
    /** Index of this window's first call among all output columns of the operator. */
    private readonly outputOffset: number,
    bounded = false,
  ) {
    this.order = new WindowOrder(plan.orderBy, layout.orderStart);
    const wholePartition = bounded && plan.bufferRows === undefined && plan.expireAfterMs === undefined;
    this.functions = plan.calls.map((_, c) => createAnalyticFunction(plan, c, layout.argStart[c]!, this.order, wholePartition));
    this.keyScratch = new Array<SqlValue>(layout.partitionCount).fill(null);
  }

  /**
   * The window for a checkpoint: its partitions in map order (`[key, buffer]`) and the EXPIRE AFTER heap in heap order
   * as columns (time, key, partition position or −1 for the stale entry of a partition expired since).
   */
  snapshot(pendingPosition: (pending: PendingRow) => number): StateValue {
    const keys = [...this.partitions.keys()];
    const position = new Map([...this.partitions.values()].map((buffer, i) => [buffer, i]));
    const heap = this.idlest.itemsInHeapOrder();
    return {
      partitions: keys.map((key) => [key, this.partitions.get(key)!.snapshot(pendingPosition)]),
      idlest: [Float64Array.from(heap, (e) => e.time), heap.map((e) => e.key), Int32Array.from(heap, (e) => position.get(e.buffer) ?? -1)],
    };
  }

  /** Replaces a fresh window's partitions with ones `snapshot` returned; `pending` are the operator's restored rows. */
  restore(state: StateValue, pending: readonly PendingRow[]): void {
    const saved = state as { partitions: readonly (readonly [string, StateValue])[]; idlest: readonly [Float64Array, readonly string[], Int32Array] };
    const buffers: PartitionBuffer[] = [];
    this.partitions.clear();
    for (const [key, bufferState] of saved.partitions) {
      const buffer = new PartitionBuffer(this.order, this.plan.bufferRows);
      buffer.restore(bufferState, pending, (c) => this.functions[c]?.newAccumulator?.());
      this.partitions.set(key, buffer);
      buffers.push(buffer);
    }
    const [times, keys, positions] = saved.idlest;
    // A stale entry is skipped when it surfaces (its partition is no longer the map's): any other buffer serves.
    const stale = new PartitionBuffer(this.order, this.plan.bufferRows);
    this.idlest.restoreItems(Array.from(times, (time, i) => ({ time, key: keys[i]!, buffer: positions[i]! === -1 ? stale : buffers[positions[i]!]! })));
  }

  /** True when some call can only be completed by end of input, eviction or expiry (UNBOUNDED FOLLOWING). */
  holdsUntilEnd(): boolean {
    return this.functions.some((f) => f.waits && !f.completable);
  }

  /** Adds one row: expires its partition if idle too long, inserts, evicts, evaluates, completes held rows. */
  accept(features: Row, pending: PendingRow, eventTime: number, newestEventTime: number, sink: ReleaseSink): void {
    const key = this.partitionKey(features);
    let buffer = this.partitions.get(key);
    const expireAfter = this.plan.expireAfterMs;
    if (buffer !== undefined && expireAfter !== undefined && buffer.lastEventTime < newestEventTime - expireAfter) {
      this.finalise(buffer, sink);
      buffer = undefined;
    }
    if (buffer === undefined) {
      buffer = new PartitionBuffer(this.order, this.plan.bufferRows);
      this.partitions.set(key, buffer);
      if (expireAfter !== undefined) this.idlest.push({ time: eventTime, key, buffer });
    }
    if (eventTime > buffer.lastEventTime) buffer.lastEventTime = eventTime;
    const entry: AnalyticEntry = { features, pending, waitingCalls: undefined };
    buffer.insert(entry);
    for (let oldest = buffer.overflow(); oldest !== undefined; oldest = buffer.overflow()) {
      // A row leaving the buffer gets its waiting calls filled from what the buffer still shows it.
      if (oldest.waitingCalls !== undefined) this.fill(buffer, oldest, buffer.indexOf(oldest), false, sink);
      buffer.evictOldest();
    }
    const capacity = this.plan.bufferRows;
    if (this.plan.emitMode === 'ON_BUFFER_FULL' && capacity !== undefined && buffer.length < capacity)
      pending.suppressed = true;
    const index = buffer.indexOf(entry);
    const functions = this.functions;
    let holdable = false;
    for (let c = 0; c < functions.length; c++) {
      const fn = functions[c]!;
      if (fn.waits && !this.isReady(fn, buffer, index)) {
        (entry.waitingCalls ??= []).push(c);
        pending.waiting++;
        if (fn.completable) holdable = true;
      } else {
        this.evaluate(fn, c, buffer, index, pending, sink);
      }
    }
    if (holdable) buffer.held.push(entry);
    this.completeHeld(buffer, sink);
  }

  /** Drops partitions whose latest event time is older than `newestEventTime` − EXPIRE AFTER, filling their held rows. */
  expire(newestEventTime: number, sink: ReleaseSink): void {
    const expireAfter = this.plan.expireAfterMs;
    if (expireAfter === undefined) return;
    const limit = newestEventTime - expireAfter;
    for (let next = this.idlest.peek(); next !== undefined && next.time < limit; next = this.idlest.peek()) {
      this.idlest.pop();
      const { key, buffer } = next;
      // A partition already expired on access (and maybe re-created) left a stale entry behind.
      if (this.partitions.get(key) !== buffer) continue;
      if (buffer.lastEventTime !== next.time) {
        this.idlest.push({ time: buffer.lastEventTime, key, buffer });
        continue;
      }
      this.finalise(buffer, sink);
      this.partitions.delete(key);
    }
  }

  /** End of input: fills every waiting call from the rows its partition holds, and drops all state. */
  finish(sink: ReleaseSink): void {
    for (const buffer of this.partitions.values()) this.finalise(buffer, sink);
    this.partitions.clear();
  }

  /**
   * Fills held rows whose needed rows have arrived, oldest arrival first. Stops at the first row that
   * still waits: on ordered input no later row can be ready before it, and this keeps a check O(1) per arrival.
   */
  private completeHeld(buffer: PartitionBuffer, sink: ReleaseSink): void {
    const held = buffer.held;
    let done = 0;
    while (done < held.length) {
      const entry = held[done]!;
      const index = buffer.indexOf(entry);
      if (!this.fill(buffer, entry, index, true, sink)) break;
      done++;
    }
    if (done > 0) held.splice(0, done);
  }

  /**
   * Evaluates an entry's waiting calls (only the ready ones when `onlyReady`); returns true when no call
   * that a later arrival could complete is left.
   */
  private fill(
    buffer: PartitionBuffer,
    entry: AnalyticEntry,
    index: number,
    onlyReady: boolean,
    sink: ReleaseSink,
  ): boolean {
    const waiting = entry.waitingCalls;
    if (waiting === undefined) return true;
    let kept = 0;
    let completableLeft = false;
    for (let w = 0; w < waiting.length; w++) {
      const c = waiting[w]!;
      const fn = this.functions[c]!;
      if (onlyReady && (!fn.completable || !this.isReady(fn, buffer, index))) {
        waiting[kept++] = c;
        if (fn.completable) completableLeft = true;
        continue;
      }
      this.evaluate(fn, c, buffer, index, entry.pending, sink);
      settle(entry.pending, sink);
    }
    waiting.length = kept;
    if (kept === 0) entry.waitingCalls = undefined;
    return !completableLeft;
  }

  /** Fills every waiting call of a partition's rows, in ORDER BY order. */
  private finalise(buffer: PartitionBuffer, sink: ReleaseSink): void {
    const entries = buffer.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.waitingCalls !== undefined) this.fill(buffer, entry, i, false, sink);
    }
    buffer.held.length = 0;
  }

  private isReady(fn: AnalyticFunction, buffer: PartitionBuffer, index: number): boolean {
    try {
      return fn.ready(buffer, index);
    } catch {
      // A bad argument (a negative LEAD offset) is not worth waiting for: evaluating reports it at once.
      return true;
    }
  }

  private evaluate(
    fn: AnalyticFunction,
    c: number,
    buffer: PartitionBuffer,
    index: number,
    pending: PendingRow,
    sink: ReleaseSink,
  ): void {
    try {
      pending.values[this.outputOffset + c] = fn.evaluate(buffer, index);
    } catch (error) {
      if (pending.failed) return;
      pending.failed = true;
      sink.failures.push({ batch: pending.batch, index: pending.index, error });
    }
  }

  private partitionKey(features: Row): string {
    const { partitionStart, partitionCount } = this.layout;
    if (partitionCount === 0) return '';
    const scratch = this.keyScratch;
    for (let k = 0; k < partitionCount; k++) scratch[k] = (features[partitionStart + k] ?? null) as SqlValue;
    return groupKeyOf(scratch);
  }
}
