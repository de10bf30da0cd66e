import type { Schema, SqlValue } from '@velots/core';
import { compileJsonValueEncoder, type JsonValueEncoder, type TimestampFormat } from './json-encode.js';

/** Writes one row as a JSON object line (with its line break). */
export type JsonRowEncoder = (row: readonly SqlValue[]) => string;

/** Compiles a row → `{"col":value,…}\n` encoder: keys JSON-encoded once, in select-list order. */
export function compileJsonRowEncoder(schema: Schema, timestampFormat: TimestampFormat = 'epoch_millis'): JsonRowEncoder {
  const keys = schema.names.map((name, i) => `${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
  const values: JsonValueEncoder[] = schema.fields.map((f) => compileJsonValueEncoder(f.type, timestampFormat));
  const n = keys.length;
  if (n === 0) return () => '{}\n';
  return (row) => {
    let line = '';
    for (let i = 0; i < n; i++) line += (keys[i] as string) + (values[i] as JsonValueEncoder)(row[i] ?? null);
    return line + '}\n';
  };
}
