// The number path for generated code: functions over (unscaled, scale) pairs that allocate nothing while
// every operand and result fits 53 bits, and fall back to bigint (still exact) when they do not.
// Scales are plain integers known at plan time; callers pass the result scale the planner computed.
import { divisionByZero } from './errors.js';
import { MAX_EXACT_POW10, MAX_SAFE, POW10_NUMBER, pow10Big } from './limits.js';
import { rescaleBig, rescaleUnscaled } from './rescale.js';
import { divideRoundedBig, divideRoundedNumber, type RoundingMode } from './rounding.js';
import { checkedUnscaled, toBigUnscaled, type Unscaled } from './unscaled.js';

/** a × 10^−sa + b × 10^−sb as an unscaled value at `resultScale` (rounded by `rounding` if that is below max(sa, sb)). */
export function addUnscaled(
  a: Unscaled,
  sa: number,
  b: Unscaled,
  sb: number,
  resultScale: number,
  rounding: RoundingMode = 'HALF_UP',
): Unscaled {
  if (typeof a === 'number' && typeof b === 'number' && sa === sb && sa === resultScale) {
    const sum = a + b;
    if (Math.abs(sum) <= MAX_SAFE) return sum;
  }
  return addGeneral(a, sa, b, sb, resultScale, rounding);
}

/** a × 10^−sa − b × 10^−sb as an unscaled value at `resultScale`. */
export function subUnscaled(
  a: Unscaled,
  sa: number,
  b: Unscaled,
  sb: number,
  resultScale: number,
  rounding: RoundingMode = 'HALF_UP',
): Unscaled {
  if (typeof a === 'number' && typeof b === 'number' && sa === sb && sa === resultScale) {
    const difference = a - b;
    if (Math.abs(difference) <= MAX_SAFE) return difference;
  }
  return addGeneral(a, sa, negateUnscaled(b), sb, resultScale, rounding);
}

/** a × b as an unscaled value at `resultScale` (the exact product has scale sa + sb). */
export function mulUnscaled(
  a: Unscaled,
  sa: number,
  b: Unscaled,
  sb: number,
  resultScale: number,
  rounding: RoundingMode = 'HALF_UP',
): Unscaled {
  if (typeof a === 'number' && typeof b === 'number') {
    // `+ 0` turns −0 (from a negative times zero) into 0, so equal values look equal to Object.is.
    const product = a * b + 0;
    if (Math.abs(product) <= MAX_SAFE) {
      return resultScale === sa + sb ? product : rescaleUnscaled(product, sa + sb, resultScale, rounding);
    }
  }
  const product = toBigUnscaled(a) * toBigUnscaled(b);
  return rescaleBig(product, sa + sb, resultScale, rounding);
}

/**
 * a ÷ b rounded by `rounding` to `resultScale`; throws DIVISION_BY_ZERO when b is zero.
 * The quotient is computed as a × 10^(resultScale − sa + sb) ÷ b in integers: exact before the one rounding.
 */
export function divUnscaled(
  a: Unscaled,
  sa: number,
  b: Unscaled,
  sb: number,
  resultScale: number,
  rounding: RoundingMode = 'HALF_UP',
): Unscaled {
  if (b === 0) throw divisionByZero('DECIMAL division');
  const shift = resultScale - sa + sb;
  if (typeof a === 'number' && typeof b === 'number') {
    if (shift >= 0 && shift <= MAX_EXACT_POW10) {
      const numerator = a * (POW10_NUMBER[shift] as number);
      if (numerator <= MAX_SAFE && numerator >= -MAX_SAFE) return divideRoundedNumber(numerator, b, rounding) + 0;
    } else if (shift < 0 && -shift <= MAX_EXACT_POW10) {
      const denominator = b * (POW10_NUMBER[-shift] as number);
      if (denominator <= MAX_SAFE && denominator >= -MAX_SAFE) return divideRoundedNumber(a, denominator, rounding) + 0;
    }
  }
  if (b === 0n) throw divisionByZero('DECIMAL division');
  const numerator = shift >= 0 ? toBigUnscaled(a) * pow10Big(shift) : toBigUnscaled(a);
  const denominator = shift >= 0 ? toBigUnscaled(b) : toBigUnscaled(b) * pow10Big(-shift);
  return checkedUnscaled(divideRoundedBig(numerator, denominator, rounding), 'DECIMAL division');
}

