import { SqlTypes, decimalType, MAX_DECIMAL_PRECISION, type DecimalValue, type SqlType, type SqlValue } from '@velots/core';
import { compareValues } from '../values/compare.js';
import { divFloor, divRoundHalfUp, parseDecimalText, rescaleUnscaled, unscaledOf } from '../values/decimal-math.js';
import { makeDecimal } from '../values/decimal-bridge.js';
import { pow10 } from '../values/exact-number.js';
import { checkedBigint, doubleToBigint, roundHalfAwayFromZero, toBigintValue } from '../values/integer.js';
import { commonSupertypeOf } from '../values/supertype.js';
import { argumentError, coerceArg } from './signature.js';
import { defineFunction, invalidArgument } from './define.js';
import type { ResolvedSignature, ScalarFunction } from './function-def.js';

/** Numeric functions: ABS, ROUND, CEIL, FLOOR, SQRT, POWER, MOD, LEAST, GREATEST, EXP, LN, LOG10, LOG, SIGN, PI, RAND. */

const sameNumericType = (t: readonly SqlType[]): SqlType => t[0] as SqlType;

function asDecimal(v: SqlValue | undefined): DecimalValue {
  return v as DecimalValue;
}

/** A double rounded half away from zero to `digits` decimals, via its shortest text so 1.005 rounds to 1.01. */
function roundDouble(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  if (digits === 0) return roundHalfAwayFromZero(x);
  const parsed = parseDecimalText(String(x)) as { unscaled: bigint; scale: number };
  if (digits >= parsed.scale) return x;
  const target = Math.max(digits, 0);
  let u = rescaleUnscaled(parsed.unscaled, parsed.scale, target);
  if (digits < 0) u = divRoundHalfUp(u, pow10(-digits)) * pow10(-digits);
  const result = Number(`${u}e-${target}`);
  return result === 0 ? 0 : result;
}

function roundInteger(v: number | bigint, digits: number): number | bigint {
  if (digits >= 0) return v;
  const factor = pow10(-digits);
  return checkedBigint(divRoundHalfUp(BigInt(v), factor) * factor, 'ROUND');
}

function roundDecimal(d: DecimalValue, digits: number): DecimalValue {
  if (digits >= d.scale) return d;
  const factor = pow10(d.scale - digits);
  return makeDecimal(divRoundHalfUp(unscaledOf(d), factor) * factor, d.scale);
}

const ABS = defineFunction({
  name: 'ABS',
  category: 'math',
  minArgs: 1,
  description: 'ABS(x) → same type: the absolute value',
  args: ['numeric'],
  result: sameNumericType,
  impl: (_ctx, [x]) => {
    if (typeof x === 'number') return Math.abs(x);
    if (typeof x === 'bigint') return checkedBigint(x < 0n ? -x : x, 'ABS');
    const d = asDecimal(x);
    const u = unscaledOf(d);
    return u < 0n ? makeDecimal(-u, d.scale) : d;
  },
});

const ROUND = defineFunction({
  name: 'ROUND',
  category: 'math',
  minArgs: 1,
  maxArgs: 2,
  description: 'ROUND(x[, d]) → same type: x rounded half away from zero to d decimals (default 0; negative d rounds left of the point)',
  args: ['numeric', 'integer'],
  result: (t) => {
    const x = t[0] as SqlType;
    return x.kind === 'DECIMAL' ? decimalType(Math.min(MAX_DECIMAL_PRECISION, x.precision + 1), x.scale) : x;
  },
  impl: (_ctx, args) => {
    const x = args[0] as SqlValue;
    const digits = args.length > 1 ? Number(args[1]) : 0;
    if (typeof x === 'number') {
      return Number.isInteger(x) && digits >= 0 ? x : (Number.isSafeInteger(x) ? (roundInteger(x, digits) as number) : roundDouble(x, digits));
    }
    if (typeof x === 'bigint') return roundInteger(x, digits);
    return roundDecimal(asDecimal(x), digits);
  },
});

/** CEIL and FLOOR share everything but the direction. */
function integerRounding(name: string, aliases: readonly string[], up: boolean): ScalarFunction {
  return defineFunction({
    name,
    aliases,
    category: 'math',
    minArgs: 1,
    description: `${name}(x) → BIGINT: the ${up ? 'smallest integer ≥ x' : 'largest integer ≤ x'}`,
    args: ['numeric'],
    result: SqlTypes.BIGINT,
    impl: (_ctx, [x]) => {
      if (typeof x === 'bigint') return x;
      if (typeof x === 'number') {
        const r = up ? Math.ceil(x) : Math.floor(x);
        const v = doubleToBigint(r);
        if (v === undefined) throw invalidArgument(name, `${x} has no BIGINT ${up ? 'ceiling' : 'floor'}`);
        return v;
      }
      const d = asDecimal(x);
      const factor = pow10(d.scale);
      const u = unscaledOf(d);
      const q = up ? -divFloor(-u, factor) : divFloor(u, factor);
      return checkedBigint(q, name);
    },
  });
}

/** A function of doubles returning a double, with a domain check. */
function doubleFunction(
  name: string,
  description: string,
  f: (x: number) => number,
  domain: (x: number) => boolean = () => true,
  domainText = '',
): ScalarFunction {
  return defineFunction({
    name,
    category: 'math',
    minArgs: 1,
    description,
    args: ['double'],
    result: SqlTypes.DOUBLE,
    impl: (_ctx, [x]) => {
      if (!domain(x as number)) throw invalidArgument(name, `${String(x)} is out of its domain (${domainText})`);
      return f(x as number);
    },
  });
}

