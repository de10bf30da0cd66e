import { numericOverflow } from './errors.js';
import { formatUnscaled } from './format.js';
import { MAX_PRECISION, MAX_SAFE, POW10_NUMBER, UNSCALED_LIMIT, pow10Big } from './limits.js';

/** An unscaled decimal integer: a number while |value| ≤ 2^53 − 1, a bigint beyond. */
export type Unscaled = number | bigint;

/** The canonical form of an unscaled integer: a number when it is safe, the bigint otherwise. */
export function normalizeUnscaled(value: bigint): Unscaled {
  return value <= 9007199254740991n && value >= -9007199254740991n ? Number(value) : value;
}

/** The unscaled value as a bigint. */
export function toBigUnscaled(value: Unscaled): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** Sign of an unscaled value: −1, 0 or 1. */
export function signOfUnscaled(value: Unscaled): -1 | 0 | 1 {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Number of decimal digits of |value| (1 for zero). */
export function digitCount(value: Unscaled): number {
  if (typeof value === 'number') {
    const magnitude = Math.abs(value);
    return magnitude < 10 ? 1 : String(magnitude).length;
  }
  const text = (value < 0n ? -value : value).toString();
  return text.length;
}

/** True when |value| < 10^precision. */
export function fitsDigits(value: Unscaled, precision: number): boolean {
  if (typeof value === 'number' && precision >= 16) return true;
  return digitCount(value) <= precision;
}

/**
 * Checks a bigint result against the 38-digit ceiling and returns it in canonical form;
 * `operation` names the place in the NUMERIC_OVERFLOW message.
 */
export function checkedUnscaled(value: bigint, operation: string): Unscaled {
  if (value <= 9007199254740991n && value >= -9007199254740991n) return Number(value);
  if (value >= UNSCALED_LIMIT || value <= -UNSCALED_LIMIT) {
    throw numericOverflow(`${operation}: result exceeds ${MAX_PRECISION} digits of precision`, {
      unscaled: value.toString(),
    });
  }
  return value;
}

/** Throws NUMERIC_OVERFLOW unless |unscaled| < 10^precision; returns the value for chaining in generated code. */
export function assertFitsPrecision(unscaled: Unscaled, precision: number, scale: number): Unscaled {
  if (
    typeof unscaled === 'number'
      ? precision >= 16 || Math.abs(unscaled) < (POW10_NUMBER[precision] as number)
      : fitsBig(unscaled, precision)
  ) {
    return unscaled;
  }
  throw numericOverflow(`value ${formatUnscaled(unscaled, scale)} does not fit DECIMAL(${precision},${scale})`, {
    unscaled: unscaled.toString(),
    precision,
    scale,
  });
}

function fitsBig(value: bigint, precision: number): boolean {
  const limit = pow10Big(precision);
  return value < limit && value > -limit;
}

/** True when a number is an integer an unscaled value may hold exactly. */
export function isSafeUnscaledNumber(value: number): boolean {
  return Number.isInteger(value) && value <= MAX_SAFE && value >= -MAX_SAFE;
}
