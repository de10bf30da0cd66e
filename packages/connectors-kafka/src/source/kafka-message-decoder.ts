import { BatchBuilder, ErrorCodes, VeloError, isVeloError, type BadRecord, type Codec, type RecordBatch, type RecordHeaders, type RecordLocation, type Schema } from '@velots/core';
import type { EventTimeExtractor } from '@velots/runtime';
import type { IHeaders, KafkaMessage } from 'kafkajs';

const EMPTY = new Uint8Array(0);
const headerText = new TextDecoder();

/** The `_event_time` header (epoch ms as text), the event time of a record without `event.time.field`. */
function eventTimeHeader(headers: RecordHeaders | undefined): number | undefined {
  const value = headers?.['_event_time'];
  if (value === undefined) return undefined;
  const ms = Number(typeof value === 'string' ? value : headerText.decode(value));
  if (!Number.isFinite(ms)) throw new VeloError(ErrorCodes.CAST_FAILED, `header '_event_time' value '${String(value)}' is not epoch milliseconds`);
  return ms;
}

/** kafkajs headers → batch headers (a repeated header keeps its last value); undefined when there are none. */
export function headersOf(headers: IHeaders | undefined): RecordHeaders | undefined {
  if (headers === undefined) return undefined;
  let out: Record<string, string | Uint8Array> | undefined;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last === undefined) continue;
    (out ??= {})[name] = last;
  }
  return out;
}

/** What the decoder needs to know about the source. */
export interface MessageDecoderOptions {
  readonly source: string;
  readonly topic: string;
  readonly codec: Codec;
  /** The row schema: the codec's columns, plus the `key.field` column when the value lacks it. */
  readonly schema: Schema;
  /** Column that receives the message key as text (`key.field`), or -1. */
  readonly keyColumn: number;
  /** Reads the event time from a row (`event.time.field`); undefined: the `_event_time` header, else the message timestamp. */
  readonly eventTime: EventTimeExtractor | undefined;
  readonly reportBadRecord: (record: BadRecord) => void;
}

/**
 * Turns fetched Kafka messages into one record batch: the codec decodes each value into a row, metadata goes
 * into the batch's parallel arrays (key, headers, partition, offset, timestamp), and a message that cannot
 * be decoded is reported with its original key, value and headers — the batch goes on without it.
 */
export class KafkaMessageDecoder {
  private readonly builder: BatchBuilder;
  private readonly keyText = new TextDecoder();
  /** One metadata object reused for every push (BatchBuilder copies the fields out): no allocation per record. */
  private readonly meta: { timestamp: number; key: Uint8Array | null; headers: RecordHeaders | undefined; partition: number; offset: number } = {
    timestamp: 0,
    key: null,
    headers: undefined,
    partition: 0,
    offset: 0,
  };
  bytes = 0;
  badRecords = 0;

  /** Columns declared NOT NULL: a message without a value for one is a bad record. */
  private readonly requiredColumns: readonly number[];

  constructor(private readonly options: MessageDecoderOptions) {
    this.builder = new BatchBuilder(options.schema, options.topic);
    this.requiredColumns = options.schema.fields.flatMap((f, i) => (f.nullable ? [] : [i]));
  }

  /** The schema of the rows it decodes. */
  get schema(): Schema {
    return this.options.schema;
  }

  get length(): number {
    return this.builder.length;
  }

  /** Decodes one message of `partition` into the batch being built (or reports it). */
  add(partition: number, message: KafkaMessage): void {
    const { codec, keyColumn, eventTime } = this.options;
    const offset = Number(message.offset);
    const value = message.value;
    const headers = headersOf(message.headers);
    this.bytes += value === null ? 0 : value.length;
    try {
      if (value === null) throw new VeloError(ErrorCodes.SERDE_DECODE, 'message has no value (a tombstone)');
      const row = codec.decode(value, this.location(partition, offset));
      if (keyColumn >= 0) row[keyColumn] = message.key === null ? null : this.keyText.decode(message.key);
      for (const column of this.requiredColumns) if (row[column] === null || row[column] === undefined) throw this.nullNotAllowed(column);
      const timestamp = Number(message.timestamp);
      const time = eventTime ? eventTime(row) : (eventTimeHeader(headers) ?? timestamp);
      const meta = this.meta;
      meta.timestamp = timestamp;
      meta.key = message.key;
      meta.headers = headers;
      meta.partition = partition;
      meta.offset = offset;
      this.builder.push(row, time, meta);
    } catch (error) {
      this.badRecords++;
      const cause = isVeloError(error) ? error : new VeloError(ErrorCodes.SERDE_DECODE, error instanceof Error ? error.message : String(error), { cause: error });
      const location: RecordLocation = { ...this.location(partition, offset), ...(cause.location?.field ? { field: cause.location.field } : {}) };
      // The reason names the message's place (codec errors that know it already say it; field casts do not).
      const place = `${this.options.topic}[${partition}]@${offset}`;
      const reason = cause.message.includes(place) ? cause : new VeloError(cause.code, `${place}: ${cause.message}`, { location, cause });
      this.options.reportBadRecord({ raw: value ?? EMPTY, error: reason, location, key: message.key, headers });
    }
  }

  /** The batch decoded since the last call. */
  finish(): RecordBatch {
    return this.builder.finish();
  }

  private nullNotAllowed(column: number): VeloError {
    const name = this.options.schema.fields[column]?.name ?? `column ${column}`;
    return new VeloError(ErrorCodes.NULL_NOT_ALLOWED, `field '${name}' is missing or null but the column is NOT NULL`, { location: { field: name } });
  }

  private location(partition: number, offset: number): RecordLocation {
    return { source: this.options.source, topic: this.options.topic, partition, offset };
  }
}
