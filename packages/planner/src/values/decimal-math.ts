import { ErrorCodes, VeloError, type DecimalValue } from '@velots/core';
import { pow10 } from './exact-number.js';
import { makeDecimal } from './decimal-bridge.js';

/**
 * The DECIMAL operations the casts and functions need, done on the unscaled bigint so they are exact
 * and independent of how `@velots/decimal` spells them; results are built through `makeDecimal`.
 */

/** The unscaled value as a bigint. */
export function unscaledOf(d: DecimalValue): bigint {
  return BigInt(d.unscaled);
}

/** n / divisor rounded half away from zero (divisor > 0). */
export function divRoundHalfUp(n: bigint, divisor: bigint): bigint {
  const q = n / divisor;
  const r = n - q * divisor;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= divisor ? q + (n < 0n ? -1n : 1n) : q;
}

/** n / divisor rounded toward −∞ (divisor > 0). */
export function divFloor(n: bigint, divisor: bigint): bigint {
  const q = n / divisor;
  return n < 0n && q * divisor !== n ? q - 1n : q;
}

/** An unscaled value moved from scale `from` to scale `to`, rounding half away from zero when digits drop. */
export function rescaleUnscaled(u: bigint, from: number, to: number): bigint {
  return to >= from ? u * pow10(to - from) : divRoundHalfUp(u, pow10(from - to));
}

function digitCount(u: bigint): number {
  return (u < 0n ? -u : u).toString().length;
}

/** Throws NUMERIC_OVERFLOW unless the unscaled value has at most `precision` digits. */
export function checkPrecision(u: bigint, precision: number, scale: number): bigint {
  if (u !== 0n && digitCount(u) > precision) {
    throw new VeloError(ErrorCodes.NUMERIC_OVERFLOW, `value ${u} ×10^-${scale} does not fit DECIMAL(${precision},${scale})`);
  }
  return u;
}

/** A DECIMAL(precision, scale) from an unscaled value at `fromScale` (HALF_UP; NUMERIC_OVERFLOW beyond precision). */
export function toDecimalType(u: bigint, fromScale: number, precision: number, scale: number): DecimalValue {
  return makeDecimal(checkPrecision(rescaleUnscaled(u, fromScale, scale), precision, scale), scale);
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Exact unscaled value and scale of decimal or scientific text (`-12.50`, `1e3`, `.5`); undefined when not a number. */
export function parseDecimalText(text: string): { unscaled: bigint; scale: number } | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) return undefined;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
  let unscaled = BigInt(`${intPart}${fracPart}` || '0');
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    unscaled *= pow10(-scale);
    scale = 0;
  }
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale };
}

/** A finite double as an exact unscaled value at `scale`, rounded HALF_UP from its shortest text (0.145 → 0.15). */
export function doubleToUnscaled(x: number, scale: number): bigint {
  const parsed = parseDecimalText(String(x)) as { unscaled: bigint; scale: number };
  return rescaleUnscaled(parsed.unscaled, parsed.scale, scale);
}

/** A DECIMAL as a double (the nearest, via its exact text). */
export function decimalToDouble(d: DecimalValue): number {
  if (typeof d.unscaled === 'number' && d.scale <= 22) return d.unscaled / 10 ** d.scale;
  return Number(formatExact(unscaledOf(d), d.scale));
}

function formatExact(u: bigint, scale: number): string {
  return scale === 0 ? u.toString() : `${u}e-${scale}`;
}
