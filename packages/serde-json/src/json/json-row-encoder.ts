import { isDecimalValue, type Schema, type SqlType, type SqlValue } from '@velots/core';
import type { Utf8Output } from '../output/utf8-output.js';
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

/** Writes one row as a JSON line (with its line break) into a batch's bytes. */
export type JsonRowWriter = (row: readonly SqlValue[], out: Utf8Output) => void;

/** Writes one value of a column into a batch's bytes. */
type JsonValueWriter = (value: SqlValue, out: Utf8Output) => void;

/**
 * Compiles a row → `{"col":value,…}\n` writer producing exactly the bytes of `compileJsonRowEncoder`'s text:
 * keys pre-encoded once, strings, integers, epoch-ms timestamps and decimals written straight into the bytes,
 * other types through their text encoder.
 */
export function compileJsonRowWriter(schema: Schema, timestampFormat: TimestampFormat = 'epoch_millis'): JsonRowWriter {
  const keys = schema.names.map((name, i) => Buffer.from(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:`, 'utf8'));
  const values = schema.fields.map((f) => compileJsonValueWriter(f.type, timestampFormat));
  const n = keys.length;
  if (n === 0) return (_row, out) => out.text('{}\n');
  return (row, out) => {
    for (let i = 0; i < n; i++) {
      out.bytes(keys[i] as Buffer);
      (values[i] as JsonValueWriter)(row[i] ?? null, out);
    }
    out.byte(125); // }
    out.byte(10);
  };
}

function compileJsonValueWriter(type: SqlType, timestampFormat: TimestampFormat): JsonValueWriter {
  const text = compileJsonValueEncoder(type, timestampFormat);
  const viaText: JsonValueWriter = (v, out) => out.text(text(v));
  switch (type.kind) {
    case 'STRING':
      return (v, out) => (typeof v === 'string' ? out.jsonString(v) : viaText(v, out));
    case 'BIGINT':
    case 'INTEGER':
    case 'INTERVAL':
      return (v, out) => (typeof v === 'number' ? out.integer(v) : viaText(v, out));
    case 'TIMESTAMP':
      if (timestampFormat === 'iso') return viaText;
      return (v, out) => (typeof v === 'number' && Number.isFinite(v) ? out.integer(v) : viaText(v, out));
    case 'DECIMAL':
      return (v, out) => (v !== null && typeof v === 'object' && isDecimalValue(v) ? out.decimal(v) : viaText(v, out));
    default:
      return viaText;
  }
}
