import { SqlTypes, decimalType, formatIsoTimestamp, MAX_DECIMAL_PRECISION, type SqlType } from '@velots/core';
import { Decimal } from '@velots/decimal';
import type { NumberLiteral, TypedLiteral } from '@velots/sql-parser';
import type { BoundLiteral } from './bound-expr.js';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** A literal of `type` holding `value`. */
export function literal(type: SqlType, value: BoundLiteral['value']): BoundLiteral {
  return { kind: 'Literal', type, value };
}

/** The SQL NULL literal (of the NULL type until something gives it one). */
export const NULL_LITERAL: BoundLiteral = literal(SqlTypes.NULL, null);

/**
 * Types a number literal from its exact text (§0): `42` BIGINT (a bigint past 2^53, a DECIMAL past
 * 64 bits), `2.50` DECIMAL(3,2), `1e3` DOUBLE. Negative literals arrive with their sign folded in.
 */
export function numberLiteral(node: Pick<NumberLiteral, 'text' | 'numericKind'>, negative = false): BoundLiteral {
  const text = negative ? `-${node.text}` : node.text;
  if (node.numericKind === 'double') return literal(SqlTypes.DOUBLE, Number(text));
  if (node.numericKind === 'integer') {
    const big = BigInt(text);
    if (big >= I64_MIN && big <= I64_MAX) {
      const asNumber = Number(big);
      return literal(SqlTypes.BIGINT, Number.isSafeInteger(asNumber) ? asNumber : big);
    }
  }
  const value = Decimal.parse(text);
  return literal(decimalTypeOf(value), value);
}

/** DECIMAL(p, s) just wide enough for `value`. */
export function decimalTypeOf(value: Decimal): SqlType {
  const scale = Math.min(value.scale, MAX_DECIMAL_PRECISION);
  const precision = Math.min(MAX_DECIMAL_PRECISION, Math.max(value.precision(), scale, 1));
  return decimalType(precision, scale);
}

/**
 * `DATE '…'` → DATE (days), `TIMESTAMP '…'` → TIMESTAMP (epoch ms, UTC). There is no TIME type (§8):
 * `TIME '…'` is the text `HH:MM:SS[.fff]`, the form `TIME(ts)` and `CURRENT_TIME` return, so they compare.
 */
export function typedLiteral(node: Pick<TypedLiteral, 'type' | 'value'>): BoundLiteral {
  switch (node.type) {
    case 'DATE':
      return literal(SqlTypes.DATE, node.value);
    case 'TIMESTAMP':
      return literal(SqlTypes.TIMESTAMP, node.value);
    case 'TIME':
      return literal(SqlTypes.STRING, formatIsoTimestamp(node.value).slice(11));
  }
}
