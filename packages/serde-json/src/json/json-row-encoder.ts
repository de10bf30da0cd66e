import { isDecimalValue, type Schema, type SqlType, type SqlValue } from '@velots/core';
import { Utf8Output } from '../output/utf8-output.js';
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
 * keys stored byte by byte from constants, strings, integers, epoch-ms timestamps and decimals written straight
 * into the bytes, other types through their text encoder. The row writer is generated per schema with one call
 * site per column: each site sees one writer (which the compiler inlines) where a loop over the columns would
 * make one site call every column's writer.
 */
export function compileJsonRowWriter(schema: Schema, timestampFormat: TimestampFormat = 'epoch_millis'): JsonRowWriter {
  const n = schema.fields.length;
  if (n === 0) return (_row, out) => out.text('{}\n');
  const keys = schema.names.map((name, i) => Utf8Output.constantWriter(Buffer.from(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:`, 'utf8')));
  const values = schema.fields.map((f) => compileJsonValueWriter(f.type, timestampFormat));
  const end = Utf8Output.constantWriter(Uint8Array.of(125, 10)); // }\n
  let body = '';
  for (let i = 0; i < n; i++) body += `key${i}(out);\nvalue${i}(row[${i}] ?? null, out);\n`;
  const names = [...keys.map((_, i) => `key${i}`), ...values.map((_, i) => `value${i}`), 'end'];
  const make = new Function(...names, `return function writeJsonRow(row, out) {\n${body}end(out);\n};`) as (...writers: unknown[]) => JsonRowWriter;
  return make(...keys, ...values, end);
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
