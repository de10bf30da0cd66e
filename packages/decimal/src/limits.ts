import { MAX_DECIMAL_PRECISION } from '@velots/core';

/** Unscaled values stay JS numbers while their magnitude is at most this (2^53 − 1). */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** The largest precision and scale any DECIMAL value may have (38, as SQL Server and Spark). */
export const MAX_PRECISION = MAX_DECIMAL_PRECISION;

/** 10^k as exact doubles: every power up to 10^22 is exactly representable. */
export const POW10_NUMBER: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The largest k with 10^k in POW10_NUMBER. */
export const MAX_EXACT_POW10 = 22;

const POW10_BIGINT_CACHE: bigint[] = [1n];

/** 10^k as a bigint (k ≥ 0), cached because rescaling asks for the same few powers again and again. */
export function pow10Big(k: number): bigint {
  if (k < POW10_BIGINT_CACHE.length) return POW10_BIGINT_CACHE[k] as bigint;
  if (k > 4 * MAX_PRECISION) return 10n ** BigInt(k);
  for (let i = POW10_BIGINT_CACHE.length; i <= k; i++) {
    POW10_BIGINT_CACHE.push((POW10_BIGINT_CACHE[i - 1] as bigint) * 10n);
  }
  return POW10_BIGINT_CACHE[k] as bigint;
}

/** 10^38: an unscaled value must stay strictly below this in magnitude. */
export const UNSCALED_LIMIT = pow10Big(MAX_PRECISION);
