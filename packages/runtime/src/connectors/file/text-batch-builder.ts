import type { BatchColumns, RecordBatch, Row, Schema } from '@velots/core';
import { ColumnBatchBuilder, rowsOfColumns } from '../../columnar/column-batch-builder.js';

/**
 * The batch a text source fills. The read time and partition are the same for every record of a batch, the
 * event time usually is the read time, and record indexes usually run on without a gap: per record only the
 * row is appended, and `eventTimes` / `offsets` become arrays of their own only once a record breaks that
 * pattern (an event-time column, a bad record skipped). `finish` fills in the rest, so the batch has the
 * arrays the general BatchBuilder gives (which appends five metadata arrays and checks each one per record).
 * Given a `capacity` for columns, it fills column vectors instead of rows (`columns`, written by a columnar
 * decoder and committed with `pushColumns`; rows pushed are appended by value), and its batch carries them.
 */
export class TextBatchBuilder {
  private rows: Row[] = [];
  private eventTimes: number[] | undefined;
  private offsets: number[] | undefined;
  private firstOffset = 0;
  /** The column vectors being filled, in columnar mode. */
  readonly columns: ColumnBatchBuilder | undefined;

  constructor(
    private readonly schema: Schema,
    private readonly topic: string,
    private readonly readTime: number,
    columnCapacity?: number,
  ) {
    this.columns = columnCapacity === undefined ? undefined : new ColumnBatchBuilder(schema.fields.map((f) => f.type), columnCapacity);
  }

  get length(): number {
    return this.columns !== undefined ? this.columns.length : this.rows.length;
  }

  /** Appends one record: its row, event time and record index (`_offset`). */
  push(row: Row, eventTime: number, offset: number): void {
    const i = this.length;
    if (this.columns !== undefined) this.columns.appendRow(row);
    else this.rows.push(row);
    this.pushMetadata(i, eventTime, offset);
  }

  /** Appends the metadata of the record a columnar decoder just committed into `columns`. */
  pushColumns(eventTime: number, offset: number): void {
    this.pushMetadata(this.length - 1, eventTime, offset);
  }

  /** Appends the metadata of the `count` records a columnar scanner just committed, with record indexes from `firstOffset`. */
  pushColumnRun(count: number, eventTime: number, firstOffset: number): void {
    const first = this.length - count;
    if (first === 0) this.firstOffset = firstOffset;
    // The usual run: the read time and record indexes running on, which `finish` fills in without arrays.
    const usual = this.eventTimes === undefined && this.offsets === undefined && Object.is(eventTime, this.readTime) && firstOffset === this.firstOffset + first;
    if (usual) return;
    for (let k = 0; k < count; k++) this.pushMetadata(first + k, eventTime, firstOffset + k);
  }

  private pushMetadata(i: number, eventTime: number, offset: number): void {
    if (i === 0) this.firstOffset = offset;
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
    const n = this.length;
    if (n === 0) return { schema: this.schema, rows: this.rows, eventTimes: [], topic: this.topic };
    if (this.columns !== undefined) return this.columnarBatch(this.columns.finish(), n);
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

  /**
   * A batch of `columns` whose `rows` are built from them the first time something reads them; likewise the
   * metadata arrays a columnar consumer does not read (`_timestamp`, `_offset`, and the event times when they are all
   * the read time).
   */
  private columnarBatch(columns: BatchColumns, n: number): RecordBatch {
    const { schema, readTime, firstOffset } = this;
    const offsets = this.offsets;
    const eventTimes = this.eventTimes;
    let rows: Row[] | undefined;
    let timestamps: number[] | undefined;
    let eventTimesMade: number[] | undefined;
    let offsetsMade: number[] | undefined;
    return {
      schema,
      get rows(): readonly Row[] {
        return (rows ??= rowsOfColumns(schema, columns));
      },
      // Every record read at the read time: the vectors say so once.
      columns: eventTimes === undefined ? { ...columns, eventTime: readTime } : columns,
      get eventTimes(): readonly number[] {
        return eventTimes ?? (eventTimesMade ??= new Array<number>(n).fill(readTime));
      },
      get timestamps(): readonly number[] {
        return (timestamps ??= repeated(readTime, n));
      },
      keys: undefined,
      headers: undefined,
      // One partition (0): the columnar consumer reads none, and no array says it per record.
      partitions: undefined,
      get offsets(): readonly number[] {
        return offsets ?? (offsetsMade ??= ascending(firstOffset, n));
      },
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
