import { ErrorCodes, SqlTypes, type SqlType } from '@velots/core';
import type { Expression, Span } from '@velots/sql-parser';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import { canCast, castValue } from '../values/cast.js';
import type { BoundExpr } from './bound-expr.js';
import { arithmeticTyping, coerceTo, comparablePair, normalizeType, typeName, unifyTypes } from './coercion.js';
import { literal, numberLiteral } from './literals.js';

const BOOLEAN = SqlTypes.BOOLEAN;

/** Binds an operand of the operator being bound (in the enclosing scope). */
export type OperandBinder = (expr: Expression) => BoundExpr;

/** Runs `fn`, giving any unpositioned error it throws this span. */
export function guardBinding<T>(span: Span, source: PlanningSource, fn: () => T): T {
  return withPosition(span, source, fn, ErrorCodes.SQL_BIND);
}

/** `left` and `right` cast to a type both compare as (TYPE_MISMATCH at `span` naming `op` when there is none). */
export function comparableOperands(left: BoundExpr, right: BoundExpr, span: Span, op: string, source: PlanningSource): [BoundExpr, BoundExpr] {
  return comparablePair(left, right, (fn) => guardBinding(span, source, fn), () =>
    errorAt(ErrorCodes.TYPE_MISMATCH, `cannot compare ${typeName(left.type)} with ${typeName(right.type)} in '${op}'; use CAST to convert one side`, span, source),
  );
}

/** Fails unless `expr` is BOOLEAN (or NULL): `clause` names where it stands. */
export function expectBoolean(expr: BoundExpr, span: Span, clause: string, source: PlanningSource): void {
  if (expr.type.kind !== 'BOOLEAN' && expr.type.kind !== 'NULL') {
    throw errorAt(ErrorCodes.TYPE_MISMATCH, `${clause} needs a BOOLEAN, got ${typeName(expr.type)}`, span, source);
  }
}

/** The common type of several values (CASE branches, COALESCE arguments). */
export function unifyAt(types: readonly SqlType[], span: Span, what: string, source: PlanningSource): SqlType {
  return guardBinding(span, source, () => unifyTypes(types, what));
}

/** `NOT x`, `-x`, `+x` (a negative number literal stays a literal). */
export function bindUnary(expr: Extract<Expression, { kind: 'UnaryExpr' }>, bind: OperandBinder, source: PlanningSource): BoundExpr {
  if (expr.op === 'NOT') {
    const input = bind(expr.operand);
    expectBoolean(input, expr.operand.span, 'NOT', source);
    return { kind: 'Not', type: BOOLEAN, input };
  }
  if (expr.operand.kind === 'NumberLiteral') {
    const operand = expr.operand;
    return guardBinding(expr.span, source, () => numberLiteral(operand, expr.op === '-'));
  }
  const input = bind(expr.operand);
  const type = normalizeType(input.type);
  if (type.kind === 'NULL') return input;
  if (!['BIGINT', 'DOUBLE', 'DECIMAL', 'INTERVAL'].includes(type.kind)) {
    throw errorAt(ErrorCodes.TYPE_MISMATCH, `unary '${expr.op}' needs a number or an INTERVAL, got ${typeName(input.type)}`, expr.span, source);
  }
  return expr.op === '+' ? input : { kind: 'Negate', type, input };
}

/** AND / OR (flattened), `||`, arithmetic under the coercion rules, and comparisons. */
export function bindBinary(expr: Extract<Expression, { kind: 'BinaryExpr' }>, bind: OperandBinder, source: PlanningSource): BoundExpr {
  const left = bind(expr.left);
  const right = bind(expr.right);
  switch (expr.op) {
    case 'AND':
    case 'OR': {
      expectBoolean(left, expr.left.span, expr.op, source);
      expectBoolean(right, expr.right.span, expr.op, source);
      const kind = expr.op === 'AND' ? 'And' : 'Or';
      // Flatten a AND b AND c into one node so the generated code short-circuits in one pass.
      const args = [left, right].flatMap((side) => (side.kind === kind ? side.args : [side]));
      return { kind, type: BOOLEAN, args };
    }
    case '||':
      return { kind: 'Concat', type: SqlTypes.STRING, left, right };
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const typing = arithmeticTyping(expr.op, left.type, right.type);
      if (!typing) {
        throw errorAt(
          ErrorCodes.TYPE_MISMATCH,
          `operator '${expr.op}' cannot combine ${typeName(left.type)} and ${typeName(right.type)}`,
          expr.span,
          source,
        );
      }
      return guardBinding(expr.span, source, () => ({
        kind: 'Arithmetic',
        type: typing.result,
        op: expr.op as '+',
        left: coerceTo(left, typing.left),
        right: coerceTo(right, typing.right),
      }));
    }
    default: {
      const [l, r] = comparableOperands(left, right, expr.span, expr.op, source);
      return { kind: 'Comparison', type: BOOLEAN, op: expr.op, left: l, right: r };
    }
  }
}

/** Searched and simple CASE: the branches unified to one type. */
export function bindCase(expr: Extract<Expression, { kind: 'CaseExpr' }>, bind: OperandBinder, source: PlanningSource): BoundExpr {
  const operand = expr.operand ? bind(expr.operand) : undefined;
  const whens = expr.whens.map((w) => {
    let when = bind(w.when);
    if (operand) {
      const [l, r] = comparableOperands(operand, when, w.span, 'CASE', source);
      when = { kind: 'Comparison', type: BOOLEAN, op: '=', left: l, right: r };
    } else {
      expectBoolean(when, w.when.span, 'WHEN', source);
    }
    return { when, then: bind(w.then), span: w.then.span };
  });
  const otherwise = expr.else ? bind(expr.else) : undefined;
  const results = [...whens.map((w) => w.then), ...(otherwise ? [otherwise] : [])];
  const type = unifyAt(results.map((r) => r.type), expr.span, 'CASE branches', source);
  return {
    kind: 'Case',
    type,
    whens: whens.map((w) => ({ when: w.when, then: guardBinding(w.span, source, () => coerceTo(w.then, type)) })),
    otherwise: otherwise ? guardBinding(expr.span, source, () => coerceTo(otherwise, type)) : undefined,
  };
}

/** `CAST(operand AS target)`: a literal is cast at plan time. */
export function bindCast(operand: Expression, target: SqlType, span: Span, bind: OperandBinder, source: PlanningSource): BoundExpr {
  const input = bind(operand);
  if (input.type.kind === 'NULL') return literal(target, null);
  if (!canCast(input.type, target)) {
    throw errorAt(ErrorCodes.TYPE_MISMATCH, `cannot CAST ${typeName(input.type)} to ${typeName(target)}`, span, source);
  }
  if (input.kind === 'Literal') {
    return guardBinding(span, source, () => literal(target, input.value === null ? null : castValue(input.value, input.type, target)));
  }
  return { kind: 'Cast', type: target, input, implicit: false };
}
