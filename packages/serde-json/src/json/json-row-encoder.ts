import type { Schema, SqlValue } from '@velots/core';
import { compileJsonValueEncoder, type JsonValueEncoder, type TimestampFormat } from './json-encode.js';

/** Writes one row as JSON text (a line with its line break, or one object). */
export type JsonRowEncoder = (row: readonly SqlValue[]) => string;

/** Compiles a row → `{"col":value,…}\n` encoder: keys JSON-encoded once, in select-list order. */
export function compileJsonRowEncoder(schema: Schema, timestampFormat: TimestampFormat = 'epoch_millis'): JsonRowEncoder {
  const object = compileJsonObjectEncoder(schema, timestampFormat);
  return (row) => object(row) + '\n';
}

/** Compiles a row → `{"col":value,…}` encoder (one JSON object, no line break): a message value, a log line. */
export function compileJsonObjectEncoder(schema: Schema, timestampFormat: TimestampFormat = 'epoch_millis'): JsonRowEncoder {
  const keys = schema.names.map((name, i) => `${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
  const values: JsonValueEncoder[] = schema.fields.map((f) => compileJsonValueEncoder(f.type, timestampFormat));
  const n = keys.length;
  if (n === 0) return () => '{}';
  return (row) => {
    let text = '';
    for (let i = 0; i < n; i++) text += (keys[i] as string) + (values[i] as JsonValueEncoder)(row[i] ?? null);
    return text + '}';
  };
}
