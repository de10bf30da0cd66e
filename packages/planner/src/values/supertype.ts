import { MAX_DECIMAL_PRECISION, SqlTypes, arrayType, decimalType, mapType, sqlTypeEquals, type SqlType } from '@velots/core';

/** Integer digits a BIGINT needs as a DECIMAL (2^63 has 19). */
const BIGINT_DIGITS = 19;

/** DECIMAL wide enough for both: the larger integer part and the larger scale, capped at 38 digits (scale gives way first). */
export function decimalUnion(p1: number, s1: number, p2: number, s2: number): SqlType {
  const intDigits = Math.max(p1 - s1, p2 - s2);
  const scale = Math.max(s1, s2);
  if (intDigits + scale <= MAX_DECIMAL_PRECISION) return decimalType(Math.max(1, intDigits + scale), scale);
  const cappedInt = Math.min(intDigits, MAX_DECIMAL_PRECISION);
  return decimalType(MAX_DECIMAL_PRECISION, Math.max(0, MAX_DECIMAL_PRECISION - cappedInt));
}

function numericRank(t: SqlType): number {
  switch (t.kind) {
    case 'INTEGER':
      return 1;
    case 'BIGINT':
      return 2;
    case 'DECIMAL':
      return 3;
    case 'DOUBLE':
      return 4;
    default:
      return 0;
  }
}

/**
 * The narrowest type both `a` and `b` convert to without losing meaning, or undefined when none:
 * the numeric ladder INTEGER → BIGINT → DECIMAL → DOUBLE, NULL with anything, TIMESTAMP with an
 * integer as BIGINT epoch ms, DATE with TIMESTAMP as TIMESTAMP, and element-wise for ARRAY and MAP.
 */
export function commonSupertype(a: SqlType, b: SqlType): SqlType | undefined {
  if (a.kind === 'NULL') return b;
  if (b.kind === 'NULL') return a;
  const ra = numericRank(a);
  const rb = numericRank(b);
  if (ra > 0 && rb > 0) {
    if (a.kind === 'DECIMAL' && b.kind === 'DECIMAL') return decimalUnion(a.precision, a.scale, b.precision, b.scale);
    if (a.kind === 'DECIMAL' && rb <= 2) return decimalUnion(a.precision, a.scale, BIGINT_DIGITS, 0);
    if (b.kind === 'DECIMAL' && ra <= 2) return decimalUnion(BIGINT_DIGITS, 0, b.precision, b.scale);
    const top = Math.max(ra, rb);
    return top === 4 ? SqlTypes.DOUBLE : top === 2 ? SqlTypes.BIGINT : a.kind === b.kind ? a : SqlTypes.BIGINT;
  }
  if (a.kind === b.kind) {
    switch (a.kind) {
      case 'STRING':
        return sqlTypeEquals(a, b) ? a : SqlTypes.STRING;
      case 'ARRAY': {
        const element = commonSupertype(a.element, (b as typeof a).element);
        return element && arrayType(element);
      }
      case 'MAP': {
        const key = commonSupertype(a.key, (b as typeof a).key);
        const value = commonSupertype(a.value, (b as typeof a).value);
        return key && value && mapType(key, value);
      }
      default:
        return sqlTypeEquals(a, b) ? a : undefined;
    }
  }
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has('TIMESTAMP') && (kinds.has('BIGINT') || kinds.has('INTEGER'))) return SqlTypes.BIGINT;
  if (kinds.has('TIMESTAMP') && kinds.has('DATE')) return SqlTypes.TIMESTAMP;
  if (kinds.has('INTERVAL') && (kinds.has('BIGINT') || kinds.has('INTEGER'))) return SqlTypes.BIGINT;
  return undefined;
}

/** `commonSupertype` folded over a list (NULL for an empty list); undefined when some pair has none. */
export function commonSupertypeOf(types: readonly SqlType[]): SqlType | undefined {
  let result: SqlType = SqlTypes.NULL;
  for (const t of types) {
    const next = commonSupertype(result, t);
    if (next === undefined) return undefined;
    result = next;
  }
  return result;
}
