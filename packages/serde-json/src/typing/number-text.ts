import type { DecimalValue } from '@velots/core';

/**
 * Number → text for the sinks, faster than `'' + v` where V8 is slow: integers beyond 2^31 (epoch
 * milliseconds, large BIGINTs) are heap numbers, which take the general double-to-text path (measured
 * ~180 ns); split into two small integers they print through the small-integer cache (~70 ns). Results
 * are exactly `String(v)` / `Decimal.toString()`.
 */

const SMI_MAX = 0x3fffffff;
const MILLION = 1e6;
/** 10^0 … 10^15: the scales a decimal with a number unscaled value prints through the fast paths. */
export const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The whole part of `magnitude` ÷ `power` (a non-negative safe integer over a power of ten ≤ 10^15), exact: the float
 * division may round across an integer, which the remainder shows and one step corrects. The fraction digits are
 * `magnitude - whole * power` (exact: integers below 2^53).
 */
export function scaledWhole(magnitude: number, power: number): number {
  const whole = Math.floor(magnitude / power);
  const fraction = magnitude - whole * power;
  if (fraction < 0) return whole - 1;
  return fraction >= power ? whole + 1 : whole;
}

/** `String(v)` for any number; the fast path covers safe integers. */
export function integerText(v: number): string {
  if (v <= SMI_MAX && v >= -SMI_MAX) return '' + v;
  if (!Number.isSafeInteger(v)) return '' + v;
  if (v < 0) return '-' + integerText(-v);
  const high = Math.floor(v / MILLION);
  const low = v - high * MILLION;
  return integerText(high) + ('' + (MILLION + low)).slice(1);
}

/** `value.toString()` of a decimal: the digits at its scale, a leading `-`, `0.` before a pure fraction. */
export function decimalText(value: DecimalValue): string {
  const unscaled = value.unscaled;
  const scale = value.scale;
  if (typeof unscaled !== 'number' || scale > 15 || !Number.isSafeInteger(unscaled)) return value.toString();
  if (scale === 0) return integerText(unscaled);
  const negative = unscaled < 0;
  const magnitude = negative ? -unscaled : unscaled;
  const power = POWERS_OF_TEN[scale] as number;
  const whole = scaledWhole(magnitude, power);
  const fraction = magnitude - whole * power;
  return (negative ? '-' : '') + integerText(whole) + '.' + integerText(power + fraction).slice(1);
}
