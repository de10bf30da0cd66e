import type { SqlType, SqlValue } from '@velots/core';
import type { ScalarFunction } from '../functions/function-def.js';

/** The system columns every stream row exposes (dialect §5), resolved by name in any case. */
export type SystemColumnName =
  | '_timestamp'
  | '_event_time'
  | '_offset'
  | '_partition'
  | '_window_start'
  | '_window_end'
  | '_key'
  | '_topic';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A type-checked expression: names resolved to row positions, functions picked, implicit casts
 * made explicit. Every node carries its result type. Plans hold these; the runtime compiles them.
 */
export type BoundExpr =
  | BoundLiteral
  | BoundColumn
  | BoundSystemColumn
  | BoundCall
  | BoundCast
  | BoundArithmetic
  | BoundNegate
  | BoundComparison
  | BoundLogical
  | BoundNot
  | BoundIsNull
  | BoundIsDistinct
  | BoundIsTruth
  | BoundInList
  | BoundBetween
  | BoundLike
  | BoundCase
  | BoundConcat
  | BoundSubquery
  | BoundInSet;

export interface BoundLiteral {
  readonly kind: 'Literal';
  readonly type: SqlType;
  readonly value: SqlValue;
}

/** A column of the operator's input row, by position. */
export interface BoundColumn {
  readonly kind: 'Column';
  readonly type: SqlType;
  readonly index: number;
  readonly name: string;
}

export interface BoundSystemColumn {
  readonly kind: 'SystemColumn';
  readonly type: SqlType;
  readonly column: SystemColumnName;
}

export interface BoundCall {
  readonly kind: 'Call';
  readonly type: SqlType;
  readonly fn: ScalarFunction;
  readonly args: readonly BoundExpr[];
}

/** An explicit or implicit conversion from `input.type` to `type`. */
export interface BoundCast {
  readonly kind: 'Cast';
  readonly type: SqlType;
  readonly input: BoundExpr;
  /** True for implicit coercions the binder inserted (printed differently by EXPLAIN). */
  readonly implicit: boolean;
}

/**
 * `left op right`. Operands have been cast to one operand type (BIGINT, DECIMAL or DOUBLE), except
 * temporal arithmetic (TIMESTAMP ± INTERVAL, TIMESTAMP − TIMESTAMP), where they keep their types.
 */
export interface BoundArithmetic {
  readonly kind: 'Arithmetic';
  readonly type: SqlType;
  readonly op: ArithmeticOp;
  readonly left: BoundExpr;
  readonly right: BoundExpr;
}

export interface BoundNegate {
  readonly kind: 'Negate';
  readonly type: SqlType;
  readonly input: BoundExpr;
}

/** Three-valued comparison; operands are of one comparable type after coercion. */
export interface BoundComparison {
  readonly kind: 'Comparison';
  readonly type: SqlType;
  readonly op: ComparisonOp;
  readonly left: BoundExpr;
  readonly right: BoundExpr;
}

export interface BoundLogical {
  readonly kind: 'And' | 'Or';
  readonly type: SqlType;
  readonly args: readonly BoundExpr[];
}

export interface BoundNot {
  readonly kind: 'Not';
  readonly type: SqlType;
  readonly input: BoundExpr;
}

export interface BoundIsNull {
  readonly kind: 'IsNull';
  readonly type: SqlType;
  readonly input: BoundExpr;
  readonly negated: boolean;
}

/** `a IS [NOT] DISTINCT FROM b`: null-safe equality. */
export interface BoundIsDistinct {
  readonly kind: 'IsDistinct';
  readonly type: SqlType;
  readonly left: BoundExpr;
  readonly right: BoundExpr;
  readonly negated: boolean;
}

/** `x IS [NOT] TRUE|FALSE`. */
export interface BoundIsTruth {
  readonly kind: 'IsTruth';
  readonly type: SqlType;
  readonly input: BoundExpr;
  readonly value: boolean;
  readonly negated: boolean;
}

export interface BoundInList {
  readonly kind: 'InList';
  readonly type: SqlType;
  readonly input: BoundExpr;
  readonly list: readonly BoundExpr[];
  readonly negated: boolean;
}

export interface BoundBetween {
  readonly kind: 'Between';
  readonly type: SqlType;
  readonly input: BoundExpr;
  readonly low: BoundExpr;
  readonly high: BoundExpr;
  readonly negated: boolean;
}

export interface BoundLike {
  readonly kind: 'Like';
  readonly type: SqlType;
  readonly input: BoundExpr;
  readonly pattern: BoundExpr;
  readonly escape: string | undefined;
  readonly caseInsensitive: boolean;
  readonly negated: boolean;
}

/** Searched CASE; the simple form is bound to this with `operand = value` conditions. */
export interface BoundCase {
  readonly kind: 'Case';
  readonly type: SqlType;
  readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
  readonly otherwise: BoundExpr | undefined;
}

/** `a || b`: both sides as text; NULL if either is NULL. */
export interface BoundConcat {
  readonly kind: 'Concat';
  readonly type: SqlType;
  readonly left: BoundExpr;
  readonly right: BoundExpr;
}

/**
 * An uncorrelated subquery over a TABLE, by the name of the in-process stream its job writes. The
 * runtime runs that job first and replaces this node with its result (a Literal or an InSet).
 */
export interface BoundSubquery {
  readonly kind: 'Subquery';
  readonly type: SqlType;
  /** The stream the subquery's job writes (`<job>#sq<n>`). */
  readonly stream: string;
  /** 'scalar': the one value (NULL for no row); 'exists': whether any row; 'in': `input [NOT] IN (…)`;
   * 'any' / 'all': `input op ANY|ALL (…)`. */
  readonly mode: 'scalar' | 'exists' | 'in' | 'any' | 'all';
  readonly input: BoundExpr | undefined;
  readonly op: ComparisonOp | undefined;
  readonly negated: boolean;
}

/** `input [NOT] IN <set of values>`: a subquery's result, keyed by `hashKey` (so 1 and 1.0 match). */
export interface BoundInSet {
  readonly kind: 'InSet';
  readonly type: SqlType;
  readonly input: BoundExpr;
  readonly keys: ReadonlySet<string | number | boolean>;
  /** The set held a NULL: a miss is then NULL, not FALSE (three-valued IN). */
  readonly hasNull: boolean;
  readonly negated: boolean;
}
