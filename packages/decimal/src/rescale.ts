import { MAX_EXACT_POW10, MAX_SAFE, POW10_NUMBER, pow10Big } from './limits.js';
import { divideRoundedBig, divideRoundedNumber, type RoundingMode } from './rounding.js';
import { checkedUnscaled, type Unscaled } from './unscaled.js';

/**
 * The unscaled value of `unscaled × 10^−fromScale` at `toScale`: exact when the scale grows,
 * rounded by `rounding` when it shrinks. Throws NUMERIC_OVERFLOW past 38 digits.
 */
export function rescaleUnscaled(
  unscaled: Unscaled,
  fromScale: number,
  toScale: number,
  rounding: RoundingMode = 'HALF_UP',
): Unscaled {
  if (fromScale === toScale) return unscaled;
  if (typeof unscaled === 'number') {
    if (toScale > fromScale) {
      const shift = toScale - fromScale;
      if (shift <= MAX_EXACT_POW10) {
        // An exact product of exact operands: if it is within ±MAX_SAFE it was not rounded.
        const scaled = unscaled * (POW10_NUMBER[shift] as number);
        if (scaled <= MAX_SAFE && scaled >= -MAX_SAFE) return scaled;
      }
    } else {
      const shift = fromScale - toScale;
      if (shift <= MAX_EXACT_POW10) return divideRoundedNumber(unscaled, POW10_NUMBER[shift] as number, rounding);
    }
  }
  return rescaleBig(typeof unscaled === 'bigint' ? unscaled : BigInt(unscaled), fromScale, toScale, rounding);
}

/** rescaleUnscaled on a bigint, any size in, canonical and range-checked out. */
export function rescaleBig(unscaled: bigint, fromScale: number, toScale: number, rounding: RoundingMode): Unscaled {
  if (toScale >= fromScale) return checkedUnscaled(unscaled * pow10Big(toScale - fromScale), 'DECIMAL rescale');
  return checkedUnscaled(divideRoundedBig(unscaled, pow10Big(fromScale - toScale), rounding), 'DECIMAL rescale');
}
