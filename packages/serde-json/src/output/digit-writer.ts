const ZERO = 48;
/** Below this a value's digits are produced with int32 arithmetic (`(v / 10) | 0`). */
const INT32_LIMIT = 0x80000000;
const BILLION = 1e9;

/**
 * Writes the decimal digits of the non-negative safe integer `v` into `bytes` at `pos`, left-padded with zeros
 * to `width`; returns the index just past them. Values below 2^31 (most integers, decimal fractions) use int32
 * division; larger ones (epoch milliseconds, big BIGINTs) are split into `high * 10^9 + low` so each half does,
 * instead of a float division and `Math.floor` per digit. The digits are exactly those of `String(v)`.
 */
export function writeDigits(bytes: Uint8Array, pos: number, v: number, width: number): number {
  if (v < INT32_LIMIT) return writeSmallDigits(bytes, pos, v, width);
  let high = Math.floor(v / BILLION);
  let low = v - high * BILLION;
  // The float quotient may round across an integer; the remainder shows it (integers below 2^53 are exact).
  if (low < 0) {
    high--;
    low += BILLION;
  } else if (low >= BILLION) {
    high++;
    low -= BILLION;
  }
  const end = writeSmallDigits(bytes, pos, high, width - 9);
  return writeSmallDigits(bytes, end, low, 9);
}

/** `writeDigits` for `v` below 2^31. */
function writeSmallDigits(bytes: Uint8Array, pos: number, v: number, width: number): number {
  let count = digitCount(v);
  if (count < width) count = width;
  const end = pos + count;
  let q = end;
  let rest = v | 0;
  while (q > pos) {
    const next = (rest / 10) | 0;
    bytes[--q] = ZERO + rest - next * 10;
    rest = next;
  }
  return end;
}

/** Number of decimal digits of `v` (0 ≤ v < 2^31; 0 has one). */
function digitCount(v: number): number {
  if (v < 100000) {
    if (v < 100) return v < 10 ? 1 : 2;
    return v < 1000 ? 3 : v < 10000 ? 4 : 5;
  }
  if (v < 10000000) return v < 1000000 ? 6 : 7;
  if (v < 1000000000) return v < 100000000 ? 8 : 9;
  return 10;
}
