import type { RecordBatch, Row, Schema } from '@velots/core';

/**
 * The batch a text source fills: per record only the row, its event time and its record index are appended;
 * the read time and partition, the same for the whole batch, are filled in once by `finish` (the general
 * BatchBuilder appends five metadata arrays and checks each one per record).
 */
export class TextBatchBuilder {
  private rows: Row[] = [];
  private eventTimes: number[] = [];
  private offsets: number[] = [];

  constructor(
    private readonly schema: Schema,
    private readonly topic: string,
    private readonly readTime: number,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  /** Appends one record: its row, event time and record index (`_offset`). */
  push(row: Row, eventTime: number, offset: number): void {
    this.rows.push(row);
    this.eventTimes.push(eventTime);
    this.offsets.push(offset);
  }

  /** The batch: `_timestamp` is the read time and `_partition` 0 for every record (no metadata arrays when empty). */
  finish(): RecordBatch {
    const n = this.rows.length;
    if (n === 0) return { schema: this.schema, rows: this.rows, eventTimes: this.eventTimes, topic: this.topic };
    const timestamps: number[] = [];
    const partitions: number[] = [];
    for (let i = 0; i < n; i++) {
      timestamps.push(this.readTime);
      partitions.push(0);
    }
    return {
      schema: this.schema,
      rows: this.rows,
      eventTimes: this.eventTimes,
      timestamps,
      keys: undefined,
      headers: undefined,
      partitions,
      offsets: this.offsets,
      topic: this.topic,
    };
  }
}
