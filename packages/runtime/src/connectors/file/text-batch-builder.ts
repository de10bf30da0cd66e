import type { RecordBatch, Row, Schema } from '@velots/core';

/**
 * The batch a text source fills. The read time and partition are the same for every record of a batch, the
 * event time usually is the read time, and record indexes usually run on without a gap: per record only the
 * row is appended, and `eventTimes` / `offsets` become arrays of their own only once a record breaks that
 * pattern (an event-time column, a bad record skipped). `finish` fills in the rest, so the batch has the
 * arrays the general BatchBuilder gives (which appends five metadata arrays and checks each one per record).
 */
export class TextBatchBuilder {
  private rows: Row[] = [];
  private eventTimes: number[] | undefined;
  private offsets: number[] | undefined;
  private firstOffset = 0;

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
    const i = this.rows.length;
    if (i === 0) this.firstOffset = offset;
    this.rows.push(row);
    if (this.eventTimes !== undefined) this.eventTimes.push(eventTime);
    else if (!Object.is(eventTime, this.readTime)) (this.eventTimes = repeated(this.readTime, i)).push(eventTime);
    if (this.offsets !== undefined) this.offsets.push(offset);
    else if (offset !== this.firstOffset + i) (this.offsets = ascending(this.firstOffset, i)).push(offset);
  }

  /** Appends records `firstOffset`, `firstOffset + 1`, … whose rows are `rows`, all with event time `eventTime`. */
  pushRun(rows: readonly Row[], eventTime: number, firstOffset: number): void {
    for (let k = 0; k < rows.length; k++) this.push(rows[k] as Row, eventTime, firstOffset + k);
  }

  /** The batch: `_timestamp` is the read time and `_partition` 0 for every record (no metadata arrays when empty). */
  finish(): RecordBatch {
    const n = this.rows.length;
    if (n === 0) return { schema: this.schema, rows: this.rows, eventTimes: [], topic: this.topic };
    return {
      schema: this.schema,
      rows: this.rows,
      eventTimes: this.eventTimes ?? repeated(this.readTime, n),
      timestamps: repeated(this.readTime, n),
      keys: undefined,
      headers: undefined,
      partitions: repeated(0, n),
      offsets: this.offsets ?? ascending(this.firstOffset, n),
      topic: this.topic,
    };
  }
}

/** Zeros to copy from: a native slice (and fill) makes a packed array without a push per element. */
let zeros: number[] = [0];

/** `count` copies of `value`, as a packed array of its own. */
function repeated(value: number, count: number): number[] {
  while (zeros.length < count) zeros = zeros.concat(zeros);
  const out = zeros.slice(0, count);
  return value === 0 ? out : out.fill(value);
}

/** `from`, `from + 1`, … (`count` numbers), as a packed array. */
function ascending(from: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(from + i);
  return out;
}
