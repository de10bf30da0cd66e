import type { DecimalValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { normalizeBigint } from './integer.js';

/** The one place that builds `@velots/decimal` values: unscaled × 10^−scale, exactly (NUMERIC_OVERFLOW past 38 digits). */
export function makeDecimal(unscaled: bigint, scale: number): DecimalValue {
  return Decimal.fromUnscaled(normalizeBigint(unscaled), scale);
}
