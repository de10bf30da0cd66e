import { ErrorCodes, VeloError, type Clock, type RecordBatch, type SqlValue, type StateValue } from '@velots/core';
import type { PhysicalAnalytic } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { AnalyticFeatureCompiler } from './analytic-features.js';
import { AnalyticWindow, settle, type ReleaseSink } from './analytic-window.js';
import { inArrivalOrder, inArrivalOrderFrom, outputBatch, type PendingRow } from './pending-output.js';
import { loadPendingRows, savePendingRows } from './pending-state.js';

/**
 * Analytic (OVER) functions, dialect §7: every input row comes out once with one column per call
 * appended (`windows[0].calls…, windows[1].calls…`), computed over the rows of its partition that
 * precede it in ORDER BY order, itself included.
 *
 * Output order: a row leaves as soon as its last value becomes known: at once, unless a call needs later
 * rows (LEAD, a FOLLOWING frame end), then when those rows arrive in its partition, when it is about to
 * fall out of its ROWS WINDOW BUFFER, when its partition expires, or at `finish()`. The rows released by
 * one input record (or by `finish()`) come out in arrival order, so the size of the micro-batches never
 * changes the output; a held row comes after later rows that did not wait and left earlier.
 * With EMIT ON BUFFER FULL a row that arrives while its partition's buffer holds fewer than n rows
 * updates the state but is not emitted (nor is a row whose expressions failed: it went to `failures`).
 */
export class AnalyticOperator implements Operator {
  readonly name = 'Analytic';
  readonly finished = false;
  private readonly features: AnalyticFeatureCompiler;
  private readonly windows: AnalyticWindow[];
  private readonly callCount: number;
  private readonly expires: boolean;
  private seq = 0;
  private newestEventTime = -Infinity;
  private lastFailures: RecordFailure[] | undefined;

  constructor(
    private readonly node: PhysicalAnalytic,
    clock: Clock,
    bounded: boolean,
  ) {
    this.features = new AnalyticFeatureCompiler(node.windows, clock);
    let offset = 0;
    this.windows = node.windows.map((plan, w) => {
      const window = new AnalyticWindow(plan, this.features.layouts[w]!, offset, bounded);
      offset += plan.calls.length;
      // Over an endless input with nothing to evict or expire rows, UNBOUNDED FOLLOWING would hold every row forever.
      if (!bounded && plan.bufferRows === undefined && plan.expireAfterMs === undefined && window.holdsUntilEnd()) {
        throw new VeloError(
          ErrorCodes.NOT_SUPPORTED,
          `analytic ${plan.calls.map((c) => c.text).join(', ')}: UNBOUNDED FOLLOWING over an unbounded input needs ROWS WINDOW BUFFER n ROWS or EXPIRE AFTER`,
        );
      }
      return window;
    });
    this.callCount = offset;
    this.expires = node.windows.some((w) => w.expireAfterMs !== undefined);
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    this.lastFailures = failures;
    const { rows, sourceIndex } = this.features.evaluate(batch, failures);
    const sink: ReleaseSink = { failures, released: [] };
    const windows = this.windows;
    const released = sink.released;
    for (let r = 0; r < rows.length; r++) {
      const from = released.length;
      const index = sourceIndex[r]!;
      const eventTime = batch.eventTimes[index]!;
      if (eventTime > this.newestEventTime) this.newestEventTime = eventTime;
      // `waiting` starts at 1 so that no window can release the row before every window has seen it.
      const pending: PendingRow = {
        seq: this.seq++,
        batch,
        index,
        values: new Array<SqlValue>(this.callCount).fill(null),
        waiting: 1,
        failed: false,
        suppressed: false,
      };
      for (let w = 0; w < windows.length; w++)
        windows[w]!.accept(rows[r]!, pending, eventTime, this.newestEventTime, sink);
      settle(pending, sink);
      if (this.expires) for (const window of windows) window.expire(this.newestEventTime, sink);
      // What one record released leaves in arrival order, as if the record had been a batch of its own.
      if (released.length - from > 1) inArrivalOrderFrom(released, from);
    }
    return this.emit(released, false);
  }

  /**
   * End of input: fills every held row from the rows its partition holds (LEAD past the end gives its
   * default). The job runner calls it without arguments; then failures join the list of the last batch.
   */
  finish(failures?: RecordFailure[]): RecordBatch | undefined {
    const sink: ReleaseSink = { failures: failures ?? this.lastFailures ?? [], released: [] };
    for (const window of this.windows) window.finish(sink);
    const batch = this.emit(sink.released);
    return batch.rows.length === 0 ? undefined : batch;
  }

  /**
   * `{ seq, newestEventTime, pending, windows }`: the arrival counter and newest event time; every row the windows
   * hold, once, in first-reference order (see savePendingRows: released rows keep almost nothing); each window's
   * partitions, rows referring to those pending rows by position.
   */
  snapshot(): StateValue {
    const positions = new Map<PendingRow, number>();
    const pending: PendingRow[] = [];
    const positionOf = (row: PendingRow): number => {
      let position = positions.get(row);
      if (position === undefined) {
        position = pending.push(row) - 1;
        positions.set(row, position);
      }
      return position;
    };
    const windows = this.windows.map((window) => window.snapshot(positionOf));
    return { seq: this.seq, newestEventTime: this.newestEventTime, pending: savePendingRows(pending), windows };
  }

  restore(state: StateValue): void {
    const saved = state as { seq: number; newestEventTime: number; pending: StateValue; windows: readonly StateValue[] };
    const pending = loadPendingRows(saved.pending, this.node.input.schema, this.callCount);
    this.windows.forEach((window, w) => window.restore(saved.windows[w]!, pending));
    this.seq = saved.seq;
    this.newestEventTime = saved.newestEventTime;
  }

  private emit(released: PendingRow[], sort = true): RecordBatch {
    const out: PendingRow[] = [];
    for (const pending of sort ? inArrivalOrder(released) : released) if (!pending.failed && !pending.suppressed) out.push(pending);
    return outputBatch(this.node.schema, out);
  }
}
