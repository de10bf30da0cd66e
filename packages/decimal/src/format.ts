import type { Unscaled } from './unscaled.js';

/** Plain text of unscaled × 10^−scale with exactly `scale` fraction digits: `1.50`, `-0.010`, never an exponent. */
export function formatUnscaled(unscaled: Unscaled, scale: number): string {
  const negative = unscaled < 0;
  // Safe integers print without an exponent (String switches only at 1e21), so String is plain here.
  let digits = String(negative ? -unscaled : unscaled);
  if (scale === 0) return negative ? `-${digits}` : digits;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const point = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The value's text with trailing fraction zeros removed (`1.10` → `1.1`, `2.00` → `2`): one key per number,
 * so values that compare equal group together whatever their scales.
 */
export function canonicalKey(unscaled: Unscaled, scale: number): string {
  let value = unscaled;
  let digits = scale;
  if (typeof value === 'number') {
    while (digits > 0 && value % 10 === 0) {
      value /= 10;
      digits--;
    }
    // −0 cannot arise from a canonical value, but `+ 0` keeps the key right for a hand-made one.
    return formatUnscaled(value + 0, digits);
  }
  while (digits > 0 && value % 10n === 0n) {
    value /= 10n;
    digits--;
  }
  return formatUnscaled(value, digits);
}
