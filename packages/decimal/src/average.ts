import { divUnscaled } from './arithmetic.js';
import { MINIMUM_DIVISION_SCALE } from './result-types.js';
import type { RoundingMode } from './rounding.js';
import type { SumState } from './sum-state.js';
import { normalizeUnscaled, type Unscaled } from './unscaled.js';

/** SUM ÷ COUNT at scale max(s, 6), computed on the exact total; null when nothing was added. */
export function averageOf(state: SumState, rounding: RoundingMode): { unscaled: Unscaled; scale: number } | null {
  if (state.count === 0) return null;
  const scale = Math.max(state.scale, MINIMUM_DIVISION_SCALE);
  const total = state.high === 0n ? state.low : normalizeUnscaled(state.totalBig());
  return { unscaled: divUnscaled(total, state.scale, state.count, 0, scale, rounding), scale };
}
