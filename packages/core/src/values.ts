/**
 * The shape of an exact decimal value as every layer sees it. `@velots/decimal`'s `Decimal`
 * implements it; core only names the shape so that rows can be typed without a dependency.
 * `unscaled` is a number while |unscaled| < 2^53 and a bigint beyond; value = unscaled × 10^−scale.
 */
export interface DecimalValue {
  readonly unscaled: number | bigint;
  readonly scale: number;
  toString(): string;
}

/** True when `value` has the DecimalValue shape. */
export function isDecimalValue(value: unknown): value is DecimalValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { unscaled?: unknown; scale?: unknown };
  return (typeof v.unscaled === 'number' || typeof v.unscaled === 'bigint') && typeof v.scale === 'number';
}

/**
 * A value in a row. By type: BOOLEAN boolean; INTEGER/DOUBLE/DATE (days)/TIMESTAMP (epoch ms)/INTERVAL (ms) number;
 * BIGINT number, or bigint when beyond ±(2^53 − 1); DECIMAL DecimalValue; STRING string; BYTES Uint8Array;
 * ARRAY array; MAP Map; STRUCT plain object. SQL NULL is `null`.
 */
export type SqlValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | DecimalValue
  | readonly SqlValue[]
  | ReadonlyMap<SqlValue, SqlValue>
  | { readonly [field: string]: SqlValue };

/** A positional row: index i holds the value of schema field i. Mutable so operators can fill reused buffers. */
export type Row = SqlValue[];

/** Kafka-style record headers; values are bytes or text (kafkajs gives Buffers). */
export type RecordHeaders = Readonly<Record<string, string | Uint8Array | undefined>>;
