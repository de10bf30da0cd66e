import { ErrorCodes, VeloError, type DecimalValue } from '@velots/core';
import {
  addUnscaled,
  compareUnscaled,
  divUnscaled,
  modUnscaled,
  mulUnscaled,
  negateUnscaled,
  subUnscaled,
} from './arithmetic.js';
import {
  checkDecimalType,
  checkDoubleArgument,
  checkFitsType,
  checkRoundingScale,
  checkScale,
  integerToUnscaled,
  roundToPowerOfTen,
  unscaledToDouble,
  unscaledArgument,
  unscaledToSqlBigint,
} from './conversions.js';
import { decimalParseError } from './errors.js';
import { canonicalKey, formatUnscaled } from './format.js';
import { MAX_EXACT_POW10, MAX_PRECISION } from './limits.js';
import { parseDecimalText, parseJsonNumberText, type DecimalTarget } from './parse.js';
import { divisionScale } from './division-scale.js';
import { rescaleUnscaled } from './rescale.js';
import { checkRoundingMode, type RoundingMode } from './rounding.js';
import { SumState } from './sum-state.js';
import { averageOf } from './average.js';
import { digitCount, fitsDigits, signOfUnscaled, toBigUnscaled, type Unscaled } from './unscaled.js';

/** Options of `div`: the result scale (the SQL rule's when absent) and the rounding (HALF_UP when absent). */
export interface DivisionOptions {
  readonly scale?: number | undefined;
  readonly rounding?: RoundingMode | undefined;
}

/**
 * An exact decimal: `unscaled × 10^−scale`, unscaled a number while |unscaled| < 2^53 and a bigint beyond
 * (always the same representation for the same unscaled integer), at most 38 digits, scale 0..38.
 * Immutable: every operation returns a new Decimal. Implements core's DecimalValue.
 */
export class Decimal implements DecimalValue {
  readonly unscaled: Unscaled;
  readonly scale: number;

