import { ErrorCodes, Schema, VeloError, describeLocation, field, formatSqlType, type Codec, type RecordLocation, type Row, type SqlType } from '@velots/core';
import { JsonTypeAccumulator, declaredJsonConverter, inferredJsonConverter, type JsonConverter } from './json/json-cast.js';
import { compileJsonObjectEncoder, type JsonRowEncoder } from './json/json-row-encoder.js';
import { JsonSyntaxError, OBJECT_FIELDS_READ, parseJsonExact, parseJsonObjectInto, type JsonObject, type JsonValue } from './json/json-value-parser.js';
import type { TimestampFormat } from './json/json-encode.js';
import { NOT_A_VALUE, OVERFLOWS } from './typing/text-cast.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('unscaled' in value);
}

function describeJson(value: JsonValue): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'a number';
  return value === null ? 'null' : typeof value === 'string' ? 'a string' : typeof value === 'boolean' ? 'a boolean' : 'a number';
}

function decodeError(reason: string, location: RecordLocation | undefined, byteOffset: number | undefined, cause?: unknown): VeloError {
  const at: RecordLocation = byteOffset === undefined ? { ...location } : { ...location, byteOffset };
  const where = describeLocation(at);
  return new VeloError(ErrorCodes.SERDE_DECODE, `invalid JSON record${where ? ` (${where})` : ''}: ${reason}`, { location: at, cause });
}

/** Parses one payload as a JSON object; SERDE_DECODE with the byte offset of the syntax error otherwise. */
export function parseJsonObjectPayload(payload: Uint8Array, location?: RecordLocation): JsonObject {
  const text = utf8Text(payload, location);
  let value: JsonValue;
  try {
    value = parseJsonExact(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw decodeError(error.message, location, Buffer.byteLength(text.slice(0, error.offset)), error);
  }
  if (!isObject(value)) throw decodeError(`expected a JSON object, found ${describeJson(value)}`, location, 0);
  return value;
}

function utf8Text(payload: Uint8Array, location: RecordLocation | undefined): string {
  try {
    return utf8.decode(payload);
  } catch (error) {
    throw decodeError('not UTF-8 text', location, undefined, error);
  }
}

/** Reads a payload's JSON object into `values` by column, without building the object; SERDE_DECODE otherwise. */
function readObjectFields(
  payload: Uint8Array,
  columns: ReadonlyMap<string, number>,
  values: (JsonValue | undefined)[],
  location: RecordLocation | undefined,
): void {
  const text = utf8Text(payload, location);
  let top: JsonValue | typeof OBJECT_FIELDS_READ;
  try {
    top = parseJsonObjectInto(text, columns, values);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw decodeError(error.message, location, Buffer.byteLength(text.slice(0, error.offset)), error);
  }
  if (top !== OBJECT_FIELDS_READ) throw decodeError(`expected a JSON object, found ${describeJson(top)}`, location, 0);
}

/**
 * JSON objects (one per payload, e.g. a Kafka message value) ⇄ rows: a column per key of the declared schema, or
 * of the schema inferred from sample payloads (dialect §8, the same rules as JSON files); a missing key is NULL.
 * Encoding writes `{"col":value,…}` with decimals exact and bigints as numbers.
 */
export class JsonCodec implements Codec {
  readonly format = 'json';
  private readonly names: readonly string[];
  private readonly columnIndex: ReadonlyMap<string, number>;
  /** The raw JSON values of the record being decoded, by column (reused: decode is synchronous). */
  private readonly rawValues: (JsonValue | undefined)[];
  private readonly converters: readonly JsonConverter[];
  private readonly encodeObject: JsonRowEncoder;

  private constructor(
    readonly schema: Schema,
    private readonly inferred: boolean,
    timestampFormat: TimestampFormat,
  ) {
    this.names = schema.names;
    this.columnIndex = new Map(schema.names.map((name, i) => [name, i]));
    this.rawValues = new Array<JsonValue | undefined>(schema.names.length);
    this.converters = schema.fields.map((f) => (inferred ? inferredJsonConverter(f.type) : declaredJsonConverter(f.type)));
    this.encodeObject = compileJsonObjectEncoder(schema, timestampFormat);
  }

  /** A codec casting to a declared schema (CAST rules for strings, as the JSON file reader). */
  static declared(schema: Schema, timestampFormat: TimestampFormat = 'epoch_millis'): JsonCodec {
    return new JsonCodec(schema, false, timestampFormat);
  }

  /** A codec whose columns are the union of the sampled objects' keys in first-seen order; unparsable samples are skipped. */
  static inferred(samples: readonly Uint8Array[], timestampFormat: TimestampFormat = 'epoch_millis'): JsonCodec {
    const columns = new Map<string, JsonTypeAccumulator>();
    for (const payload of samples) {
      let object: JsonObject;
      try {
        object = parseJsonObjectPayload(payload);
      } catch {
        continue;
      }
      for (const key of Object.keys(object)) {
        let acc = columns.get(key);
        if (!acc) columns.set(key, (acc = new JsonTypeAccumulator()));
        acc.add(object[key]);
      }
    }
    return new JsonCodec(new Schema([...columns].map(([name, acc]) => field(name, acc.type()))), true, timestampFormat);
  }

  /** Decodes one JSON object payload; SERDE_DECODE on bad JSON, CAST_FAILED / NUMERIC_OVERFLOW naming the field. */
  decode(payload: Uint8Array, location?: RecordLocation): Row {
    const values = this.rawValues;
    values.fill(undefined);
    readObjectFields(payload, this.columnIndex, values, location);
    const n = values.length;
    const row: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const value = values[i];
      if (value === null || value === undefined) {
        row[i] = null;
        continue;
      }
      const converted = (this.converters[i] as JsonConverter)(value);
      if (converted === NOT_A_VALUE || converted === OVERFLOWS) throw this.castError(i, value, converted === OVERFLOWS, location);
      row[i] = converted;
    }
    return row;
  }

  /** Encodes one row as a JSON object (UTF-8). */
  encode(row: Row): Uint8Array {
    // Buffer.from takes small results from Node's pooled slab; TextEncoder allocates a fresh array each time.
    return Buffer.from(this.encodeObject(row), 'utf8');
  }

  private castError(column: number, value: JsonValue, overflow: boolean, location: RecordLocation | undefined): VeloError {
    const name = this.names[column] as string;
    const type = formatSqlType(this.schema.fields[column]?.type as SqlType);
    const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null && !('unscaled' in value) ? 'a nested value' : String(value);
    const hint = this.inferred ? ' (inferred from the first records; declare the schema with CREATE STREAM … (cols))' : '';
    const at: RecordLocation = { ...location, field: name };
    return new VeloError(
      overflow ? ErrorCodes.NUMERIC_OVERFLOW : ErrorCodes.CAST_FAILED,
      `field '${name}' value ${shown} ${overflow ? 'overflows' : 'cannot be cast to'} ${type}${hint}`,
      { location: at },
    );
  }
}
