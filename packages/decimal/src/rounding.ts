import { invalidArgument } from './errors.js';

/**
 * How a result that does not fit its scale is rounded. HALF_UP (the default everywhere) is half away
 * from zero, as SQL Server and Postgres round NUMERIC; HALF_EVEN is banker's rounding; DOWN truncates
 * toward zero, UP rounds away from zero, FLOOR toward −∞, CEILING toward +∞, HALF_DOWN is half toward zero.
 */
export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'HALF_DOWN' | 'DOWN' | 'UP' | 'FLOOR' | 'CEILING';

/** Every rounding mode, for validation and for tests that cover them all. */
export const ROUNDING_MODES: readonly RoundingMode[] = [
  'HALF_UP',
  'HALF_EVEN',
  'HALF_DOWN',
  'DOWN',
  'UP',
  'FLOOR',
  'CEILING',
];

/** Throws INVALID_ARGUMENT unless `mode` is a RoundingMode (the API is also called from plain JS). */
export function checkRoundingMode(mode: string): RoundingMode {
  if ((ROUNDING_MODES as readonly string[]).includes(mode)) return mode as RoundingMode;
  throw invalidArgument(`unknown rounding mode '${mode}'; expected one of ${ROUNDING_MODES.join(', ')}`);
}

/**
 * Whether a truncated quotient moves one step away from zero.
 * `half` compares twice the remainder's magnitude with the divisor's: −1 below half, 0 exactly half, 1 above.
 */
function bumps(mode: RoundingMode, resultSign: number, half: number, quotientIsOdd: boolean): boolean {
  switch (mode) {
    case 'HALF_UP':
      return half >= 0;
    case 'HALF_EVEN':
      return half > 0 || (half === 0 && quotientIsOdd);
    case 'HALF_DOWN':
      return half > 0;
    case 'DOWN':
      return false;
    case 'UP':
      return true;
    case 'FLOOR':
      return resultSign < 0;
    case 'CEILING':
      return resultSign > 0;
    default: {
      const unknown: never = mode;
      throw invalidArgument(`unknown rounding mode '${String(unknown)}'`);
    }
  }
}

/**
 * numerator / denominator rounded to an integer, for safe-integer numbers (denominator ≠ 0).
 * `%` on integral doubles is exact, and so is dividing out an exact multiple, so no float error creeps in.
 */
export function divideRoundedNumber(numerator: number, denominator: number, mode: RoundingMode): number {
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  if (remainder === 0) return quotient;
  const twiceRemainder = 2 * Math.abs(remainder);
  const divisor = Math.abs(denominator);
  const half = twiceRemainder < divisor ? -1 : twiceRemainder === divisor ? 0 : 1;
  const resultSign = numerator < 0 === denominator < 0 ? 1 : -1;
  return bumps(mode, resultSign, half, quotient % 2 !== 0) ? quotient + resultSign : quotient;
}

/** numerator / denominator rounded to an integer, for bigints (denominator ≠ 0n). */
export function divideRoundedBig(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator - quotient * denominator;
  if (remainder === 0n) return quotient;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  const divisor = denominator < 0n ? -denominator : denominator;
  const half = twiceRemainder < divisor ? -1 : twiceRemainder === divisor ? 0 : 1;
  const resultSign = numerator < 0n === denominator < 0n ? 1 : -1;
  return bumps(mode, resultSign, half, (quotient & 1n) === 1n) ? quotient + BigInt(resultSign) : quotient;
}
