import { isDecimalValue, type DecimalValue } from '@velots/core';

/**
 * Exact comparison and canonical text of the numeric representations (number, bigint, DecimalValue),
 * so that BIGINT 1, DECIMAL 1.00 and DOUBLE 1.0 are the same value and big values never go through a
 * float. A number is a double whose exact value is m·2^e; we compare rationals with bigint arithmetic.
 */

/** A numeric SQL value in any of its representations. */
export type NumericValue = number | bigint | DecimalValue;

/** True for number, bigint and DecimalValue. */
export function isNumericValue(v: unknown): v is NumericValue {
  return typeof v === 'number' || typeof v === 'bigint' || isDecimalValue(v);
}

const POW10: bigint[] = [1n];
/** 10^n as a bigint (memoised: scales are small). */
export function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push((POW10[i - 1] as bigint) * 10n);
  return POW10[n] as bigint;
}

/** An exact rational num / 10^scale10 / 2^scale2 (one of the two scales is 0). */
interface Rational {
  readonly num: bigint;
  readonly scale10: number;
  readonly scale2: number;
}

const view = new DataView(new ArrayBuffer(8));

/** Exact m·2^-k form of a finite double, with m odd (or 0). */
function doubleToRational(x: number): Rational {
  if (Number.isInteger(x)) return { num: BigInt(x), scale10: 0, scale2: 0 };
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponentBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (exponentBits === 0) {
    exp = -1074;
  } else {
    mantissa |= 1n << 52n;
    exp = exponentBits - 1075;
  }
  while ((mantissa & 1n) === 0n && exp < 0) {
    mantissa >>= 1n;
    exp++;
  }
  return { num: x < 0 ? -mantissa : mantissa, scale10: 0, scale2: -exp };
}

function toRational(v: NumericValue): Rational {
  if (typeof v === 'number') return doubleToRational(v);
  if (typeof v === 'bigint') return { num: v, scale10: 0, scale2: 0 };
  return { num: BigInt(v.unscaled), scale10: v.scale, scale2: 0 };
}

function sign(n: bigint): number {
  return n < 0n ? -1 : n > 0n ? 1 : 0;
}

/** -1, 0 or 1: the exact order of two numeric values; NaN sorts after everything and equals NaN. */
export function compareNumeric(a: NumericValue, b: NumericValue): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  }
  if (typeof a !== 'object' && typeof b !== 'object') {
    // number vs bigint: JavaScript compares these mathematically exactly.
    if (a < b) return -1;
    if (a > b) return 1;
    if (typeof a === 'number' && Number.isNaN(a)) return 1;
    if (typeof b === 'number' && Number.isNaN(b)) return -1;
    return 0;
  }
  if (typeof a === 'object') {
    const fast = typeof b === 'object' ? compareSmallDecimals(a, b) : typeof b === 'number' ? compareSmallDecimalToInteger(a, b) : undefined;
    if (fast !== undefined) return fast;
  } else if (typeof a === 'number' && typeof b === 'object') {
    const fast = compareSmallDecimalToInteger(b, a);
    if (fast !== undefined) return fast === 0 ? 0 : -fast;
  }
  if (typeof a === 'number' && !Number.isFinite(a)) return Number.isNaN(a) || a > 0 ? 1 : -1;
  if (typeof b === 'number' && !Number.isFinite(b)) return Number.isNaN(b) || b > 0 ? -1 : 1;
  const ra = toRational(a);
  const rb = toRational(b);
  // Cross-multiply by the other side's denominators: num_a·10^sb·2^tb vs num_b·10^sa·2^ta.
  const left = (ra.num * pow10(rb.scale10)) << BigInt(rb.scale2);
  const right = (rb.num * pow10(ra.scale10)) << BigInt(ra.scale2);
  return sign(left - right);
}

/** Decimals whose unscaled values are numbers compare without bigint when aligning scales stays exact. */
function compareSmallDecimals(a: DecimalValue, b: DecimalValue): number | undefined {
  if (typeof a.unscaled !== 'number' || typeof b.unscaled !== 'number') return undefined;
  let x = a.unscaled;
  let y = b.unscaled;
  if (a.scale < b.scale) x *= 10 ** (b.scale - a.scale);
  else if (b.scale < a.scale) y *= 10 ** (a.scale - b.scale);
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A decimal with a number unscaled value against an integer (`price > 250`), without bigints: the integer is
 * scaled to the decimal's scale when that stays a safe integer (then the product is exact); undefined otherwise.
 */
function compareSmallDecimalToInteger(d: DecimalValue, n: number): number | undefined {
  if (typeof d.unscaled !== 'number' || !Number.isInteger(n) || d.scale > 22) return undefined;
  const scaled = n * 10 ** d.scale;
  if (!Number.isSafeInteger(scaled)) return undefined;
  const x = d.unscaled;
  return x < scaled ? -1 : x > scaled ? 1 : 0;
}

/** Most fraction digits a DECIMAL can have; a double needing more can equal no DECIMAL. */
const MAX_SCALE = 38;

/**
 * Canonical text of a numeric value, equal for equal values: integers as digits, fractions as exact
 * decimal text without trailing zeros, and doubles whose exact expansion is too long for any DECIMAL
 * by their shortest round-trip text with a `d` prefix (they can only equal themselves).
 */
export function canonicalNumberText(v: NumericValue): string {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return BigInt(v).toString();
    if (!Number.isFinite(v)) return String(v);
    const r = doubleToRational(v);
    if (r.scale2 > MAX_SCALE) return `d${v}`;
    // m / 2^k = m·5^k / 10^k exactly.
    return decimalText(r.num * 5n ** BigInt(r.scale2), r.scale2);
  }
  if (typeof v === 'bigint') return v.toString();
  return decimalText(BigInt(v.unscaled), v.scale);
}

/** Exact text of unscaled·10^-scale without trailing fraction zeros. */
function decimalText(unscaled: bigint, scale: number): string {
  let u = unscaled;
  let s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return formatUnscaled(u, s);
}

/** Text of unscaled·10^-scale with exactly `scale` fraction digits (`-0.50` for -50, 2). */
export function formatUnscaled(unscaled: bigint | number, scale: number): string {
  const u = BigInt(unscaled);
  const negative = u < 0n;
  const digits = (negative ? -u : u).toString();
  if (scale <= 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  return negative ? `-${text}` : text;
}
