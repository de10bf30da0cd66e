// Shared by the property tests: random decimals covering the edges, and decimal.js as an independent oracle.
import { Decimal as DecimalJs } from 'decimal.js';
import fc from 'fast-check';
import { Decimal, type RoundingMode } from '../src/index.js';

/** decimal.js with room for any exact product of two 38-digit values. */
export const Oracle = DecimalJs.clone({ precision: 200, toExpNeg: -500, toExpPos: 500 });
export type OracleValue = InstanceType<typeof Oracle>;

const ORACLE_ROUNDING: Record<RoundingMode, DecimalJs.Rounding> = {
  HALF_UP: DecimalJs.ROUND_HALF_UP,
  HALF_EVEN: DecimalJs.ROUND_HALF_EVEN,
  HALF_DOWN: DecimalJs.ROUND_HALF_DOWN,
  DOWN: DecimalJs.ROUND_DOWN,
  UP: DecimalJs.ROUND_UP,
  FLOOR: DecimalJs.ROUND_FLOOR,
  CEILING: DecimalJs.ROUND_CEIL,
};

const LIMIT = 10n ** 38n;
const TWO_53 = 2n ** 53n;

/** The oracle's view of a Decimal. */
export function toOracle(value: Decimal): OracleValue {
  return new Oracle(value.toString());
}

/** The oracle value rounded to `scale`, as an unscaled bigint (so −0 and 0 agree). */
export function oracleUnscaled(value: OracleValue, scale: number, rounding: RoundingMode = 'HALF_UP'): bigint {
  return BigInt(value.toDecimalPlaces(scale, ORACLE_ROUNDING[rounding]).times(new Oracle(10).pow(scale)).toFixed(0));
}

/** True when an unscaled bigint has more than 38 digits, where the library must raise NUMERIC_OVERFLOW. */
export function overflows(unscaled: bigint): boolean {
  return unscaled >= LIMIT || unscaled <= -LIMIT;
}

/** The Decimal's unscaled value as a bigint. */
export function unscaledBig(value: Decimal): bigint {
  return BigInt(value.unscaled);
}

/** Unscaled integers from every region that matters: tiny, around ±2^53, and up to 38 digits. */
export const unscaledArb: fc.Arbitrary<bigint> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(BigInt),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(BigInt),
  fc.bigInt({ min: -1000n, max: 1000n }).map((offset) => TWO_53 + offset),
  fc.bigInt({ min: -1000n, max: 1000n }).map((offset) => -TWO_53 + offset),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
  fc.bigInt({ min: -LIMIT + 1n, max: LIMIT - 1n }),
  fc.constantFrom(0n, 5n, -5n, 15n, -15n, 25n, -25n, LIMIT - 1n, -LIMIT + 1n),
);

/** Scales 0..38, weighted toward the everyday ones. */
export const scaleArb: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 38 }));

/** Random Decimals of any sign, size and scale. */
export const decimalArb: fc.Arbitrary<Decimal> = fc
  .tuple(unscaledArb, scaleArb)
  .map(([unscaled, scale]) => Decimal.fromUnscaled(unscaled, scale));

/** Every rounding mode. */
export const roundingArb: fc.Arbitrary<RoundingMode> = fc.constantFrom(
  'HALF_UP',
  'HALF_EVEN',
  'HALF_DOWN',
  'DOWN',
  'UP',
  'FLOOR',
  'CEILING',
);
