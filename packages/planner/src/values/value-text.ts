import { formatIsoDate, formatIsoTimestamp, isDecimalValue, type SqlType, type SqlValue } from '@velots/core';
import { formatUnscaled } from './exact-number.js';

/**
 * SQL values written as text: what CAST(x AS STRING), `||`, CONCAT and the JSON functions produce.
 * DECIMAL keeps its scale, TIMESTAMP and DATE are ISO-8601 (UTC, no zone), composites are JSON.
 */

const utf8 = new TextDecoder();

/** Text of a DOUBLE: integers without `.0`, otherwise JavaScript's shortest round-trip form. */
export function formatDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(x);
}

/** Text of a non-null value of `type` (CAST … AS STRING). */
export function valueToText(v: SqlValue, type: SqlType): string {
  if (typeof v === 'string') return v;
  switch (type.kind) {
    case 'TIMESTAMP':
      return formatIsoTimestamp(v as number);
    case 'DATE':
      return formatIsoDate(v as number);
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return valueToJsonText(v, type);
    default:
      return untypedText(v);
  }
}

/** Text of a value whose type is not known: numbers, booleans and decimals as themselves, composites as JSON. */
export function untypedText(v: SqlValue): string {
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatDouble(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return v;
    default:
      if (isDecimalValue(v)) return formatUnscaled(v.unscaled, v.scale);
      if (v instanceof Uint8Array) return utf8.decode(v);
      return valueToJsonText(v, undefined);
  }
}

/** JSON text of a value; with its type, TIMESTAMP and DATE become ISO strings. DECIMAL and BIGINT stay exact JSON numbers. */
export function valueToJsonText(v: SqlValue, type: SqlType | undefined): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (type?.kind === 'TIMESTAMP') return JSON.stringify(formatIsoTimestamp(v));
      if (type?.kind === 'DATE') return JSON.stringify(formatIsoDate(v));
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'string':
      return JSON.stringify(v);
    default:
      break;
  }
  if (isDecimalValue(v)) return formatUnscaled(v.unscaled, v.scale);
  if (v instanceof Uint8Array) return JSON.stringify(utf8.decode(v));
  if (Array.isArray(v)) {
    const element = type?.kind === 'ARRAY' ? type.element : undefined;
    return `[${(v as readonly SqlValue[]).map((e) => valueToJsonText(e, element)).join(',')}]`;
  }
  if (v instanceof Map) {
    const valueType = type?.kind === 'MAP' ? type.value : undefined;
    const parts: string[] = [];
    for (const [k, e] of v as ReadonlyMap<SqlValue, SqlValue>) {
      parts.push(`${JSON.stringify(k === null ? 'null' : untypedText(k))}:${valueToJsonText(e, valueType)}`);
    }
    return `{${parts.join(',')}}`;
  }
  const struct = v as { readonly [f: string]: SqlValue };
  const fields = type?.kind === 'STRUCT' ? type.fields : undefined;
  return `{${Object.keys(struct)
    .map((k) => `${JSON.stringify(k)}:${valueToJsonText(struct[k] as SqlValue, fields?.find((f) => f.name === k)?.type)}`)
    .join(',')}}`;
}
