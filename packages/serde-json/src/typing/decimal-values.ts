import { isDecimalValue, type DecimalValue } from '@velots/core';
import { Decimal } from '@velots/decimal';

/**
 * The connectors' only contact with `@velots/decimal`: parsing, rescaling and building exact
 * decimals. Kept in one file so the rest of the I/O code sees `DecimalValue` only.
 */

/** Parses decimal text exactly, keeping its own scale (`2.50` → scale 2); throws DECIMAL_PARSE. */
export function parseDecimal(text: string): DecimalValue {
  return Decimal.parse(text);
}

/** `value` at `scale`, rounding half up (away from zero) when digits are dropped. */
export function rescaleDecimal(value: DecimalValue, scale: number): DecimalValue {
  return toDecimal(value).rescale(scale);
}

/** An integer (number or bigint) as a DECIMAL of scale 0. */
export function decimalFromInteger(value: number | bigint): DecimalValue {
  return Decimal.fromInteger(value);
}

/** A decimal from its unscaled integer and scale: value = unscaled × 10^−scale. */
export function decimalFromUnscaled(unscaled: number | bigint, scale: number): DecimalValue {
  return Decimal.fromUnscaled(unscaled, scale);
}

/** Number of significant digits of the unscaled value (what DECIMAL(p, s) limits to p). */
export function decimalPrecision(value: DecimalValue): number {
  const u = value.unscaled;
  if (typeof u === 'number') {
    // Below 2^53 a number has at most 16 digits: count them without making a string.
    let digits = 1;
    for (let a = Math.abs(u); a >= 10; a = Math.floor(a / 10)) digits++;
    return digits;
  }
  const text = typeof u === 'bigint' ? (u < 0n ? -u : u).toString() : String(Math.abs(u));
  return text === '0' ? 1 : text.length;
}

/** True for any value with the DecimalValue shape. */
export function isDecimal(value: unknown): value is DecimalValue {
  return isDecimalValue(value);
}

/** The nearest double to an exact decimal (parsed from its text, so correctly rounded). */
export function decimalToNumber(value: DecimalValue): number {
  return Number(value.toString());
}

function toDecimal(value: DecimalValue): Decimal {
  return value instanceof Decimal ? value : Decimal.from(value);
}
