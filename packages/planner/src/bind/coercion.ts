import { SqlTypes, decimalType, formatSqlType, isNumericType, sqlTypeEquals, type SqlType } from '@velots/core';
import { addResultType, divResultType, modResultType, mulResultType } from '@velots/decimal';
import type { ArithmeticOp } from './bound-expr.js';
import type { BoundExpr } from './bound-expr.js';
import { castValue } from '../values/cast.js';
import { commonSupertype } from '../values/supertype.js';
import { literal } from './literals.js';

/** INTEGER is BIGINT in this dialect; everything else is itself. */
export function normalizeType(type: SqlType): SqlType {
  return type.kind === 'INTEGER' ? SqlTypes.BIGINT : type;
}

/** The DECIMAL a BIGINT widens to (19 digits hold every 64-bit integer). */
export const BIGINT_AS_DECIMAL = decimalType(19, 0);

/**
 * Converts `expr` to `target`: a literal is converted now (so a bad literal is a plan-time error),
 * anything else gets an implicit Cast node. Returns `expr` itself when the types already agree.
 */
export function coerceTo(expr: BoundExpr, target: SqlType): BoundExpr {
  if (sqlTypeEquals(expr.type, target) || (expr.type.kind === 'INTEGER' && target.kind === 'BIGINT')) return expr;
  if (expr.kind === 'Literal') return literal(target, expr.value === null ? null : castValue(expr.value, expr.type, target));
  if (expr.type.kind === 'NULL') return literal(target, null);
  return { kind: 'Cast', type: target, input: expr, implicit: true };
}

/** Result and operand types of `left op right`, or undefined when the operator does not apply. */
export interface ArithmeticTyping {
  readonly result: SqlType;
  readonly left: SqlType;
  readonly right: SqlType;
}

/**
 * The arithmetic result-type rules of dialect §8: BIGINT op BIGINT → BIGINT (`/` → DOUBLE); with
 * DECIMAL → DECIMAL per the decimal package's rules; with DOUBLE → DOUBLE; and the temporal forms.
 */
export function arithmeticTyping(op: ArithmeticOp, leftType: SqlType, rightType: SqlType): ArithmeticTyping | undefined {
  const l = normalizeType(leftType);
  const r = normalizeType(rightType);
  if (l.kind === 'NULL' && r.kind === 'NULL') return { result: SqlTypes.BIGINT, left: SqlTypes.BIGINT, right: SqlTypes.BIGINT };
  if (l.kind === 'NULL') return arithmeticTyping(op, r, r);
  if (r.kind === 'NULL') return arithmeticTyping(op, l, l);
  const temporal = temporalTyping(op, l, r);
  if (temporal) return temporal;
  if (!isNumericType(l) || !isNumericType(r)) return undefined;
  if (l.kind === 'DOUBLE' || r.kind === 'DOUBLE') return { result: SqlTypes.DOUBLE, left: SqlTypes.DOUBLE, right: SqlTypes.DOUBLE };
  if (l.kind === 'DECIMAL' || r.kind === 'DECIMAL') {
    const ld = l.kind === 'DECIMAL' ? l : BIGINT_AS_DECIMAL;
    const rd = r.kind === 'DECIMAL' ? r : BIGINT_AS_DECIMAL;
    const rule = op === '+' || op === '-' ? addResultType : op === '*' ? mulResultType : op === '/' ? divResultType : modResultType;
    const { precision, scale } = rule(ld.precision, ld.scale, rd.precision, rd.scale);
    return { result: decimalType(precision, scale), left: ld, right: rd };
  }
  return { result: op === '/' ? SqlTypes.DOUBLE : SqlTypes.BIGINT, left: SqlTypes.BIGINT, right: SqlTypes.BIGINT };
}

