import type { RecordBatch } from '@velots/core';
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

  private flushCurrent(): void {
    if (this.batch && this.indexes.length > 0) this.pending.push(selectRecords(this.batch, this.indexes));
    this.batch = undefined;
    this.indexes = [];
  }
}