function numericResolve(name: string) {
  return (types: readonly SqlType[]): ResolvedSignature => {
    const coerced = types.map((t, i) => coerceArg(name, i, t, 'numeric'));
    const result = commonSupertypeOf(coerced);
    if (!result) throw argumentError(name, 1, 'a number compatible with the first', types[1] as SqlType);
    return { result, argTypes: coerced.map(() => result) };
  };
}

const MOD = defineFunction({
  name: 'MOD',
  category: 'math',
  minArgs: 2,
  description: 'MOD(a, b) → common numeric type: the remainder of a / b with the sign of a; NULL when b = 0',
  resolve: numericResolve('MOD'),
  impl: (_ctx, [a, b]) => {
    if (typeof a === 'number' && typeof b === 'number') {
      if (b === 0) return null;
      const r = a % b;
      return r === 0 ? 0 : r;
    }
    if (typeof a !== 'object' && typeof b !== 'object') {
      const divisor = toBigintValue(b as SqlValue);
      return divisor === 0n ? null : checkedBigint(toBigintValue(a as SqlValue) % divisor, 'MOD');
    }
    const x = asDecimal(a as SqlValue);
    const y = asDecimal(b as SqlValue);
    const scale = Math.max(x.scale, y.scale);
    const divisor = rescaleUnscaled(unscaledOf(y), y.scale, scale);
    if (divisor === 0n) return null;
    return makeDecimal(rescaleUnscaled(unscaledOf(x), x.scale, scale) % divisor, scale);
  },
});

function extremum(name: string, pickGreater: boolean): ScalarFunction {
  return defineFunction({
    name,
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    nulls: 'custom',
    description: `${name}(x, …) → common type: the ${pickGreater ? 'largest' : 'smallest'} argument, skipping NULLs (NULL when all are NULL)`,
    resolve: (types) => {
      const result = commonSupertypeOf(types);
      if (!result) throw argumentError(name, types.length - 1, 'of a type comparable with the others', types[types.length - 1] as SqlType);
      return { result, argTypes: types.map(() => result) };
    },
    impl: (_ctx, args) => {
      let best: SqlValue = null;
      for (const v of args) {
        if (v === null) continue;
        if (best === null || (pickGreater ? compareValues(v, best) > 0 : compareValues(v, best) < 0)) best = v;
      }
      return best;
    },
  });
}

const LOG = defineFunction({
  name: 'LOG',
  category: 'math',
  minArgs: 1,
  maxArgs: 2,
  description: 'LOG(x) → DOUBLE: base-10 logarithm; LOG(b, x): base-b logarithm',
  args: ['double'],
  result: SqlTypes.DOUBLE,
  impl: (_ctx, args) => {
    const x = args[args.length - 1] as number;
    if (!(x > 0)) throw invalidArgument('LOG', `${x} is out of its domain (x > 0)`);
    if (args.length === 1) return Math.log10(x);
    const b = args[0] as number;
    if (!(b > 0) || b === 1) throw invalidArgument('LOG', `base ${b} is out of its domain (b > 0, b ≠ 1)`);
    return Math.log(x) / Math.log(b);
  },
});

const SIGN = defineFunction({
  name: 'SIGN',
  category: 'math',
  minArgs: 1,
  description: 'SIGN(x) → BIGINT: −1, 0 or 1',
  args: ['numeric'],
  result: SqlTypes.BIGINT,
  impl: (_ctx, [x]) => {
    if (typeof x === 'number') return Number.isNaN(x) ? null : x > 0 ? 1 : x < 0 ? -1 : 0;
    const u = typeof x === 'bigint' ? x : unscaledOf(asDecimal(x as SqlValue));
    return u > 0n ? 1 : u < 0n ? -1 : 0;
  },
});

/** Every math function. */
export const mathFunctions: readonly ScalarFunction[] = [
  ABS,
  ROUND,
  integerRounding('CEIL', ['CEILING'], true),
  integerRounding('FLOOR', [], false),
  doubleFunction('SQRT', 'SQRT(x) → DOUBLE: the square root; x < 0 is a record error', Math.sqrt, (x) => x >= 0 || Number.isNaN(x), 'x ≥ 0'),
  defineFunction({
    name: 'POWER',
    aliases: ['POW'],
    category: 'math',
    minArgs: 2,
    description: 'POWER(b, e) → DOUBLE: b raised to e',
    args: ['double'],
    result: SqlTypes.DOUBLE,
    impl: (_ctx, [b, e]) => Math.pow(b as number, e as number),
  }),
  MOD,
  extremum('LEAST', false),
  extremum('GREATEST', true),
  doubleFunction('EXP', 'EXP(x) → DOUBLE: e raised to x', Math.exp),
  doubleFunction('LN', 'LN(x) → DOUBLE: natural logarithm; x ≤ 0 is a record error', Math.log, (x) => x > 0, 'x > 0'),
  doubleFunction('LOG10', 'LOG10(x) → DOUBLE: base-10 logarithm; x ≤ 0 is a record error', Math.log10, (x) => x > 0, 'x > 0'),
  LOG,
  SIGN,
  defineFunction({
    name: 'PI',
    category: 'math',
    minArgs: 0,
    description: 'PI() → DOUBLE: π',
    result: SqlTypes.DOUBLE,
    impl: () => Math.PI,
  }),
  defineFunction({
    name: 'RAND',
    aliases: ['RANDOM'],
    category: 'math',
    minArgs: 0,
    deterministic: false,
    description: 'RAND() → DOUBLE: a uniform random number in [0, 1)',
    result: SqlTypes.DOUBLE,
    impl: () => Math.random(),
  }),
];
