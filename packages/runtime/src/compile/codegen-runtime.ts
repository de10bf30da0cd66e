import { ErrorCodes, VeloError, formatSqlType, type SqlType } from '@velots/core';
import { Decimal, addUnscaled, mulUnscaled, subUnscaled } from '@velots/decimal';
import { compareNumericValues, compareValues, compileCast, compileLike, hashKey, valuesEqual } from '@velots/planner';
import type { CodegenRuntime } from './codegen-contract.js';
import {
  addInt64,
  divideDouble,
  divideInt64AsDouble,
  multiplyInt64,
  negateInt64,
  remainderDouble,
  remainderInt64,
  subtractInt64,
} from './integer-arithmetic.js';

type Binary = (a: unknown, b: unknown) => unknown;

/** Picks, at plan time, the one function that implements `left op right` for these operand types. */
function arithmetic(op: string, left: SqlType, right: SqlType, result: SqlType): Binary {
  if (result.kind === 'DECIMAL') return decimalArithmetic(op, result.scale);
  if (result.kind === 'DOUBLE') return doubleArithmetic(op, left, right);
  if (result.kind === 'BIGINT' || result.kind === 'INTEGER' || result.kind === 'TIMESTAMP' || result.kind === 'INTERVAL') {
    return integerArithmetic(op);
  }
  throw new VeloError(
    ErrorCodes.TYPE_MISMATCH,
    `no arithmetic '${op}' for ${formatSqlType(left)} and ${formatSqlType(right)} giving ${formatSqlType(result)}`,
  );
}

function integerArithmetic(op: string): Binary {
  switch (op) {
    case '+':
      return addInt64 as Binary;
    case '-':
      return subtractInt64 as Binary;
    case '*':
      return multiplyInt64 as Binary;
    case '%':
      return remainderInt64 as Binary;
    case '/':
      return divideInt64AsDouble as Binary;
    default:
      throw new VeloError(ErrorCodes.INTERNAL, `unknown arithmetic operator '${op}'`);
  }
}

function doubleArithmetic(op: string, left: SqlType, right: SqlType): Binary {
  const toDouble = (type: SqlType): ((v: unknown) => number) =>
    type.kind === 'DECIMAL' ? (v) => (v as Decimal).toDouble() : (v) => Number(v as number | bigint);
  const l = toDouble(left);
  const r = toDouble(right);
  switch (op) {
    case '+':
      return (a, b) => l(a) + r(b);
    case '-':
      return (a, b) => l(a) - r(b);
    case '*':
      return (a, b) => l(a) * r(b);
    case '/':
      return (a, b) => divideDouble(l(a), r(b));
    case '%':
      return (a, b) => remainderDouble(l(a), r(b));
    default:
      throw new VeloError(ErrorCodes.INTERNAL, `unknown arithmetic operator '${op}'`);
  }
}

function decimalArithmetic(op: string, resultScale: number): Binary {
  switch (op) {
    case '+':
      return (a, b) => (a as Decimal).add(b as Decimal);
    case '-':
      return (a, b) => (a as Decimal).sub(b as Decimal);
    case '*':
      return (a, b) => (a as Decimal).mul(b as Decimal);
    case '/':
      // x / 0 is NULL at the SQL layer (dialect §8); the decimal package itself throws DIVISION_BY_ZERO.
      return (a, b) => ((b as Decimal).isZero() ? null : (a as Decimal).div(b as Decimal, { scale: resultScale }));
    case '%':
      return (a, b) => ((b as Decimal).isZero() ? null : (a as Decimal).mod(b as Decimal));
    default:
      throw new VeloError(ErrorCodes.INTERNAL, `unknown arithmetic operator '${op}'`);
  }
}

function negate(type: SqlType): (a: unknown) => unknown {
  switch (type.kind) {
    case 'DECIMAL':
      return (a) => (a as Decimal).neg();
    case 'DOUBLE':
      return (a) => -(a as number);
    default:
      return negateInt64 as (a: unknown) => unknown;
  }
}

function keyToText(key: unknown): string {
  return typeof key === 'string' ? key : Buffer.from(key as Uint8Array).toString('utf8');
}

/** DECIMAL op BIGINT on unscaled values: one Decimal allocated for the result instead of two. */
function decimalWithInteger(op: '*' | '+' | '-'): (decimal: unknown, integer: unknown, swapped: boolean) => unknown {
  switch (op) {
    case '*':
      return (d, i) => {
        const a = d as Decimal;
        return Decimal.fromUnscaled(mulUnscaled(a.unscaled, a.scale, i as number | bigint, 0, a.scale), a.scale);
      };
    case '+':
      return (d, i) => {
        const a = d as Decimal;
        return Decimal.fromUnscaled(addUnscaled(a.unscaled, a.scale, i as number | bigint, 0, a.scale), a.scale);
      };
    case '-':
      return (d, i, swapped) => {
        const a = d as Decimal;
        const unscaled = swapped ? subUnscaled(i as number | bigint, 0, a.unscaled, a.scale, a.scale) : subUnscaled(a.unscaled, a.scale, i as number | bigint, 0, a.scale);
        return Decimal.fromUnscaled(unscaled, a.scale);
      };
  }
}

type LikeOptions = { caseInsensitive: boolean; escape: string | undefined };

/** A matcher per distinct non-constant pattern, kept in a small bounded cache. */
function likeCache(options: LikeOptions): (pattern: unknown) => (s: unknown) => boolean {
  const cache = new Map<string, (s: unknown) => boolean>();
  return (pattern) => {
    const text = String(pattern);
    let matcher = cache.get(text);
    if (!matcher) {
      if (cache.size >= 256) cache.clear();
      const compiled = compileLike(text, options);
      matcher = (s) => compiled(String(s));
      cache.set(text, matcher);
    }
    return matcher;
  };
}

/** The operations generated expression code calls. */
export const codegenRuntime: CodegenRuntime = {
  compileCast: (from, to) => compileCast(from, to) as (value: unknown) => unknown,
  arithmetic,
  negate,
  compareValues: compareValues as (a: unknown, b: unknown) => number,
  compareNumericValues: compareNumericValues as (a: unknown, b: unknown) => number,
  valuesEqual: valuesEqual as (a: unknown, b: unknown) => boolean,
  compileLike: (pattern, options) => {
    const compiled = compileLike(pattern, options);
    return (s) => compiled(String(s));
  },
  likeCache,
  keyToText,
  decimalWithInteger,
  hashKey: hashKey as (value: unknown) => string | number | boolean | null,
};
