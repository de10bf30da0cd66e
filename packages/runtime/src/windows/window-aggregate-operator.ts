import { ErrorCodes, VeloError, type Clock, type RecordBatch, type Row, type StateValue } from '@velots/core';
import { MinHeap } from '../time/min-heap.js';
import type { PhysicalAggregate } from '@velots/planner';
import type { RecordFailure } from '../operators/operator.js';
import type { GroupState } from './group-state.js';
import { sourceOf } from './aggregate-inputs.js';
import { slidingWindowStarts, tumblingWindowStart } from './window-assigners.js';
import { EventTimeWindowOperator } from './event-time-window-operator.js';
import { PaneWindows } from './pane-windows.js';

interface OpenWindow {
  readonly start: number;
  readonly end: number;
  readonly groups: Map<unknown, GroupState>;
}

/**
 * Tumbling and sliding (hopping) window aggregation on event time. A window closes when the watermark
 * (max event time − allowed out-of-orderness) reaches its end, or at the end of a bounded input. EMIT
 * FINAL (the default) emits one row per window and group when it closes; EMIT CHANGES re-emits the row of every
 * window group changed since the input last caught up, when its window closes, and at the end. Lateness and closing
 * are decided per record in arrival order, so the size of the micro-batches never changes the output. A record whose
 * windows have all closed is late: counted, not added.
 */
export class WindowAggregateOperator extends EventTimeWindowOperator {
  readonly name: string;
  private readonly windows = new Map<number, OpenWindow>();
  /** The window the latest record went to, while it is open. */
  private lastWindow: OpenWindow | undefined;
  private readonly starts: number[] = [];
  /** Window groups changed since changes were last emitted (EMIT CHANGES), in first-change order. */
  private readonly changed = new Map<GroupState, OpenWindow>();
  /** Starts of the open windows, earliest first: all windows have one size, so also their ends in order. */
  private readonly ends = new MinHeap<number>((a, b) => a < b);
  private readonly sizeMs: number;
  /** The hop of a sliding window; 0 for tumbling. */
  private readonly advanceMs: number;
  /** Sliding EMIT FINAL windows whose size is a multiple of the hop (and no arrival-order aggregate): kept as panes. */
  private readonly panes: PaneWindows | undefined;

  constructor(node: PhysicalAggregate, clock: Clock, inputCount = 1) {
    super(node, clock, inputCount);
    if (node.window === undefined || node.window.kind === 'session') {
      throw new VeloError(ErrorCodes.INTERNAL, 'WindowAggregateOperator needs a tumbling or sliding window');
    }
    this.name = node.window.kind === 'tumbling' ? 'TumblingWindowAggregate' : 'SlidingWindowAggregate';
    this.sizeMs = node.window.sizeMs;
    this.advanceMs = node.window.kind === 'sliding' ? node.window.advanceMs : 0;
    const paned = this.advanceMs > 0 && node.emit === 'FINAL' && this.sizeMs % this.advanceMs === 0 && !this.inputs.orderSensitive;
    this.panes = paned ? new PaneWindows(this.inputs, this.sizeMs, this.advanceMs, this.ends) : undefined;
  }

  stateEntries(): number {
    let entries = this.panes === undefined ? 0 : this.panes.entries;
    for (const window of this.windows.values()) entries += window.groups.size;
    return entries;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const features = this.inputs.evaluate(batch, failures);
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    const changes = this.node.emit === 'CHANGES';
    const size = this.sizeMs;
    const now = this.clock.now();
    const partitions = batch.partitions;
    // Lateness and closing are decided record by record, exactly as if each record were its own batch.
    let watermark = this.watermark.watermark;
    // In a batch without partitions every record is partition 0's, arriving `now`: once a time is observed, an
    // earlier or equal one moves nothing, so only a new largest time is observed (and may close windows).
    let observedUpTo = -Infinity;
    let closeChecked = false;
    const inputs = this.inputs;
    for (let i = 0; i < features.rows.length; i++) {
      const row = features.rows[i]!;
      const time = inputs.timeOf(row, features.eventTimes[i]!);
      if (Number.isNaN(time)) {
        failures.push({ batch, index: sourceOf(features, i), error: new VeloError(ErrorCodes.CAST_FAILED, 'the window time column is NULL') });
        continue;
      }
      let added = false;
      if (this.advanceMs === 0) {
        const start = tumblingWindowStart(time, size);
        if (start + size > watermark) {
          // Records mostly fall in the window the previous one did: no lookup, and no call taking `start`.
          const last = this.lastWindow;
          const open = last !== undefined && last.start === start ? last : this.openWindow(start, start + size);
          this.addToWindow(open, inputs.keyOf(row), row, time, changes);
          added = true;
        }
      } else if (this.panes !== undefined) {
        added = this.panes.add(row, time, watermark);
      } else {
        let key: unknown;
        for (const start of slidingWindowStarts(time, size, this.advanceMs, this.starts)) {
          if (start + size <= watermark) continue;
          if (!added) key = this.inputs.keyOf(row);
          this.addToWindow(this.openWindow(start, start + size), key, row, time, changes);
          added = true;
        }
      }
      if (!added) {
        this.late.add(batch, sourceOf(features, i));
        continue;
      }
      if (partitions !== undefined || time > observedUpTo) {
        this.watermark.observe(time, now, partitions === undefined ? 0 : partitions[sourceOf(features, i)]);
        if (partitions === undefined) observedUpTo = time;
        const moved = this.watermark.watermark;
        if (moved === watermark && closeChecked) continue;
        watermark = moved;
        closeChecked = true;
        const next = this.ends.peek();
        if (next !== undefined && next + size <= watermark) this.close(watermark, rows, eventTimes);
      }
    }
    return { schema: this.node.schema, rows, eventTimes };
  }

