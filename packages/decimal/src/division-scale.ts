import { MAX_PRECISION } from './limits.js';
import { MINIMUM_DIVISION_SCALE } from './result-types.js';
import { digitCount, type Unscaled } from './unscaled.js';

/**
 * The default scale of a value-level quotient: max(6, s1 + p2 + 1) capped at 38, with p2 the divisor's
 * precision as a type, max(digits, scale) (0.05 is at least DECIMAL(2,2)).
 */
export function divisionScale(dividendScale: number, divisor: Unscaled, divisorScale: number): number {
  const divisorPrecision = Math.max(digitCount(divisor), divisorScale);
  return Math.min(Math.max(MINIMUM_DIVISION_SCALE, dividendScale + divisorPrecision + 1), MAX_PRECISION);
}
