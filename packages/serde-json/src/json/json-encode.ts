import { formatIsoDate, isDecimalValue, type SqlType, type SqlValue } from '@velots/core';
import { decimalText, integerText } from '../typing/number-text.js';
import { needsJsonEscape } from '../output/utf8-output.js';

/** How TIMESTAMP values are written: epoch ms numbers (default) or ISO-8601 text. */
export type TimestampFormat = 'epoch_millis' | 'iso';

/** Writes one value as JSON text. */
export type JsonValueEncoder = (value: SqlValue) => string;

/**
 * Compiles the JSON encoder of one column type (Decisions for Velo TS 5): DECIMAL as an exact JSON number
 * at its scale, BIGINT bigints exactly, TIMESTAMP epoch ms or ISO, DATE `YYYY-MM-DD`, NULL null, nested as JSON.
 */
export function compileJsonValueEncoder(type: SqlType | undefined, timestampFormat: TimestampFormat = 'epoch_millis'): JsonValueEncoder {
  switch (type?.kind) {
    case 'DATE':
      return (v) => (typeof v === 'number' ? `"${formatIsoDate(v)}"` : encodeJsonValue(v));
    case 'TIMESTAMP':
      if (timestampFormat === 'iso') {
        return (v) => (typeof v === 'number' ? `"${new Date(v).toISOString()}"` : encodeJsonValue(v));
      }
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? integerText(v) : encodeJsonValue(v));
    case 'STRING':
      return (v) => (typeof v === 'string' ? jsonString(v) : encodeJsonValue(v));
    case 'BIGINT':
    case 'INTEGER':
    case 'INTERVAL':
      return (v) => (typeof v === 'number' ? integerText(v) : encodeJsonValue(v));
    case 'DECIMAL':
      return (v) => (v !== null && typeof v === 'object' && isDecimalValue(v) ? decimalText(v) : encodeJsonValue(v));
    case 'ARRAY': {
      const element = compileJsonValueEncoder(type.element, timestampFormat);
      return (v) => (Array.isArray(v) ? `[${(v as readonly SqlValue[]).map((x) => element(x)).join(',')}]` : encodeJsonValue(v));
    }
    case 'STRUCT': {
      const fields = type.fields.map((f) => [f.name, JSON.stringify(f.name) + ':', compileJsonValueEncoder(f.type, timestampFormat)] as const);
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map || v instanceof Uint8Array || isDecimalValue(v)) {
          return encodeJsonValue(v);
        }
        const obj = v as { readonly [field: string]: SqlValue };
        return `{${fields.map(([name, key, encode]) => key + encode(obj[name] ?? null)).join(',')}}`;
      };
    }
    case 'MAP': {
      const value = compileJsonValueEncoder(type.value, timestampFormat);
      return (v) => {
        if (!(v instanceof Map)) return encodeJsonValue(v);
        const parts: string[] = [];
        for (const [k, x] of v as ReadonlyMap<SqlValue, SqlValue>) parts.push(`${JSON.stringify(mapKeyText(k))}:${value(x)}`);
        return `{${parts.join(',')}}`;
      };
    }
    default:
      return (v) => encodeJsonValue(v);
  }
}

function mapKeyText(key: SqlValue): string {
  return typeof key === 'string' ? key : key === null ? 'null' : typeof key === 'object' && !isDecimalValue(key) ? encodeJsonValue(key) : String(key);
}

/** A JSON string literal: quotes added directly when nothing needs escaping (the common case), JSON.stringify otherwise. */
function jsonString(text: string): string {
  return needsJsonEscape(text) ? JSON.stringify(text) : '"' + text + '"';
}

/** JSON text of any value by its runtime shape (no type: DATE/TIMESTAMP numbers stay numbers). */
export function encodeJsonValue(value: SqlValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'string':
      return jsonString(value);
    default:
      break;
  }
  if (isDecimalValue(value)) return value.toString();
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
  if (Array.isArray(value)) return `[${(value as readonly SqlValue[]).map((x) => encodeJsonValue(x)).join(',')}]`;
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, x] of value as ReadonlyMap<SqlValue, SqlValue>) parts.push(`${JSON.stringify(mapKeyText(k))}:${encodeJsonValue(x)}`);
    return `{${parts.join(',')}}`;
  }
  const obj = value as { readonly [field: string]: SqlValue };
  return `{${Object.keys(obj).map((k) => `${JSON.stringify(k)}:${encodeJsonValue(obj[k] ?? null)}`).join(',')}}`;
}

