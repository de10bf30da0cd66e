// @velots/decimal: exact DECIMAL(p, s) values as scaled integers, number-fast and bigint-exact.
export { Decimal, type DivisionOptions } from './decimal.js';
export { DecimalAvgAccumulator, DecimalSumAccumulator, type RunningSumState } from './aggregates.js';
export { addToExactSum, type ExactSum } from './exact-sum.js';
export { ROUNDING_MODES, type RoundingMode } from './rounding.js';
export type { DecimalTarget, UnscaledDecimal } from './parse.js';
export type { Unscaled } from './unscaled.js';
export {
  MAX_NUMBER_PATH_PRECISION,
  MINIMUM_ADJUSTED_SCALE,
  MINIMUM_DIVISION_SCALE,
  addResultType,
  avgResultType,
  divResultType,
  fitResultType,
  fitsNumberPath,
  integerDecimalType,
  modResultType,
  mulResultType,
  subResultType,
  sumResultType,
  type DecimalResultType,
} from './result-types.js';
export {
  addUnscaled,
  compareUnscaled,
  divUnscaled,
  modUnscaled,
  mulUnscaled,
  negateUnscaled,
  subUnscaled,
} from './arithmetic.js';
export { rescaleUnscaled } from './rescale.js';
export { assertFitsPrecision } from './unscaled.js';
export { divisionScale } from './division-scale.js';
export { canonicalKey, formatUnscaled } from './format.js';
export { parseDecimalText, parseJsonNumberText } from './parse.js';
export { decimalFromAvroBytes, decimalFromAvroFixed, decimalToAvroBytes, decimalToAvroFixed } from './avro.js';
export { MAX_PRECISION } from './limits.js';

import { Decimal } from './decimal.js';
import type { DecimalTarget } from './parse.js';

/** Parses exactly JSON number text into a Decimal (`12.50` keeps scale 2); same as Decimal.fromJSONNumberText. */
export function fromJSONNumberText(text: string, target?: DecimalTarget): Decimal {
  return Decimal.fromJSONNumberText(text, target);
}