function temporalTyping(op: ArithmeticOp, l: SqlType, r: SqlType): ArithmeticTyping | undefined {
  const time = (t: SqlType): SqlType => (t.kind === 'DATE' ? SqlTypes.TIMESTAMP : t);
  const isTime = (t: SqlType): boolean => t.kind === 'TIMESTAMP' || t.kind === 'DATE';
  const lt = time(l);
  const rt = time(r);
  if (isTime(l) && r.kind === 'INTERVAL' && (op === '+' || op === '-')) return { result: SqlTypes.TIMESTAMP, left: lt, right: r };
  if (l.kind === 'INTERVAL' && isTime(r) && op === '+') return { result: SqlTypes.TIMESTAMP, left: l, right: rt };
  if (isTime(l) && isTime(r) && op === '-') return { result: SqlTypes.BIGINT, left: lt, right: rt };
  // A TIMESTAMP mixed with a BIGINT acts as epoch ms (§8).
  if (isTime(l) && r.kind === 'BIGINT' && (op === '+' || op === '-')) return { result: SqlTypes.BIGINT, left: lt, right: r };
  if (l.kind === 'BIGINT' && isTime(r) && (op === '+' || op === '-')) return { result: SqlTypes.BIGINT, left: l, right: rt };
  if (l.kind === 'INTERVAL' && r.kind === 'INTERVAL' && (op === '+' || op === '-')) return { result: l, left: l, right: r };
  if (l.kind === 'INTERVAL' && r.kind === 'BIGINT' && (op === '*' || op === '+' || op === '-')) return { result: op === '*' ? l : SqlTypes.BIGINT, left: l, right: r };
  if (l.kind === 'BIGINT' && r.kind === 'INTERVAL' && (op === '*' || op === '+' || op === '-')) return { result: op === '*' ? r : SqlTypes.BIGINT, left: l, right: r };
  return undefined;
}

/** Which comparisons need no conversion: same kind, or both numeric, or TIMESTAMP with BIGINT (epoch ms). */
export function comparableWithoutCast(a: SqlType, b: SqlType): boolean {
  const l = normalizeType(a);
  const r = normalizeType(b);
  if (l.kind === 'NULL' || r.kind === 'NULL') return true;
  if (isNumericType(l) && isNumericType(r)) return true;
  const epoch = (t: SqlType): boolean => t.kind === 'TIMESTAMP' || t.kind === 'BIGINT';
  if (epoch(l) && epoch(r)) return true;
  if (l.kind === r.kind && l.kind !== 'ARRAY' && l.kind !== 'MAP' && l.kind !== 'STRUCT') return true;
  return l.kind === r.kind && sqlTypeEquals(l, r);
}

/** A short text for error messages: `BIGINT`, `DECIMAL(10,2)`. */
export function typeName(type: SqlType): string {
  return formatSqlType(type);
}

/** The common type of `types` by the numeric ladder and NULL unification; throws when there is none. */
export function unifyTypes(types: readonly SqlType[], what: string): SqlType {
  let result: SqlType = SqlTypes.NULL;
  for (const type of types) {
    const next = commonType(result, type);
    if (!next) throw new Error(`${what} have incompatible types ${typeName(result)} and ${typeName(type)}`);
    result = next;
  }
  return result;
}

function commonType(a: SqlType, b: SqlType): SqlType | undefined {
  return commonSupertype(normalizeType(a), normalizeType(b));
}

/**
 * Makes two sides of a comparison comparable: numbers compare across types as they are; a string literal
 * against a typed side is converted to that type (§8, through `convert`, which positions its errors);
 * DATE against TIMESTAMP becomes TIMESTAMP; anything else throws `mismatch()`.
 */
export function comparablePair(
  left: BoundExpr,
  right: BoundExpr,
  convert: (fn: () => BoundExpr) => BoundExpr,
  mismatch: () => Error,
): [BoundExpr, BoundExpr] {
  if (comparableWithoutCast(left.type, right.type)) return [left, right];
  if (left.kind === 'Literal' && left.type.kind === 'STRING') return [convert(() => coerceTo(left, right.type)), right];
  if (right.kind === 'Literal' && right.type.kind === 'STRING') return [left, convert(() => coerceTo(right, left.type))];
  const kinds = [left.type.kind, right.type.kind];
  if (kinds.includes('DATE') && kinds.includes('TIMESTAMP')) return [coerceTo(left, SqlTypes.TIMESTAMP), coerceTo(right, SqlTypes.TIMESTAMP)];
  throw mismatch();
}
