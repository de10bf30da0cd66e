import { ErrorCodes, VeloError, isDecimalValue, type Row, type Schema, type SqlValue } from '@velots/core';

/** Builds a row's message key: null without key columns. */
export type MessageKeyBuilder = (row: Row) => string | null;

function keyPart(value: SqlValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (isDecimalValue(value)) return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Map ? Object.fromEntries(v) : v));
  return String(value);
}

/**
 * The message key of each output row (dialect §3 "Sink naming"): the key columns' values as text, compound
 * keys joined with `|` (`US|Widget`); null when there are no key columns. CONFIG when a column is not output.
 */
export function compileMessageKey(schema: Schema, keyColumns: readonly string[], owner: string): MessageKeyBuilder {
  const indexes = keyColumns.map((name) => {
    const index = schema.indexOf(name);
    if (index === -1) throw new VeloError(ErrorCodes.CONFIG, `${owner}: key column '${name}' is not an output column (columns: ${schema.names.join(', ')})`);
    return index;
  });
  if (indexes.length === 0) return () => null;
  if (indexes.length === 1) {
    const only = indexes[0] as number;
    return (row) => {
      const value = row[only] ?? null;
      return value === null ? null : keyPart(value);
    };
  }
  return (row) => indexes.map((i) => keyPart(row[i] ?? null)).join('|');
}
