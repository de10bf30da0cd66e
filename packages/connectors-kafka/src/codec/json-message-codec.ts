import { ErrorCodes, Schema, VeloError, field, formatSqlType, type Codec, type RecordLocation, type Row, type SqlType } from '@velots/core';
import {
  JsonSyntaxError,
  JsonTypeAccumulator,
  NOT_A_VALUE,
  OVERFLOWS,
  compileJsonRowEncoder,
  declaredJsonConverter,
  inferredJsonConverter,
  parseJsonExact,
  type JsonConverter,
  type JsonObject,
  type JsonRowEncoder,
  type JsonValue,
} from '@velots/serde-json';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('unscaled' in value);
}

/** Parses one message value as a JSON object; SERDE_DECODE naming the place when it is not one. */
function parseObject(payload: Uint8Array, location: RecordLocation | undefined): JsonObject {
  let value: JsonValue;
  try {
    value = parseJsonExact(utf8.decode(payload));
  } catch (error) {
    const reason = error instanceof JsonSyntaxError ? `invalid JSON at character ${error.offset + 1}: ${error.message}` : `not UTF-8 text`;
    throw new VeloError(ErrorCodes.SERDE_DECODE, reason, { location, cause: error });
  }
  if (!isObject(value)) throw new VeloError(ErrorCodes.SERDE_DECODE, `expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value === 'object' && value !== null ? 'a number' : JSON.stringify(value)}`, { location });
  return value;
}

/**
 * Message values as JSON objects ⇄ rows: a column per key of the declared schema, or of the schema inferred
 * from the first messages (dialect §8: the same number rules as JSON files). A missing key is NULL.
 */
export class JsonMessageCodec implements Codec {
  readonly format = 'json';
  private readonly names: readonly string[];
  private readonly converters: readonly JsonConverter[];
  private encodeRow: JsonRowEncoder | undefined;

  private constructor(
    readonly schema: Schema,
    private readonly inferred: boolean,
  ) {
    this.names = schema.names;
    this.converters = schema.fields.map((f) => (inferred ? inferredJsonConverter(f.type) : declaredJsonConverter(f.type)));
  }

  /** A codec that casts to a declared schema. */
  static declared(schema: Schema): JsonMessageCodec {
    return new JsonMessageCodec(schema, false);
  }

  /** A codec whose columns are the union of the sampled objects' keys in first-seen order; unparsable samples are skipped. */
  static inferred(samples: readonly Uint8Array[]): JsonMessageCodec {
    const columns = new Map<string, JsonTypeAccumulator>();
    for (const payload of samples) {
      let object: JsonObject;
      try {
        object = parseObject(payload, undefined);
      } catch {
        continue;
      }
      for (const key of Object.keys(object)) {
        let acc = columns.get(key);
        if (!acc) columns.set(key, (acc = new JsonTypeAccumulator()));
        acc.add(object[key]);
      }
    }
    return new JsonMessageCodec(new Schema([...columns].map(([name, acc]) => field(name, acc.type()))), true);
  }

  decode(payload: Uint8Array, location?: RecordLocation): Row {
    const object = parseObject(payload, location);
    const n = this.names.length;
    const row: Row = new Array(n);
    for (let i = 0; i < n; i++) {
      const name = this.names[i] as string;
      const value = Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;
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

  encode(row: Row): Uint8Array {
    this.encodeRow ??= compileJsonRowEncoder(this.schema);
    const line = this.encodeRow(row);
    // The row encoder writes lines; a message value is the object without the line break.
    return encoder.encode(line.endsWith('\n') ? line.slice(0, -1) : line);
  }

  private castError(column: number, value: JsonValue, overflow: boolean, location: RecordLocation | undefined): VeloError {
    const name = this.names[column] as string;
    const type = formatSqlType(this.schema.fields[column]?.type as SqlType);
    const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value !== null && !('unscaled' in value) ? 'a nested value' : String(value);
    const hint = this.inferred ? ` (inferred from the first messages; declare the schema with CREATE STREAM … (cols))` : '';
    return new VeloError(overflow ? ErrorCodes.NUMERIC_OVERFLOW : ErrorCodes.CAST_FAILED, `field '${name}' value ${shown} ${overflow ? 'overflows' : 'cannot be cast to'} ${type}${hint}`, {
      location: { ...location, field: name },
    });
  }
}