  /** Trusts its arguments: canonical unscaled, scale 0..38, at most 38 digits. Use the static factories. */
  private constructor(unscaled: Unscaled, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  /** Zero at scale 0. */
  static readonly ZERO: Decimal = new Decimal(0, 0);

  /** Parses decimal text without floats; coerces to `target` (HALF_UP) when given. DECIMAL_PARSE on garbage. */
  static parse(text: string, target?: DecimalTarget): Decimal {
    if (typeof text !== 'string') throw decimalParseError(String(text), 'expected a string');
    const parsed = parseDecimalText(text, target);
    return new Decimal(parsed.unscaled, parsed.scale);
  }

  /** Parses exactly JSON number text: `-0.5`, `1E+3`, `12.50` (scale 2); rejects what JSON rejects. */
  static fromJSONNumberText(text: string, target?: DecimalTarget): Decimal {
    const parsed = parseJsonNumberText(text, target);
    return new Decimal(parsed.unscaled, parsed.scale);
  }

  /** The integer n (a safe integer number or a bigint) at `scale`: fromInteger(7, 2) is 7.00. */
  static fromInteger(n: number | bigint, scale = 0): Decimal {
    return new Decimal(integerToUnscaled(n, scale), scale);
  }

  /** unscaled × 10^−scale; normalises the representation (number when safe) and checks the 38-digit limit. */
  static fromUnscaled(unscaled: number | bigint, scale: number): Decimal {
    return new Decimal(unscaledArgument(unscaled, scale), scale);
  }

  /**
   * CAST(double AS DECIMAL): the double's shortest round-trip text (`0.1` is 0.1, not 0.1000000000000000055…),
   * rounded HALF_UP to `scale` when given. NaN is DECIMAL_PARSE, ±Infinity NUMERIC_OVERFLOW.
   */
  static fromDouble(x: number, scale?: number): Decimal {
    checkDoubleArgument(x, scale);
    if (
      Number.isInteger(x) &&
      Math.abs(x) <= Number.MAX_SAFE_INTEGER &&
      (scale === undefined || scale <= MAX_EXACT_POW10)
    ) {
      return Decimal.fromInteger(x, scale ?? 0);
    }
    return Decimal.parse(String(x), scale === undefined ? undefined : { scale });
  }

  /** True for Decimal instances. */
  static isDecimal(value: unknown): value is Decimal {
    return value instanceof Decimal;
  }

  /** Any DecimalValue (another package's shape) as a Decimal, validating it. */
  static from(value: DecimalValue): Decimal {
    return value instanceof Decimal ? value : Decimal.fromUnscaled(value.unscaled, value.scale);
  }

  /** Compares two decimals numerically: −1, 0 or 1 (1.1 and 1.10 compare equal). */
  static compare(a: DecimalValue, b: DecimalValue): -1 | 0 | 1 {
    return compareUnscaled(a.unscaled, a.scale, b.unscaled, b.scale);
  }

  /** The least of the values (the first of equal ones). */
  static min(first: Decimal, ...rest: Decimal[]): Decimal {
    let least = first;
    for (const value of rest)
      if (compareUnscaled(value.unscaled, value.scale, least.unscaled, least.scale) < 0) least = value;
    return least;
  }

  /** The greatest of the values (the first of equal ones). */
  static max(first: Decimal, ...rest: Decimal[]): Decimal {
    let greatest = first;
    for (const value of rest)
      if (compareUnscaled(value.unscaled, value.scale, greatest.unscaled, greatest.scale) > 0) greatest = value;
    return greatest;
  }

  /** The exact sum at the largest scale seen; 0 for no values (SQL's NULL is DecimalSumAccumulator's). */
  static sum(values: Iterable<DecimalValue>): Decimal {
    const state = new SumState();
    for (const value of values) state.add(value.unscaled, value.scale);
    return new Decimal(state.total(), state.scale);
  }

  /** The mean at scale max(s, 6) (s = largest scale seen), HALF_UP; null for no values. */
  static avg(values: Iterable<DecimalValue>, rounding: RoundingMode = 'HALF_UP'): Decimal | null {
    const state = new SumState();
    for (const value of values) state.add(value.unscaled, value.scale);
    const average = averageOf(state, rounding);
    return average === null ? null : new Decimal(average.unscaled, average.scale);
  }

  /** this + other at scale max(s1, s2); NUMERIC_OVERFLOW past 38 digits. */
  add(other: DecimalValue): Decimal {
    const scale = this.scale > other.scale ? this.scale : other.scale;
    return new Decimal(addUnscaled(this.unscaled, this.scale, other.unscaled, other.scale, scale), scale);
  }

  /** this − other at scale max(s1, s2). */
  sub(other: DecimalValue): Decimal {
    const scale = this.scale > other.scale ? this.scale : other.scale;
    return new Decimal(subUnscaled(this.unscaled, this.scale, other.unscaled, other.scale, scale), scale);
  }

  /** this × other at scale s1 + s2, rounded HALF_UP to 38 when s1 + s2 exceeds it. */
  mul(other: DecimalValue): Decimal {
    const scale = Math.min(this.scale + other.scale, MAX_PRECISION);
    return new Decimal(mulUnscaled(this.unscaled, this.scale, other.unscaled, other.scale, scale), scale);
  }

  /**
   * this ÷ other at `options.scale`, or by the SQL rule max(6, s1 + p2 + 1) capped at 38, where p2 is the
   * divisor's precision as a type (max(its digits, its scale)); rounded HALF_UP unless told. DIVISION_BY_ZERO on 0.
   */
  div(other: DecimalValue, options: DivisionOptions = {}): Decimal {
    const scale = options.scale ?? divisionScale(this.scale, other.unscaled, other.scale);
    checkScale(scale, 'Decimal.div');
    const rounding = options.rounding === undefined ? 'HALF_UP' : checkRoundingMode(options.rounding);
    return new Decimal(divUnscaled(this.unscaled, this.scale, other.unscaled, other.scale, scale, rounding), scale);
  }

  /** The remainder of this ÷ other truncated toward zero (sign of this), at scale max(s1, s2). DIVISION_BY_ZERO on 0. */
  mod(other: DecimalValue): Decimal {
    const scale = this.scale > other.scale ? this.scale : other.scale;
    return new Decimal(modUnscaled(this.unscaled, this.scale, other.unscaled, other.scale, scale), scale);
  }

  /** −this. */
  neg(): Decimal {
    return new Decimal(negateUnscaled(this.unscaled), this.scale);
  }

  /** |this|. */
  abs(): Decimal {
    return this.unscaled < 0 ? this.neg() : this;
  }

  /** −1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return signOfUnscaled(this.unscaled);
  }

  /** True for zero at any scale. */
  isZero(): boolean {
    return this.unscaled === 0;
  }

  /** The number of digits of the unscaled value (1 for zero): 12.345 has 5. */
  precision(): number {
    return digitCount(this.unscaled);
  }

  /** True when this value, at its scale, fits DECIMAL(p, scale): scale ≤ p and |unscaled| < 10^p. */
  fitsPrecision(p: number): boolean {
    return this.scale <= p && fitsDigits(this.unscaled, p);
  }

  /** This value at `scale`: exact when the scale grows, rounded (HALF_UP unless told) when it shrinks. */
  rescale(scale: number, rounding: RoundingMode = 'HALF_UP'): Decimal {
    checkScale(scale, 'Decimal.rescale');
    if (scale === this.scale) return this;
    return new Decimal(rescaleUnscaled(this.unscaled, this.scale, scale, checkRoundingMode(rounding)), scale);
  }

  /** CAST to DECIMAL(precision, scale): rescale (HALF_UP unless told), then NUMERIC_OVERFLOW if it does not fit. */
  coerce(precision: number, scale: number, rounding: RoundingMode = 'HALF_UP'): Decimal {
    checkDecimalType(precision, scale);
    const value = this.rescale(scale, rounding);
    checkFitsType(value.unscaled, precision, scale, this);
    return value;
  }

  /** ROUND(this, scale), half away from zero. A negative scale rounds to tens, hundreds…, giving scale 0. */
  round(scale: number): Decimal {
    return this.roundTo(scale, 'HALF_UP');
  }

  /** TRUNCATE(this, scale): drops digits toward zero. */
  truncate(scale: number): Decimal {
    return this.roundTo(scale, 'DOWN');
  }

  /** FLOOR to `scale` (toward −∞). */
  floor(scale = 0): Decimal {
    return this.roundTo(scale, 'FLOOR');
  }

  /** CEIL to `scale` (toward +∞). */
  ceil(scale = 0): Decimal {
    return this.roundTo(scale, 'CEILING');
  }

  /** Numeric comparison with another decimal: −1, 0 or 1. */
  compare(other: DecimalValue): -1 | 0 | 1 {
    return compareUnscaled(this.unscaled, this.scale, other.unscaled, other.scale);
  }

  /** Numeric equality: 1.1 equals 1.10. */
  equals(other: DecimalValue): boolean {
    return compareUnscaled(this.unscaled, this.scale, other.unscaled, other.scale) === 0;
  }

  /** A group/hash key equal exactly for numerically equal values: the text without trailing fraction zeros. */
  hashKey(): string {
    return canonicalKey(this.unscaled, this.scale);
  }

  /** Plain text at this value's scale: `12.345`, `1.50`, `-0.010`; never an exponent. */
  toString(): string {
    return formatUnscaled(this.unscaled, this.scale);
  }

  /** Same as toString: the canonical fixed-point text (CAST to STRING, JSON and Protobuf string forms). */
  toFixedString(): string {
    return formatUnscaled(this.unscaled, this.scale);
  }

  /** JSON.stringify writes the exact text as a JSON string; sinks that want a bare JSON number write toString(). */
  toJSON(): string {
    return formatUnscaled(this.unscaled, this.scale);
  }

  /** CAST to DOUBLE: the double nearest to the exact value (correctly rounded). */
  toDouble(): number {
    return unscaledToDouble(this.unscaled, this.scale);
  }

  /** Rounds to an integer (HALF_UP = half away from zero) as a bigint, with no range limit. */
  toBigInt(rounding: RoundingMode = 'HALF_UP'): bigint {
    return toBigUnscaled(rescaleUnscaled(this.unscaled, this.scale, 0, checkRoundingMode(rounding)));
  }

  /** CAST to BIGINT: rounded (HALF_UP) to a number, or a bigint beyond 2^53; NUMERIC_OVERFLOW outside 64 bits. */
  toSqlBigint(rounding: RoundingMode = 'HALF_UP'): number | bigint {
    return unscaledToSqlBigint(this.unscaled, this.scale, checkRoundingMode(rounding));
  }

  /** Guards against silent float arithmetic: `d * 2`, `+d` and `d < e` throw; string contexts get the text. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'number') {
      throw new VeloError(
        ErrorCodes.TYPE_MISMATCH,
        `DECIMAL ${this.toString()} used as a JS number; use toDouble(), compare() or the Decimal arithmetic methods`,
      );
    }
    return this.toString();
  }

  private roundTo(scale: number, rounding: RoundingMode): Decimal {
    checkRoundingScale(scale);
    if (scale >= 0) return this.rescale(scale, rounding);
    return new Decimal(roundToPowerOfTen(this.unscaled, this.scale, scale, rounding), 0);
  }
}
