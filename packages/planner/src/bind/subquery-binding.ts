import { ErrorCodes, SqlTypes, type Schema } from '@velots/core';
import type { Select, Span } from '@velots/sql-parser';
import { errorAt, type PlanningSource } from '../errors.js';
import type { BoundExpr, BoundSubquery } from './bound-expr.js';
import { comparableWithoutCast, typeName } from './coercion.js';

/**
 * Binds `x [NOT] IN (SELECT …)`, `EXISTS (…)`, a scalar `(SELECT …)` or `x op ANY|ALL (SELECT …)` to the
 * subquery planned for that SELECT (a job over a TABLE whose rows the runtime collects first).
 */
export function bindSubquery(
  planned: { readonly stream: string; readonly schema: Schema } | undefined,
  query: Select,
  use: Pick<BoundSubquery, 'mode' | 'input' | 'op' | 'negated'>,
  span: Span,
  source: PlanningSource,
): BoundExpr {
  if (!planned) {
    throw errorAt(ErrorCodes.NOT_SUPPORTED, 'this subquery could not be planned (a subquery reads a TABLE, and may not refer to the outer query)', span, source);
  }
  if (use.mode !== 'exists' && planned.schema.length !== 1) {
    throw errorAt(ErrorCodes.SQL_BIND, `the subquery must return one column, it returns ${planned.schema.length}`, query.span, source);
  }
  const column = planned.schema.fields[0]?.type ?? SqlTypes.NULL;
  if (use.input && !comparableWithoutCast(use.input.type, column)) {
    throw errorAt(ErrorCodes.TYPE_MISMATCH, `cannot compare ${typeName(use.input.type)} with the subquery's ${typeName(column)}`, span, source);
  }
  return { kind: 'Subquery', type: use.mode === 'scalar' ? column : SqlTypes.BOOLEAN, stream: planned.stream, ...use };
}
