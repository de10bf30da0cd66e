import type { DecimalValue } from '@velots/core';
import { decimalParseError, invalidArgument, numericOverflow } from './errors.js';
import { formatUnscaled } from './format.js';
import { MAX_EXACT_POW10, MAX_PRECISION, POW10_NUMBER } from './limits.js';
import { rescaleUnscaled } from './rescale.js';
import type { RoundingMode } from './rounding.js';
import { checkedUnscaled, fitsDigits, isSafeUnscaledNumber, normalizeUnscaled, type Unscaled } from './unscaled.js';

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/** Throws INVALID_ARGUMENT (naming `place`) unless `scale` is an integer 0..38. */
export function checkScale(scale: number, place: string): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_PRECISION) {
    throw invalidArgument(`${place}: DECIMAL scale must be an integer 0..${MAX_PRECISION}, got ${scale}`);
  }
}

/** Throws NUMERIC_OVERFLOW past 38 digits; returns the value. */
export function checkDigits(unscaled: Unscaled, place: string): Unscaled {
  if (typeof unscaled === 'number') return unscaled;
  return checkedUnscaled(unscaled, place);
}

/** A Decimal's unscaled value from a caller's: a safe integer number (`-0` becomes 0) or a bigint of at most 38 digits. */
export function unscaledArgument(unscaled: number | bigint, scale: number): Unscaled {
  checkScale(scale, 'Decimal.fromUnscaled');
  if (typeof unscaled === 'number') {
    if (!isSafeUnscaledNumber(unscaled)) {
      throw invalidArgument(`Decimal.fromUnscaled needs a safe integer or a bigint, got ${unscaled}`);
    }
    return unscaled + 0;
  }
  return checkedUnscaled(unscaled, 'Decimal.fromUnscaled');
}

/** Throws unless the double `x` has a DECIMAL value (NaN: DECIMAL_PARSE, ±Infinity: NUMERIC_OVERFLOW) and `scale` is valid. */
export function checkDoubleArgument(x: number, scale: number | undefined): void {
  if (Number.isNaN(x)) throw decimalParseError('NaN', 'NaN is not a number and has no DECIMAL value');
  if (!Number.isFinite(x)) throw numericOverflow(`cannot convert ${x} to DECIMAL: it is not finite`);
  if (scale !== undefined) checkScale(scale, 'Decimal.fromDouble');
}

/** The unscaled value of the integer n (a safe integer number or a bigint) at `scale`: 7 at scale 2 is 700. */
export function integerToUnscaled(n: number | bigint, scale: number): Unscaled {
  checkScale(scale, 'Decimal.fromInteger');
  if (typeof n === 'number' && !isSafeUnscaledNumber(n)) {
    throw invalidArgument(
      `Decimal.fromInteger needs a safe integer or a bigint, got ${n}; use fromDouble for fractions`,
    );
  }
  const value = typeof n === 'number' ? n + 0 : normalizeUnscaled(n);
  return checkDigits(rescaleUnscaled(value, 0, scale), 'Decimal.fromInteger');
}

/** Throws INVALID_ARGUMENT unless DECIMAL(precision, scale) is a valid type. */
export function checkDecimalType(precision: number, scale: number): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION || scale > precision) {
    throw invalidArgument(`Decimal.coerce: DECIMAL(${precision},${scale}) is not a valid type`);
  }
}

/** Throws NUMERIC_OVERFLOW (naming the value before coercion, `original`) unless `unscaled` has at most `precision` digits. */
export function checkFitsType(unscaled: Unscaled, precision: number, scale: number, original: DecimalValue): void {
  if (!fitsDigits(unscaled, precision)) {
    throw numericOverflow(
      `value ${formatUnscaled(original.unscaled, original.scale)} does not fit DECIMAL(${precision},${scale})`,
      {
        precision,
        scale,
      },
    );
  }
}

/** Throws INVALID_ARGUMENT unless `scale` is a rounding scale: an integer −38..38. */
export function checkRoundingScale(scale: number): void {
  if (!Number.isInteger(scale) || scale > MAX_PRECISION || scale < -MAX_PRECISION) {
    throw invalidArgument(
      `DECIMAL rounding scale must be an integer -${MAX_PRECISION}..${MAX_PRECISION}, got ${scale}`,
    );
  }
}

/** unscaled × 10^−scale rounded to tens, hundreds… (`negativeScale` < 0), as an unscaled value at scale 0. */
export function roundToPowerOfTen(
  unscaled: Unscaled,
  scale: number,
  negativeScale: number,
  rounding: RoundingMode,
): Unscaled {
  // Round at scale 0 of value × 10^negativeScale, then scale back up exactly.
  const shifted = rescaleUnscaled(unscaled, scale - negativeScale, 0, rounding);
  return rescaleUnscaled(shifted, 0, -negativeScale);
}

/** The double nearest to unscaled × 10^−scale (correctly rounded). */
export function unscaledToDouble(unscaled: Unscaled, scale: number): number {
  if (typeof unscaled === 'number' && scale <= MAX_EXACT_POW10) {
    // Both operands are exact doubles and IEEE division rounds once, correctly.
    return unscaled / (POW10_NUMBER[scale] as number);
  }
  return Number(formatUnscaled(unscaled, scale));
}

/** CAST to BIGINT: rounded to a number, or a bigint beyond 2^53; NUMERIC_OVERFLOW outside 64 bits. */
export function unscaledToSqlBigint(unscaled: Unscaled, scale: number, rounding: RoundingMode): number | bigint {
  const integer = rescaleUnscaled(unscaled, scale, 0, rounding);
  if (typeof integer === 'bigint' && (integer > I64_MAX || integer < I64_MIN)) {
    throw numericOverflow(`value ${formatUnscaled(unscaled, scale)} is out of BIGINT range`);
  }
  return integer;
}
