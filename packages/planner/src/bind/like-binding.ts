import { ErrorCodes, SqlTypes } from '@velots/core';
import type { LikeExpr } from '@velots/sql-parser';
import { errorAt, type PlanningSource } from '../errors.js';
import type { BoundExpr } from './bound-expr.js';
import { typeName } from './coercion.js';

/** `x [NOT] LIKE|ILIKE pattern [ESCAPE e]`: STRING operands, and an escape that is one character. */
export function bindLike(expr: LikeExpr, input: BoundExpr, pattern: BoundExpr, escapeExpr: BoundExpr | undefined, source: PlanningSource): BoundExpr {
  for (const [side, node] of [
    [input, expr.operand],
    [pattern, expr.pattern],
  ] as const) {
    if (side.type.kind !== 'STRING' && side.type.kind !== 'NULL') {
      throw errorAt(ErrorCodes.TYPE_MISMATCH, `LIKE needs STRING operands, got ${typeName(side.type)}`, node.span, source);
    }
  }
  let escape: string | undefined;
  if (escapeExpr) {
    if (escapeExpr.kind !== 'Literal' || typeof escapeExpr.value !== 'string' || [...escapeExpr.value].length !== 1) {
      throw errorAt(ErrorCodes.SQL_BIND, 'ESCAPE takes a one-character string literal', expr.escape!.span, source);
    }
    escape = escapeExpr.value;
  }
  return { kind: 'Like', type: SqlTypes.BOOLEAN, input, pattern, escape, caseInsensitive: expr.caseInsensitive, negated: expr.not };
}
