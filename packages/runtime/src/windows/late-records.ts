import type { RecordBatch, Row, Schema, StateValue } from '@velots/core';
import { selectRecords } from '../operators/select-records.js';

/**
 * Input records a window operator could not add because all their windows had closed. Kept as
 * (batch, index) pairs until the job drains them to the late-data sink or counts them.
 */
export class LateRecords {
  private batch: RecordBatch | undefined;
  private indexes: number[] = [];
  private pending: RecordBatch[] = [];

  /** Record `index` of `batch` (the operator's input batch) is late. */
  add(batch: RecordBatch, index: number): void {
    if (this.batch !== batch) this.flushCurrent();
    this.batch = batch;
    this.indexes.push(index);
  }

  /** Everything late since the last drain, as one batch of the operator's input records. */
  drain(): RecordBatch | undefined {
    this.flushCurrent();
    if (this.pending.length === 0) return undefined;
    const batches = this.pending;
    this.pending = [];
    if (batches.length === 1) return batches[0];
    const first = batches[0]!;
    return {
      schema: first.schema,
      rows: batches.flatMap((b) => b.rows),
      eventTimes: batches.flatMap((b) => b.eventTimes),
    };
  }

  /** Late records not drained yet (none between batches of a job, which drains after each): `[rows, eventTimes]`. */
  snapshot(): StateValue {
    this.flushCurrent();
    return [this.pending.flatMap((b) => b.rows.map((row) => row.slice())), Float64Array.from(this.pending.flatMap((b) => b.eventTimes))];
  }

  /** Replaces the late records with ones `snapshot` returned, as records of `schema` (the operator's input). */
  restore(state: StateValue, schema: Schema): void {
    const [rows, eventTimes] = state as readonly [readonly Row[], Float64Array];
    this.batch = undefined;
    this.indexes = [];
    this.pending = rows.length === 0 ? [] : [{ schema, rows: rows.slice(), eventTimes: Array.from(eventTimes) }];
  }

  private flushCurrent(): void {
    if (this.batch && this.indexes.length > 0) this.pending.push(selectRecords(this.batch, this.indexes));
    this.batch = undefined;
    this.indexes = [];
  }
}
