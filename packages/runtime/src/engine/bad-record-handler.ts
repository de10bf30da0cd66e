import {
  ErrorCodes,
  VeloError,
  describeLocation,
  isVeloError,
  type BadRecord,
  type RecordBatch,
  type RecordLocation,
  type Row,
  type Schema,
} from '@velots/core';
import type { FailureStrategy } from '@velots/planner';
import type { RecordFailure } from '../operators/operator.js';
import { compileJsonObjectEncoder, type JsonRowEncoder } from '@velots/serde-json';

/** Where dead-lettered records go: one JSON line each, with the reason, source and place. */
export interface DeadLetterTarget {
  write(records: readonly BadRecord[]): Promise<void>;
}

/** Counts of what the handler did, by error code. */
export interface BadRecordCounts {
  total: number;
  skipped: number;
  deadLettered: number;
  byCode: Record<string, number>;
}

/**
 * Applies a job's failure strategy to malformed records, from sources (decode/typing errors) and from
 * operators (a failed CAST, an overflow): `skip` counts and logs the first of each kind with its place,
 * `dead_letter` writes the raw record and its reason to the dead-letter target, `fail` stops the job
 * with the record's position, and `retry` (whose retries are for sink and transient errors: a bad record
 * stays bad) falls back to the dead-letter target when one is configured, else to `skip`. Nothing is dropped without a count and a log line.
 */
export class BadRecordHandler {
  readonly counts: BadRecordCounts = { total: 0, skipped: 0, deadLettered: 0, byCode: {} };
  private readonly pending: BadRecord[] = [];
  private readonly logged = new Set<string>();

  constructor(
    private readonly jobName: string,
    private readonly strategy: FailureStrategy,
    private readonly deadLetter: DeadLetterTarget | undefined,
    private readonly warn: (message: string) => void,
    /** The job's source is a topic (Kafka): an operator failure's place is `topic[partition]@offset`. */
    private readonly sourceIsTopic = false,
  ) {}

  /** Called by sources while they read (synchronously); handled at the end of the batch. */
  readonly report = (record: BadRecord): void => {
    this.pending.push(record);
  };

  /** Turns operator failures into bad records of `sourceName`. */
  addOperatorFailures(failures: readonly RecordFailure[], sourceName: string): void {
    for (const failure of failures) {
      const cause = isVeloError(failure.error)
        ? failure.error
        : new VeloError(ErrorCodes.INTERNAL, failure.error instanceof Error ? failure.error.message : String(failure.error), { cause: failure.error });
      const location = locationOf(failure.batch, failure.index, sourceName, cause.location, this.sourceIsTopic);
      // The operator knows the expression, not the record: the reason names the record's place in its source.
      const error = new VeloError(cause.code, `${describeLocation(location)}: ${cause.message}`, { location, cause });
      const batch = failure.batch;
      this.pending.push({
        raw: rowJsonText(batch, failure.index),
        error,
        location,
        key: batch.keys?.[failure.index],
        headers: batch.headers?.[failure.index],
      });
    }
  }

  /**
   * Turns output rows that sink `sink` could not take into bad records whose reason names the sink and its error:
   * dead-lettered (dead_letter, retry), counted and logged (skip), or stopping the job (fail) at the next flush.
   */
  addSinkFailure(rows: readonly Row[], schema: Schema, sink: string, error: VeloError): void {
    const named = error.message.includes(`sink '${sink}'`) ? error.message : `sink '${sink}': ${error.message}`;
    const location: RecordLocation = { sink };
    const reason = new VeloError(ErrorCodes.SINK_WRITE, named, { location, cause: error });
    const encode = encoderOf(schema);
    for (const row of rows) this.pending.push({ raw: encode(row), error: reason, location });
  }

  /** Applies the strategy to everything reported since the last call. Throws JOB_FAILED under `fail`. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const records = this.pending.splice(0, this.pending.length);
    for (const record of records) {
      this.counts.total++;
      this.counts.byCode[record.error.code] = (this.counts.byCode[record.error.code] ?? 0) + 1;
    }
    if (this.strategy === 'fail') {
      const first = records[0] as BadRecord;
      throw new VeloError(
        ErrorCodes.JOB_FAILED,
        `job '${this.jobName}' stopped (failure_strategy = fail) at ${describeLocation(first.location)}: ${first.error.message}`,
        { location: first.location, cause: first.error },
      );
    }
    for (const record of records) this.logFirstOfKind(record);
    if (this.deadLetter && (this.strategy === 'dead_letter' || this.strategy === 'retry')) {
      await this.deadLetter.write(records);
      this.counts.deadLettered += records.length;
    } else {
      this.counts.skipped += records.length;
    }
  }

  private logFirstOfKind(record: BadRecord): void {
    const kind = record.error.code;
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    // A sink failure's reason starts with the sink it names already.
    const where = record.location.sink === undefined ? ` at ${describeLocation(record.location)}` : '';
    const action = this.deadLetter ? 'sent to the dead-letter sink' : 'skipped';
    this.warn(`job '${this.jobName}': bad record ${action} (${kind})${where}: ${record.error.message} (further ${kind} records are counted, not logged)`);
  }
}

function locationOf(batch: RecordBatch, index: number, source: string, inner: RecordLocation | undefined, sourceIsTopic: boolean): RecordLocation {
  const location: { -readonly [K in keyof RecordLocation]: RecordLocation[K] } = { source };
  // A Kafka batch names its topic; a file batch names its source, which the location holds already.
  if (sourceIsTopic) location.topic = batch.topic ?? source;
  const partition = batch.partitions?.[index];
  if (partition !== undefined) location.partition = partition;
  const offset = batch.offsets?.[index];
  if (offset !== undefined) location.offset = offset;
  return { ...location, ...(inner ?? {}) };
}

/** Each batch schema's JSON object encoder, compiled once (the project's one JSON encoder). */
const jsonEncoders = new WeakMap<Schema, JsonRowEncoder>();

/** A record of a batch as a JSON object keyed by column name (the raw text of a dead-lettered row). */
function rowJsonText(batch: RecordBatch, index: number): string {
  return encoderOf(batch.schema)(batch.rows[index] ?? []);
}

function encoderOf(schema: Schema): JsonRowEncoder {
  let encode = jsonEncoders.get(schema);
  if (!encode) jsonEncoders.set(schema, (encode = compileJsonObjectEncoder(schema)));
  return encode;
}
