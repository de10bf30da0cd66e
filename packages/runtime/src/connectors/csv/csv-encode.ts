import { formatIsoDate, formatIsoTimestamp, isDecimalValue, type Schema, type SqlType, type SqlValue } from '@velots/core';
import { compileJsonValueEncoder, decimalText, integerText, type TimestampFormat } from '@velots/serde-json';

/** How the CSV sink writes TIMESTAMP values: ISO text without zone (default) or epoch ms. */
export type CsvTimestampFormat = 'iso' | 'epoch_millis';

/** Writes one row as a CSV line (with its line break). */
export type CsvRowEncoder = (row: readonly SqlValue[]) => string;

/**
 * Compiles a row → CSV line encoder (Decisions for Velo TS 5): NULL is an empty field, TIMESTAMP ISO
 * `YYYY-MM-DDTHH:MM:SS[.fff]` (UTC, no zone) so a passthrough reproduces its input, DECIMAL at its scale,
 * nested values as JSON. Quotes only when needed: the delimiter, a quote, a line break, surrounding
 * blanks (the reader trims), or an empty string (an unquoted empty field reads back as NULL).
 */
export function compileCsvRowEncoder(schema: Schema, delimiter: string, timestampFormat: CsvTimestampFormat = 'iso'): CsvRowEncoder {
  const cells = schema.fields.map((f) => compileCsvValueText(f.type, timestampFormat));
  const quoteIfNeeded = csvQuoter(delimiter);
  const n = cells.length;
  return (row) => {
    let line = '';
    for (let i = 0; i < n; i++) {
      if (i > 0) line += delimiter;
      const value = row[i] ?? null;
      if (value !== null) line += quoteIfNeeded((cells[i] as (v: SqlValue) => string)(value));
    }
    return line + '\n';
  };
}

/** The header line: the column names, quoted when needed. */
export function csvHeaderLine(schema: Schema, delimiter: string): string {
  const quote = csvQuoter(delimiter);
  return schema.names.map((name) => quote(name)).join(delimiter) + '\n';
}

/** RFC 4180 quoting, applied only to text that would not read back as itself. */
export function csvQuoter(delimiter: string): (text: string) => string {
  const d = delimiter.charCodeAt(0);
  return (text) => {
    if (text.length === 0) return '""';
    let needs = text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32 || text.charCodeAt(0) === 9 || text.charCodeAt(text.length - 1) === 9;
    for (let i = 0; !needs && i < text.length; i++) {
      const c = text.charCodeAt(i);
      needs = c === d || c === 34 || c === 10 || c === 13;
    }
    return needs ? `"${text.replace(/"/g, '""')}"` : text;
  };
}

function compileCsvValueText(type: SqlType, timestampFormat: CsvTimestampFormat): (value: SqlValue) => string {
  switch (type.kind) {
    case 'STRING':
      return (v) => (typeof v === 'string' ? v : plainText(v));
    case 'TIMESTAMP':
      return timestampFormat === 'iso' ? (v) => (typeof v === 'number' ? formatIsoTimestamp(v) : plainText(v)) : plainText;
    case 'DATE':
      return (v) => (typeof v === 'number' ? formatIsoDate(v) : plainText(v));
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT': {
      const json = compileJsonValueEncoder(type, timestampFormat === 'iso' ? 'iso' : ('epoch_millis' as TimestampFormat));
      return (v) => json(v);
    }
    case 'BYTES':
      return (v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : plainText(v));
    default:
      return plainText;
  }
}

function plainText(value: SqlValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return integerText(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (isDecimalValue(value)) return decimalText(value);
  return compileJsonValueEncoder(undefined)(value);
}
