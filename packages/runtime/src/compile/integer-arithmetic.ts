import { ErrorCodes, VeloError } from '@velots/core';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

type Int = number | bigint;

/** Brings a bigint result back to a number when it is safe, raising NUMERIC_OVERFLOW past 64 bits. */
export function normalizeInt64(value: bigint, operation: string): Int {
  if (value < I64_MIN || value > I64_MAX) {
    throw new VeloError(ErrorCodes.NUMERIC_OVERFLOW, `BIGINT overflow in ${operation}: result ${value} is outside the 64-bit range`);
  }
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

/** BIGINT + BIGINT: number arithmetic while it stays exact, bigint beyond, overflow past 64 bits. */
export function addInt64(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalizeInt64(BigInt(a) + BigInt(b), '+');
}

/** BIGINT − BIGINT, as addInt64. */
export function subtractInt64(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalizeInt64(BigInt(a) - BigInt(b), '-');
}

/** BIGINT × BIGINT, as addInt64. */
export function multiplyInt64(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalizeInt64(BigInt(a) * BigInt(b), '*');
}

/** BIGINT % BIGINT with the sign of the dividend; NULL when dividing by zero (dialect §8). */
export function remainderInt64(a: Int, b: Int): Int | null {
  if (typeof a === 'number' && typeof b === 'number') return b === 0 ? null : a % b;
  const divisor = BigInt(b);
  if (divisor === 0n) return null;
  return normalizeInt64(BigInt(a) % divisor, '%');
}

/** BIGINT / BIGINT → DOUBLE (as VS and DuckDB); NULL when dividing by zero. */
export function divideInt64AsDouble(a: Int, b: Int): number | null {
  const divisor = Number(b);
  return divisor === 0 ? null : Number(a) / divisor;
}

/** −BIGINT, with overflow for −(−2^63). */
export function negateInt64(a: Int): Int {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  return normalizeInt64(-a, 'unary -');
}

/** DOUBLE / DOUBLE; NULL when dividing by zero (dialect §8). */
export function divideDouble(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** DOUBLE % DOUBLE; NULL when dividing by zero. */
export function remainderDouble(a: number, b: number): number | null {
  return b === 0 ? null : a % b;
}