/**
 * The remainder of a ÷ b truncated toward zero (its sign is the dividend's, as SQL MOD and JS `%`),
 * at `resultScale`; throws DIVISION_BY_ZERO when b is zero.
 */
export function modUnscaled(
  a: Unscaled,
  sa: number,
  b: Unscaled,
  sb: number,
  resultScale: number,
  rounding: RoundingMode = 'HALF_UP',
): Unscaled {
  if (b === 0 || b === 0n) throw divisionByZero('DECIMAL modulo');
  const scale = sa > sb ? sa : sb;
  if (typeof a === 'number' && typeof b === 'number' && scale - (sa < sb ? sa : sb) <= MAX_EXACT_POW10) {
    const alignedA = sa === scale ? a : a * (POW10_NUMBER[scale - sa] as number);
    const alignedB = sb === scale ? b : b * (POW10_NUMBER[scale - sb] as number);
    if (Math.abs(alignedA) <= MAX_SAFE && Math.abs(alignedB) <= MAX_SAFE) {
      return rescaleUnscaled((alignedA % alignedB) + 0, scale, resultScale, rounding);
    }
  }
  // Aligned operands may pass 38 digits (0.001 MOD 10^37); only the remainder, smaller than both, must fit.
  const remainder = (toBigUnscaled(a) * pow10Big(scale - sa)) % (toBigUnscaled(b) * pow10Big(scale - sb));
  return rescaleBig(remainder, scale, resultScale, rounding);
}

/** −u, never −0. */
export function negateUnscaled(unscaled: Unscaled): Unscaled {
  return typeof unscaled === 'number' ? 0 - unscaled : -unscaled;
}

/** Compares a × 10^−sa with b × 10^−sb: −1, 0 or 1. */
export function compareUnscaled(a: Unscaled, sa: number, b: Unscaled, sb: number): -1 | 0 | 1 {
  if (typeof a === 'number' && typeof b === 'number') {
    if (sa === sb) return a < b ? -1 : a > b ? 1 : 0;
    const shift = sa > sb ? sa - sb : sb - sa;
    if (shift <= MAX_EXACT_POW10) {
      const scaled = (sa > sb ? b : a) * (POW10_NUMBER[shift] as number);
      if (scaled <= MAX_SAFE && scaled >= -MAX_SAFE) {
        const left = sa > sb ? a : scaled;
        const right = sa > sb ? scaled : b;
        return left < right ? -1 : left > right ? 1 : 0;
      }
    }
  }
  const scale = sa > sb ? sa : sb;
  const left = toBigUnscaled(a) * pow10Big(scale - sa);
  const right = toBigUnscaled(b) * pow10Big(scale - sb);
  return left < right ? -1 : left > right ? 1 : 0;
}

function addGeneral(
  a: Unscaled,
  sa: number,
  b: Unscaled,
  sb: number,
  resultScale: number,
  rounding: RoundingMode,
): Unscaled {
  const scale = sa > sb ? sa : sb;
  if (typeof a === 'number' && typeof b === 'number' && scale - (sa < sb ? sa : sb) <= MAX_EXACT_POW10) {
    const alignedA = sa === scale ? a : a * (POW10_NUMBER[scale - sa] as number);
    const alignedB = sb === scale ? b : b * (POW10_NUMBER[scale - sb] as number);
    const sum = alignedA + alignedB;
    // Each step is exact unless its magnitude reaches 2^53, and then this check fails.
    if (Math.abs(alignedA) <= MAX_SAFE && Math.abs(alignedB) <= MAX_SAFE && sum <= MAX_SAFE && sum >= -MAX_SAFE) {
      return resultScale === scale ? sum : rescaleUnscaled(sum, scale, resultScale, rounding);
    }
  }
  const sum = toBigUnscaled(a) * pow10Big(scale - sa) + toBigUnscaled(b) * pow10Big(scale - sb);
  return rescaleBig(sum, scale, resultScale, rounding);
}
