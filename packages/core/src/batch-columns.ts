import type { SqlValue } from './values.js';

/** What a scaled column's tag says about one record's value. */
export const ColumnTag = {
  /** The value is `unscaled[i]` × 10^−scale (a safe-integer number; scale 0 for BIGINT and INTEGER). */
  SCALED: 0,
  /** SQL NULL. */
  NULL: 1,
  /** The value is `others[i]` as a row would hold it (a bigint past 2^53, a decimal at another scale). */
  OTHER: 2,
} as const;

/**
 * A BIGINT, INTEGER or DECIMAL column as unscaled numbers at the column type's scale, with a tag per record for
 * NULL and the values that do not fit that form (kept as they are, so nothing is rounded or widened).
 */
export interface ScaledColumn {
  readonly kind: 'scaled';
  readonly scale: number;
  readonly unscaled: Float64Array;
  /** One {@link ColumnTag} per record. */
  readonly tags: Uint8Array;
  /** The values tagged OTHER, at their record's index (other slots are empty). */
  readonly others: readonly SqlValue[];
}

/** Any other column: the values as a row holds them (STRING columns interned by the decoder). */
export interface ValueColumn {
  readonly kind: 'values';
  readonly values: readonly SqlValue[];
  /**
   * For a STRING column its decoder interned: `ids[i]` ≥ 0 says `values[i]` is `dictionary[ids[i]]` (an id stands for
   * one string for as long as the same dictionary array comes), −1 that it is not in the dictionary.
   */
  readonly ids?: Int32Array | undefined;
  readonly dictionary?: readonly string[] | undefined;
}

/** One column of a columnar batch. */
export type ColumnVector = ScaledColumn | ValueColumn;

/**
 * The columnar form of a batch: one vector per schema column, `length` records. A batch that carries it still
 * answers `rows` (built from the vectors on first use), so an operator that reads rows works unchanged.
 */
export interface BatchColumns {
  readonly length: number;
  readonly vectors: readonly ColumnVector[];
  /** The event time of every record, when they all have the same one (then `eventTimes` is built only if read). */
  readonly eventTime?: number | undefined;
}
