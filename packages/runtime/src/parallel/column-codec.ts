import type { Row, SqlValue } from '@velots/core';
import { Decimal } from '@velots/decimal';

/**
 * A compact, column-wise form of rows for posting to another thread: numbers and small decimals as Float64Arrays
 * (moved, not copied), strings joined into one string, anything else as a structured-clone array. Structured
 * clone of row arrays costs per value and drops the Decimal prototype; this costs per column.
 */
export type EncodedColumn =
  | { readonly kind: 'number'; readonly values: Float64Array }
  | { readonly kind: 'decimal'; readonly unscaled: Float64Array; readonly scale: number }
  | { readonly kind: 'string'; readonly joined: string }
  | { readonly kind: 'values'; readonly values: SqlValue[] }
  /** A column the receiver never reads: not sent, NULL on arrival. */
  | { readonly kind: 'unread' };

export interface EncodedRows {
  readonly count: number;
  readonly width: number;
  readonly columns: readonly EncodedColumn[];
}

/** Separates strings in a joined column; a column holding it anywhere is sent as values instead. */
const SEPARATOR = '\u0000';

/**
 * Encodes the rows at `indexes` of `rows`; `transfer` receives the buffers to move. Columns `read` leaves out are
 * not sent (undefined: every column is).
 */
export function encodeRows(rows: readonly Row[], indexes: readonly number[], width: number, transfer: ArrayBuffer[], read?: ReadonlySet<number>): EncodedRows {
  const columns: EncodedColumn[] = [];
  for (let c = 0; c < width; c++) columns.push(read === undefined || read.has(c) ? encodeColumn(rows, indexes, c, transfer) : { kind: 'unread' });
  return { count: indexes.length, width, columns };
}

function encodeColumn(rows: readonly Row[], indexes: readonly number[], c: number, transfer: ArrayBuffer[]): EncodedColumn {
  const first = indexes.length > 0 ? rows[indexes[0]!]![c] : null;
  if (typeof first === 'number') {
    const values = new Float64Array(indexes.length);
    for (let j = 0; j < indexes.length; j++) {
      const value = rows[indexes[j]!]![c];
      if (typeof value !== 'number') return valuesOf(rows, indexes, c);
      values[j] = value;
    }
    transfer.push(values.buffer);
    return { kind: 'number', values };
  }
  if (typeof first === 'string') {
    const parts = new Array<string>(indexes.length);
    for (let j = 0; j < indexes.length; j++) {
      const value = rows[indexes[j]!]![c];
      if (typeof value !== 'string' || value.includes(SEPARATOR)) return valuesOf(rows, indexes, c);
      parts[j] = value;
    }
    return { kind: 'string', joined: parts.join(SEPARATOR) };
  }
  if (first instanceof Decimal && typeof first.unscaled === 'number') {
    const scale = first.scale;
    const unscaled = new Float64Array(indexes.length);
    for (let j = 0; j < indexes.length; j++) {
      const value = rows[indexes[j]!]![c];
      if (!(value instanceof Decimal) || typeof value.unscaled !== 'number' || value.scale !== scale) return valuesOf(rows, indexes, c);
      unscaled[j] = value.unscaled;
    }
    transfer.push(unscaled.buffer);
    return { kind: 'decimal', unscaled, scale };
  }
  return valuesOf(rows, indexes, c);
}

function valuesOf(rows: readonly Row[], indexes: readonly number[], c: number): EncodedColumn {
  const values = new Array<SqlValue>(indexes.length);
  for (let j = 0; j < indexes.length; j++) values[j] = rows[indexes[j]!]![c] ?? null;
  return { kind: 'values', values };
}

/** The rows an `encodeRows` made, rebuilt (decimals as Decimal again). */
export function decodeRows(encoded: EncodedRows, revive: (value: SqlValue) => SqlValue): Row[] {
  const rows: Row[] = new Array<Row>(encoded.count);
  for (let j = 0; j < encoded.count; j++) rows[j] = new Array<SqlValue>(encoded.width);
  encoded.columns.forEach((column, c) => {
    switch (column.kind) {
      case 'number':
        for (let j = 0; j < encoded.count; j++) rows[j]![c] = column.values[j]!;
        return;
      case 'decimal':
        for (let j = 0; j < encoded.count; j++) rows[j]![c] = Decimal.fromUnscaled(column.unscaled[j]!, column.scale);
        return;
      case 'string': {
        const parts = encoded.count === 0 ? [] : column.joined.split(SEPARATOR);
        for (let j = 0; j < encoded.count; j++) rows[j]![c] = parts[j]!;
        return;
      }
      case 'unread':
        for (let j = 0; j < encoded.count; j++) rows[j]![c] = null;
        return;
      case 'values':
        for (let j = 0; j < encoded.count; j++) {
          const value = column.values[j]!;
          rows[j]![c] = typeof value === 'object' && value !== null ? revive(value) : value;
        }
    }
  });
  return rows;
}
