import { ErrorCodes, VeloError } from './errors.js';
import type { Schema } from './schema.js';
import type { BatchColumns } from './batch-columns.js';
import type { RecordHeaders, Row } from './values.js';

/**
 * Record batches are the unit of work between sources, operators and sinks: many records per
 * async step, never a promise per record. Rows are positional (index = column number fixed at plan
 * time). Per-record metadata lives in parallel arrays so a row stays a plain array of values.
 */
export interface RecordBatch {
  readonly schema: Schema;
  readonly rows: readonly Row[];
  /** Event time of each record, epoch ms. */
  readonly eventTimes: readonly number[];
  /** Record time of each record (Kafka CreateTime, file read time), epoch ms; event times when absent. */
  readonly timestamps?: readonly number[] | undefined;
  /** Message key of each record (Kafka), or null. */
  readonly keys?: readonly (string | Uint8Array | null)[] | undefined;
  /** Headers of each record, or undefined. */
  readonly headers?: readonly (RecordHeaders | undefined)[] | undefined;
  /** Partition of each record (0 for files). */
  readonly partitions?: readonly number[] | undefined;
  /** Offset of each record (Kafka offset, or the record index of a file). */
  readonly offsets?: readonly number[] | undefined;
  /** Topic or source name all records of the batch came from. */
  readonly topic?: string | undefined;
  /**
   * The same records as column vectors, when the source decoded them so (for an operator that reads columns,
   * chosen at plan time); `rows` then is built from them on first read.
   */
  readonly columns?: BatchColumns | undefined;
}

/** Per-record metadata accepted by BatchBuilder.push; every field optional. */
export interface RecordMetadata {
  readonly timestamp?: number | undefined;
  readonly key?: string | Uint8Array | null | undefined;
  readonly headers?: RecordHeaders | undefined;
  readonly partition?: number | undefined;
  readonly offset?: number | undefined;
}

/** Number of records in a batch. */
export function batchSize(batch: RecordBatch): number {
  return batch.columns !== undefined ? batch.columns.length : batch.rows.length;
}

/** A batch of `rows` with `eventTimes` (all 0 when omitted); throws INVALID_ARGUMENT when the lengths differ. */
export function createBatch(schema: Schema, rows: readonly Row[], eventTimes?: readonly number[]): RecordBatch {
  // Parallel arrays of different lengths would hand later records an undefined event time, far from the cause.
  if (eventTimes !== undefined && eventTimes.length !== rows.length) {
    throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `createBatch got ${rows.length} rows but ${eventTimes.length} event times`);
  }
  return { schema, rows, eventTimes: eventTimes ?? new Array<number>(rows.length).fill(0) };
}

/** An empty batch of `schema`, e.g. to report idleness without records. */
export function emptyBatch(schema: Schema): RecordBatch {
  return { schema, rows: [], eventTimes: [] };
}

/**
 * Accumulates records into a batch. Metadata arrays are only allocated once some record uses them,
 * so a plain file batch carries rows and event times only.
 */
export class BatchBuilder {
  private rows: Row[] = [];
  private eventTimes: number[] = [];
  private timestamps: number[] | undefined;
  private keys: (string | Uint8Array | null)[] | undefined;
  private headers: (RecordHeaders | undefined)[] | undefined;
  private partitions: number[] | undefined;
  private offsets: number[] | undefined;

  constructor(
    readonly schema: Schema,
    private readonly topic?: string,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  /** Appends one record. */
  push(row: Row, eventTime: number, meta?: RecordMetadata): void {
    const i = this.rows.length;
    this.rows.push(row);
    this.eventTimes.push(eventTime);
    if (meta === undefined) {
      this.padMetadata(i);
      return;
    }
    if (meta.timestamp !== undefined) (this.timestamps ??= this.filled(i, eventTime)).push(meta.timestamp);
    if (meta.key !== undefined) (this.keys ??= new Array<string | Uint8Array | null>(i).fill(null)).push(meta.key);
    if (meta.headers !== undefined) (this.headers ??= new Array<RecordHeaders | undefined>(i).fill(undefined)).push(meta.headers);
    if (meta.partition !== undefined) (this.partitions ??= new Array<number>(i).fill(0)).push(meta.partition);
    if (meta.offset !== undefined) (this.offsets ??= this.filledIndexes(i)).push(meta.offset);
    this.padMetadata(i);
  }

  /** Returns the batch built so far and starts a new one. */
  finish(): RecordBatch {
    const batch: RecordBatch = {
      schema: this.schema,
      rows: this.rows,
      eventTimes: this.eventTimes,
      timestamps: this.timestamps,
      keys: this.keys,
      headers: this.headers,
      partitions: this.partitions,
      offsets: this.offsets,
      topic: this.topic,
    };
    this.rows = [];
    this.eventTimes = [];
    this.timestamps = this.keys = this.headers = this.partitions = this.offsets = undefined;
    return batch;
  }

  /** Keeps every allocated metadata array as long as the rows, filling the gap the last push left. */
  private padMetadata(i: number): void {
    const n = i + 1;
    if (this.timestamps && this.timestamps.length < n) this.timestamps.push(this.eventTimes[i] ?? 0);
    if (this.keys && this.keys.length < n) this.keys.push(null);
    if (this.headers && this.headers.length < n) this.headers.push(undefined);
    if (this.partitions && this.partitions.length < n) this.partitions.push(0);
    if (this.offsets && this.offsets.length < n) this.offsets.push(i);
  }

  private filled(count: number, fallback: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < count; j++) out.push(this.eventTimes[j] ?? fallback);
    return out;
  }

  private filledIndexes(count: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < count; j++) out.push(j);
    return out;
  }
}
