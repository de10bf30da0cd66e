import { ErrorCodes, VeloError, type Clock, type RecordBatch, type Row } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import type { RecordFailure } from '../operators/operator.js';
import { aggregateRow, groupKeyOf, type GroupState } from './group-state.js';
import { slidingWindowStarts, tumblingWindowStart } from './window-assigners.js';
import { EventTimeWindowOperator } from './event-time-window-operator.js';

interface OpenWindow {
  readonly start: number;
  readonly end: number;
  readonly groups: Map<string, GroupState>;
}

/**
 * Tumbling and sliding (hopping) window aggregation on event time. A window closes when the watermark
 * (max event time − allowed out-of-orderness) reaches its end, or at the end of a bounded input. EMIT
 * FINAL (the default) emits one row per window and group when it closes; EMIT CHANGES re-emits a window's
 * row for every group a batch changed. A record whose windows have all closed is late: counted, not added.
 */
export class WindowAggregateOperator extends EventTimeWindowOperator {
  readonly name: string;
  private readonly windows = new Map<number, OpenWindow>();
  private readonly starts: number[] = [];
  private readonly sizeMs: number;
  /** The hop of a sliding window; 0 for tumbling. */
  private readonly advanceMs: number;

  constructor(node: PhysicalAggregate, clock: Clock) {
    super(node, clock);
    if (node.window === undefined || node.window.kind === 'session') {
      throw new VeloError(ErrorCodes.INTERNAL, 'WindowAggregateOperator needs a tumbling or sliding window');
    }
    this.name = node.window.kind === 'tumbling' ? 'TumblingWindowAggregate' : 'SlidingWindowAggregate';
    this.sizeMs = node.window.sizeMs;
    this.advanceMs = node.window.kind === 'sliding' ? node.window.advanceMs : 0;
  }

  stateEntries(): number {
    let entries = 0;
    for (const window of this.windows.values()) entries += window.groups.size;
    return entries;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const features = this.inputs.evaluate(batch, failures);
    const closedBefore = this.watermark.watermark;
    const changed: { window: OpenWindow; state: GroupState }[] = [];
    let maxTime = -Infinity;
    for (let i = 0; i < features.rows.length; i++) {
      const row = features.rows[i]!;
      const eventTime = features.eventTimes[i]!;
      const time = this.inputs.timeOf(row, eventTime);
      if (Number.isNaN(time)) {
        failures.push({ batch, index: features.sourceIndex[i]!, error: new VeloError(ErrorCodes.CAST_FAILED, 'the window time column is NULL') });
        continue;
      }
      if (time > maxTime) maxTime = time;
      const starts = this.advanceMs === 0 ? [tumblingWindowStart(time, this.sizeMs)] : slidingWindowStarts(time, this.sizeMs, this.advanceMs, this.starts);
      const size = this.sizeMs;
      let added = false;
      const keyValues = this.inputs.keyValues(row);
      const key = groupKeyOf(keyValues);
      for (const start of starts) {
        if (start + size <= closedBefore) continue;
        const open = this.openWindow(start, start + size);
        let state = open.groups.get(key);
        if (!state) {
          state = this.inputs.newState(keyValues);
          open.groups.set(key, state);
        }
        this.inputs.add(state, row, time);
        if (this.node.emit === 'CHANGES') changed.push({ window: open, state });
        added = true;
      }
      if (!added) this.late.add(batch, features.sourceIndex[i]!);
    }
    if (maxTime > -Infinity) this.watermark.observe(maxTime, this.clock.now());
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    const seen = new Set<GroupState>();
    for (const { window: open, state } of changed) {
      if (seen.has(state)) continue;
      seen.add(state);
      rows.push(aggregateRow(state, open.start, open.end));
      eventTimes.push(open.end);
    }
    this.close(this.watermark.watermark, rows, eventTimes);
    return { schema: this.node.schema, rows, eventTimes };
  }

  private openWindow(start: number, end: number): OpenWindow {
    let open = this.windows.get(start);
    if (!open) {
      open = { start, end, groups: new Map() };
      this.windows.set(start, open);
    }
    return open;
  }

  /** Closes every window whose end the watermark reached, oldest first; FINAL emits their rows. */
  protected close(watermark: number, rows: Row[], eventTimes: number[]): void {
    const closing = [...this.windows.values()].filter((w) => w.end <= watermark).sort((a, b) => a.start - b.start);
    for (const open of closing) {
      this.windows.delete(open.start);
      if (this.node.emit !== 'FINAL') continue;
      for (const state of open.groups.values()) {
        rows.push(aggregateRow(state, open.start, open.end));
        eventTimes.push(open.end);
      }
    }
  }
}
