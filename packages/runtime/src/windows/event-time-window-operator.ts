import type { Clock, RecordBatch, Row, StateValue } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { AggregateInputs } from './aggregate-inputs.js';
import { LateRecords } from './late-records.js';
import { WatermarkTracker } from './watermark-tracker.js';

/**
 * What every event-time window aggregate shares: its compiled inputs, its watermark, its late records,
 * and the end of a bounded input (the watermark jumps to +∞ and every open window closes).
 */
export abstract class EventTimeWindowOperator implements Operator {
  abstract readonly name: string;
  readonly finished = false;
  protected readonly inputs: AggregateInputs;
  protected readonly watermark: WatermarkTracker;
  protected readonly late = new LateRecords();

  constructor(
    protected readonly node: PhysicalAggregate,
    protected readonly clock: Clock,
    inputCount = 1,
  ) {
    this.inputs = new AggregateInputs(node, clock);
    this.watermark = new WatermarkTracker(node.watermark.maxOutOfOrdernessMs, inputCount, node.watermark.idleTimeoutMs ?? 0);
  }

  readFrom(input: number, caughtUp: boolean, now: number, caughtUpPartitions?: readonly number[], partitions?: readonly number[]): void {
    this.watermark.select(input);
    this.watermark.markCaughtUp(caughtUp, now, caughtUpPartitions, partitions);
  }

  endInput(input: number): void {
    this.watermark.endInput(input);
  }

  abstract process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch;

  /** Keys held in open windows (sessions, or windows × groups). */
  abstract stateEntries(): number;

  currentWatermark(): number {
    return this.watermark.watermark;
  }

  /** Closes whatever the watermark has reached, appending the emitted rows (FINAL) to `rows`. */
  protected abstract close(watermark: number, rows: Row[], eventTimes: number[]): void;

  /** Appends the rows of the windows and groups changed since the last call (EMIT CHANGES), in first-change order. */
  protected abstract drainChanges(rows: Row[], eventTimes: number[]): void;

  emitChanges(): RecordBatch | undefined {
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    this.drainChanges(rows, eventTimes);
    return rows.length > 0 ? { schema: this.node.schema, rows, eventTimes } : undefined;
  }

  /** The input has been silent: processing time advances the watermark; emits what that closes. */
  onIdle(): RecordBatch | undefined {
    this.watermark.advanceIdle(this.clock.now());
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    this.close(this.watermark.watermark, rows, eventTimes);
    return rows.length > 0 ? { schema: this.node.schema, rows, eventTimes } : undefined;
  }

  /** The checkpoint state: the watermark, late records not drained yet, and the open windows (`saveWindows`). */
  snapshot(): StateValue {
    return { watermark: this.watermark.snapshot(), late: this.late.snapshot(), windows: this.saveWindows() };
  }

  restore(state: StateValue): void {
    const saved = state as { watermark: StateValue; late: StateValue; windows: StateValue };
    this.watermark.restore(saved.watermark);
    this.late.restore(saved.late, this.node.input.schema);
    this.loadWindows(saved.windows);
  }

  /** The open windows (or sessions), their groups and pending changes, as a checkpoint holds them. */
  protected abstract saveWindows(): StateValue;

  /** Replaces the open windows with ones `saveWindows` returned (the operator is fresh). */
  protected abstract loadWindows(saved: StateValue): void;

  drainLate(): RecordBatch | undefined {
    return this.late.drain();
  }

  finish(): RecordBatch | undefined {
    this.watermark.end();
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    this.drainChanges(rows, eventTimes);
    this.close(Infinity, rows, eventTimes);
    return rows.length > 0 ? { schema: this.node.schema, rows, eventTimes } : undefined;
  }
}
