import { SqlTypes } from '@velots/core';
import type { BoundExpr } from './bound-expr.js';

/** The conjunction of predicates (the predicate itself when there is one). */
export function and(predicates: readonly BoundExpr[]): BoundExpr {
  return predicates.length === 1 ? predicates[0]! : { kind: 'And', type: SqlTypes.BOOLEAN, args: predicates };
}
