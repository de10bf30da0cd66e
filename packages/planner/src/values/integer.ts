import { ErrorCodes, VeloError, type SqlValue } from '@velots/core';

/** BIGINT bounds: a 64-bit signed integer. */
export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;

/** A BIGINT value in its canonical form: a number while safe, a bigint beyond. */
export function normalizeBigint(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** True when a bigint fits BIGINT. */
export function fitsBigint(v: bigint): boolean {
  return v >= BIGINT_MIN && v <= BIGINT_MAX;
}

/** `v` as a checked BIGINT value, or throws NUMERIC_OVERFLOW naming `what`. */
export function checkedBigint(v: bigint, what: string): number | bigint {
  if (!fitsBigint(v)) throw new VeloError(ErrorCodes.NUMERIC_OVERFLOW, `${what}: ${v} is out of BIGINT range`);
  return normalizeBigint(v);
}

/** Rounds half away from zero to an integer (Math.round rounds -2.5 to -2). */
export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** A DOUBLE rounded half away from zero into a BIGINT; undefined when NaN, infinite or out of range. */
export function doubleToBigint(x: number): number | bigint | undefined {
  if (!Number.isFinite(x)) return undefined;
  const r = roundHalfAwayFromZero(x);
  if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  const b = BigInt(r);
  return fitsBigint(b) ? b : undefined;
}

/** A BIGINT value (number or bigint) as a bigint. */
export function toBigintValue(v: SqlValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}