  /** Adds a record to its group in an open window; EMIT CHANGES remembers the group as changed. */
  private addToWindow(open: OpenWindow, key: unknown, row: Row, time: number, changes: boolean): void {
    let state = open.groups.get(key);
    if (state === undefined) {
      state = this.inputs.newState(row);
      open.groups.set(key, state);
    }
    this.inputs.add(state, row, time);
    if (changes && !this.changed.has(state)) this.changed.set(state, open);
  }

  protected drainChanges(rows: Row[], eventTimes: number[]): void {
    for (const [state, open] of this.changed) {
      rows.push(this.inputs.rowOf(state, open.start, open.end));
      eventTimes.push(open.end);
    }
    this.changed.clear();
  }

  /**
   * `{ ends, windows, changed, panes }`: the pending window starts in heap order; per open window its start and its
   * groups (in arrival order, saved as their compact fields); the changed groups (EMIT CHANGES) in first-change
   * order as [window, group] positions; and the panes of a paned sliding window.
   */
  protected saveWindows(): StateValue {
    const windows: StateValue[] = [];
    // Only EMIT CHANGES with pending changes needs each group's position in its window.
    const positions = new Map<GroupState | OpenWindow, number>();
    for (const open of this.windows.values()) {
      const states = [...open.groups.values()];
      if (this.changed.size > 0) {
        positions.set(open, windows.length);
        states.forEach((state, g) => positions.set(state, g));
      }
      windows.push([open.start, this.inputs.save(states)]);
    }
    const changed = new Int32Array(this.changed.size * 2);
    let c = 0;
    for (const [state, open] of this.changed) {
      changed[c++] = positions.get(open)!;
      changed[c++] = positions.get(state)!;
    }
    return { ends: Float64Array.from(this.ends.itemsInHeapOrder()), windows, changed, panes: this.panes?.snapshot() ?? null };
  }

  protected loadWindows(saved: StateValue): void {
    const state = saved as { ends: Float64Array; windows: readonly (readonly [number, StateValue])[]; changed: Int32Array; panes: StateValue };
    this.ends.restoreItems(Array.from(state.ends));
    const opened: OpenWindow[] = [];
    const groupLists: GroupState[][] = [];
    for (const [start, groups] of state.windows) {
      const states = this.inputs.load(groups);
      const open: OpenWindow = { start, end: start + this.sizeMs, groups: new Map() };
      for (const group of states) open.groups.set(this.inputs.keyOfState(group), group);
      this.windows.set(start, open);
      opened.push(open);
      groupLists.push(states);
    }
    for (let c = 0; c < state.changed.length; c += 2) {
      const w = state.changed[c]!;
      this.changed.set(groupLists[w]![state.changed[c + 1]!]!, opened[w]!);
    }
    if (this.panes !== undefined && state.panes !== null) this.panes.restore(state.panes);
  }

  private openWindow(start: number, end: number): OpenWindow {
    // Records mostly fall in the window the previous one did: skip the lookup.
    const last = this.lastWindow;
    if (last !== undefined && last.start === start) return last;
    let open = this.windows.get(start);
    if (!open) {
      open = { start, end, groups: new Map() };
      this.windows.set(start, open);
      this.ends.push(start);
    }
    this.lastWindow = open;
    return open;
  }

  /** Closes every window whose end the watermark reached, oldest first; FINAL emits their rows. */
  protected close(watermark: number, rows: Row[], eventTimes: number[]): void {
    for (let start = this.ends.peek(); start !== undefined && start + this.sizeMs <= watermark; start = this.ends.peek()) {
      this.ends.pop();
      if (this.panes !== undefined) {
        this.panes.close(start, rows, eventTimes);
        continue;
      }
      const open = this.windows.get(start)!;
      this.windows.delete(start);
      if (this.lastWindow === open) this.lastWindow = undefined;
      for (const state of open.groups.values()) {
        // EMIT CHANGES: a closing window's pending changes leave now, so no closed window is kept for them.
        if (this.node.emit === 'CHANGES' && !this.changed.delete(state)) continue;
        rows.push(this.inputs.rowOf(state, open.start, open.end));
        eventTimes.push(open.end);
      }
    }
  }
}
