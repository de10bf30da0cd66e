import { ColumnTag, type BatchColumns, type ColumnVector, type Row, type Schema, type SqlType, type SqlValue } from '@velots/core';
import { Decimal } from '@velots/decimal';

/** A scaled column being filled (the vector type with writable arrays). */
export interface ScaledColumnBuilder {
  readonly kind: 'scaled';
  readonly scale: number;
  readonly unscaled: Float64Array;
  readonly tags: Uint8Array;
  readonly others: SqlValue[];
}

/** A value column being filled. */
export interface ValueColumnBuilder {
  readonly kind: 'values';
  readonly values: SqlValue[];
  /** STRING columns: the dictionary id of each value (−1: none), see ValueColumn. */
  readonly ids: Int32Array | undefined;
  dictionary: readonly string[] | undefined;
}

/** One column vector being filled. */
export type ColumnBuilder = ScaledColumnBuilder | ValueColumnBuilder;

/** The scale of a column kept as unscaled numbers (BIGINT, INTEGER: 0; DECIMAL: its scale), or undefined for a value column. */
export function scaledColumnScale(type: SqlType): number | undefined {
  if (type.kind === 'BIGINT' || type.kind === 'INTEGER') return 0;
  return type.kind === 'DECIMAL' ? type.scale : undefined;
}

/**
 * Fills the column vectors of one batch of at most `capacity` records: decoders write record `length` in place
 * (see csv-column-writer.ts) and then `commit`; rows (the inference sample, records with an event-time column)
 * are appended by value with `appendRow`, tagged as a decoder would tag them.
 */
export class ColumnBatchBuilder {
  length = 0;
  readonly vectors: ColumnBuilder[];

  constructor(
    private readonly types: readonly SqlType[],
    readonly capacity: number,
  ) {
    this.vectors = types.map((type): ColumnBuilder => {
      const scale = scaledColumnScale(type);
      return scale === undefined
        ? { kind: 'values', values: new Array<SqlValue>(capacity), ids: type.kind === 'STRING' ? new Int32Array(capacity) : undefined, dictionary: undefined }
        : { kind: 'scaled', scale, unscaled: new Float64Array(capacity), tags: new Uint8Array(capacity), others: [] };
    });
  }

  /** Counts the record a decoder wrote at index `length`. */
  commit(): void {
    this.length++;
  }

  /** Appends a row's values. */
  appendRow(row: Row): void {
    const at = this.length++;
    for (let c = 0; c < this.vectors.length; c++) {
      const vector = this.vectors[c]!;
      const value = row[c] ?? null;
      if (vector.kind === 'scaled') storeScaled(vector, at, value);
      else {
        vector.values[at] = value;
        if (vector.ids !== undefined) vector.ids[at] = -1;
      }
    }
  }

  /** The vectors of the records written (the arrays are handed over: a builder fills one batch). */
  finish(): BatchColumns {
    return { length: this.length, vectors: this.vectors };
  }
}

/** Stores `value` (a number, bigint, decimal or NULL of the column's type) at `at`, tagged. */
export function storeScaled(vector: ScaledColumnBuilder, at: number, value: SqlValue): void {
  if (value === null) {
    vector.tags[at] = ColumnTag.NULL;
    return;
  }
  const scaled = typeof value === 'number' ? (vector.scale === 0 ? value : undefined) : isDecimalAt(value, vector.scale);
  if (scaled === undefined) {
    vector.tags[at] = ColumnTag.OTHER;
    vector.others[at] = value;
  } else {
    vector.tags[at] = ColumnTag.SCALED;
    vector.unscaled[at] = scaled;
  }
}

/** The unscaled number of a decimal value at `scale`, or undefined when it is not one. */
function isDecimalAt(value: SqlValue, scale: number): number | undefined {
  if (typeof value !== 'object' || value === null || !('unscaled' in value)) return undefined;
  return typeof value.unscaled === 'number' && value.scale === scale ? value.unscaled : undefined;
}

/** The value of record `i` of a column vector, as a row holds it (a DECIMAL number form becomes a decimal again). */
export function valueAt(vector: ColumnVector, i: number, type: SqlType): SqlValue {
  if (vector.kind === 'values') return vector.values[i] ?? null;
  const tag = vector.tags[i];
  if (tag === ColumnTag.NULL) return null;
  if (tag === ColumnTag.OTHER) return vector.others[i] ?? null;
  const unscaled = vector.unscaled[i]!;
  return type.kind === 'DECIMAL' ? Decimal.fromUnscaled(unscaled, vector.scale) : unscaled;
}

/** The rows of a columnar batch (what `RecordBatch.rows` gives when someone reads it). */
export function rowsOfColumns(schema: Schema, columns: BatchColumns): Row[] {
  const types = schema.fields.map((f) => f.type);
  const rows: Row[] = new Array<Row>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const row: Row = [];
    for (let c = 0; c < types.length; c++) row.push(valueAt(columns.vectors[c]!, i, types[c]!));
    rows[i] = row;
  }
  return rows;
}
