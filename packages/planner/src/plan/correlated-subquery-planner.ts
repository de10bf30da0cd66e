import { ErrorCodes, Schema, SqlTypes, field } from '@velots/core';
import { print, type Expression, type Select, type SelectExprItem } from '@velots/sql-parser';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { AggregationScope, selectAggregates, visitExpression } from '../bind/aggregate-binder.js';
import type { BoundExpr } from '../bind/bound-expr.js';
import { columnsRead, conjuncts, shiftColumns } from '../bind/bound-expr-walk.js';
import type { ExpressionBinder, SubqueryStreams } from '../bind/expression-binder.js';
import { and } from '../bind/logic.js';
import { NestedScope } from '../bind/nested-scope.js';
import { Scope } from '../bind/scope.js';
import { errorAt, type PlanningSource } from '../errors.js';
import type { LogicalPlan, LogicalSubqueryLookup, SortKey } from './logical-plan.js';
import type { JoinInput } from './select-planner.js';

type SubqueryNode = Extract<Expression, { kind: 'ExistsExpr' | 'InSubqueryExpr' | 'SubqueryExpr' | 'QuantifiedComparisonExpr' }>;

/** The correlated subqueries written directly in `roots` (not inside other subqueries), in order. */
function correlatedIn(roots: readonly Expression[], subqueries: SubqueryStreams): { node: SubqueryNode; query: Select }[] {
  const found: { node: SubqueryNode; query: Select }[] = [];
  for (const root of roots) {
    visitExpression(root, (node) => {
      if (node.kind !== 'ExistsExpr' && node.kind !== 'InSubqueryExpr' && node.kind !== 'SubqueryExpr' && node.kind !== 'QuantifiedComparisonExpr') return;
      if (node.query && subqueries.get(node.query)?.qualifiers) found.push({ node, query: node.query });
    });
  }
  return found;
}

function readsCorrelated(expr: Expression, subqueries: SubqueryStreams): boolean {
  return correlatedIn([expr], subqueries).length > 0;
}

/** The top-level AND conjuncts of a written condition. */
function writtenConjuncts(expr: Expression): Expression[] {
  return expr.kind === 'BinaryExpr' && expr.op === 'AND' ? [...writtenConjuncts(expr.left), ...writtenConjuncts(expr.right)] : [expr];
}

function andOf(exprs: readonly Expression[]): Expression | undefined {
  return exprs.reduce<Expression | undefined>(
    (left, right) => (left === undefined ? right : { kind: 'BinaryExpr', op: 'AND', left, right, span: { ...left.span, endOffset: right.span.endOffset } }),
    undefined,
  );
}

/**
 * `INNER JOIN t ON a AND EXISTS (… correlated …)`: for an inner join a conjunct of ON filters the joined row exactly
 * as WHERE does, so conjuncts holding a correlated subquery move to WHERE, where lookups evaluate them.
 */
export function hoistCorrelatedFromInnerJoins(
  select: Select,
  joins: readonly JoinInput[],
  subqueries: SubqueryStreams,
): { select: Select; joins: readonly JoinInput[] } {
  const moved: Expression[] = [];
  const rewritten = joins.map((join) => {
    const on = join.clause.on;
    if (!on || (join.clause.joinType !== 'INNER' && join.clause.joinType !== 'CROSS') || !readsCorrelated(on, subqueries)) return join;
    const parts = writtenConjuncts(on);
    moved.push(...parts.filter((p) => readsCorrelated(p, subqueries)));
    return { ...join, clause: { ...join.clause, on: andOf(parts.filter((p) => !readsCorrelated(p, subqueries))) } };
  });
  if (moved.length === 0) return { select, joins };
  return { select: { ...select, where: andOf([...(select.where ? [select.where] : []), ...moved]) }, joins: rewritten };
}

/**
 * Plans the correlated subqueries of a SELECT's WHERE and (without GROUP BY) select list as lookups stacked
 * on `plan`, each appending one column; the returned map tells the binder which column holds which
 * subquery's value. Decorrelation: the subquery's WHERE equalities between its own columns and the
 * enclosing row's become hash keys into its rows, the rest is checked per pair.
 */
export function planCorrelatedSubqueries(
  select: Select,
  plan: LogicalPlan,
  outerScope: Scope,
  binder: ExpressionBinder,
  aggregates: AggregateCatalog,
  subqueries: SubqueryStreams,
  grouped: boolean,
  source: PlanningSource,
): { plan: LogicalPlan; columns: Map<Select, BoundExpr> } {
  const roots = [...(select.where ? [select.where] : []), ...(grouped ? [] : select.items.flatMap((i) => (i.kind === 'SelectExprItem' ? [i.expr] : [])))];
  const columns = new Map<Select, BoundExpr>();
  for (const { node, query } of correlatedIn(roots, subqueries)) {
    const entry = subqueries.get(query)!;
    const lookup = planLookup(node, query, plan, entry, outerScope, binder, aggregates, source);
    columns.set(query, { kind: 'Column', type: lookup.schema.at(lookup.schema.length - 1).type, index: lookup.schema.length - 1, name: lookup.text });
    plan = lookup;
  }
  return { plan, columns };
}

function planLookup(
  node: SubqueryNode,
  sub: Select,
  input: LogicalPlan,
  entry: { readonly stream: string; readonly schema: Schema; readonly qualifiers?: readonly string[] | undefined; readonly tableKey?: readonly string[] | undefined },
  outerScope: Scope,
  binder: ExpressionBinder,
  aggregates: AggregateCatalog,
  source: PlanningSource,
): LogicalSubqueryLookup {
  checkShape(sub, source);
  // Pairs are `[outer row (width columns, of which the lookups below this one add some)…, subquery row…]`.
  const outerWidth = input.schema.length;
  const nested = NestedScope.over(Scope.ofSchema(entry.schema, entry.qualifiers ?? []), outerScope, outerWidth);
  const conditions = sub.where ? conjuncts(binder.bindPredicate(sub.where, nested, 'WHERE')) : [];
  const readsOnly = (e: BoundExpr, side: 'outer' | 'inner'): boolean => {
    const read = columnsRead(e);
    return read.size > 0 && [...read].every((i) => (side === 'outer' ? i < outerWidth : i >= outerWidth));
  };
  const outerKeys: BoundExpr[] = [];
  const innerKeys: BoundExpr[] = [];
  const residual: BoundExpr[] = [];
  for (const c of conditions) {
    if (c.kind === 'Comparison' && c.op === '=' && readsOnly(c.left, 'outer') && readsOnly(c.right, 'inner')) {
      outerKeys.push(c.left);
      innerKeys.push(shiftColumns(c.right, -outerWidth));
    } else if (c.kind === 'Comparison' && c.op === '=' && readsOnly(c.left, 'inner') && readsOnly(c.right, 'outer')) {
      outerKeys.push(c.right);
      innerKeys.push(shiftColumns(c.left, -outerWidth));
    } else {
      residual.push(c);
    }
  }
  const innerOnly = (e: BoundExpr | undefined): boolean => e === undefined || [...columnsRead(e)].every((i) => i >= outerWidth);
  const order = sub.orderBy.length > 0
    ? sub.orderBy.map((o): SortKey => ({ expr: binder.bind(o.expr, nested), descending: o.direction === 'DESC', nullsFirst: o.nulls === 'FIRST' }))
    : undefined;
  const orderInnerOnly = (order ?? []).every((k) => innerOnly(k.expr));
  const base = {
    kind: 'SubqueryLookup' as const,
    input,
    stream: entry.stream,
    innerSchema: entry.schema,
    tableKey: entry.tableKey?.map((k) => entry.schema.indexOf(k)).filter((i) => i !== -1),
    outerKeys,
    innerKeys,
    residual: residual.length === 0 ? undefined : and(residual),
    order,
    limit: sub.limit?.count,
    text: print(node),
  };
  const withColumn = (type: LogicalSubqueryLookup['schema']['fields'][number]['type']): Schema =>
    new Schema([...input.schema.fields, field(`_subquery${input.schema.length}`, type)]);

  if (node.kind === 'ExistsExpr') {
    return {
      ...base, mode: 'exists', negated: false, operand: undefined, op: undefined, item: undefined, comparison: undefined, aggregate: undefined,
      keyedOnly: innerOnly(base.residual) && orderInnerOnly, schema: withColumn(SqlTypes.BOOLEAN),
    };
  }
  const item = singleItem(sub, source);
  if (node.kind === 'SubqueryExpr') {
    if (selectAggregates(sub, aggregates)) {
      const scope = new AggregationScope([], nested, binder, aggregates, source, false);
      const result = scope.binder().bind(item.expr, scope.postScope);
      const calls = scope.calls;
      const keyedOnly = innerOnly(base.residual) && orderInnerOnly && calls.every((c) => c.args.every(innerOnly) && innerOnly(c.filter));
      return {
        ...base, mode: 'scalar', negated: false, operand: undefined, op: undefined, item: undefined, comparison: undefined,
        aggregate: { calls, result }, keyedOnly, schema: withColumn(result.type),
      };
    }
    if (sub.distinct) {
      throw errorAt(ErrorCodes.NOT_SUPPORTED, 'a correlated scalar subquery cannot use DISTINCT; write an aggregate (MIN, MAX) or a JOIN with a derived table', sub.span, source);
    }
    const value = binder.bind(item.expr, nested);
    return {
      ...base, mode: 'scalar', negated: false, operand: undefined, op: undefined, item: value, comparison: undefined, aggregate: undefined,
      keyedOnly: innerOnly(base.residual) && orderInnerOnly && innerOnly(value), schema: withColumn(value.type),
    };
  }
  const operandExpr = node.kind === 'InSubqueryExpr' ? node.operand : node.left;
  const op = node.kind === 'InSubqueryExpr' ? '=' : node.op;
  const operand = binder.bind(operandExpr, outerScope);
  const value = binder.bind(item.expr, nested);
  const comparison = binder.comparison(op, operand, value, node.span);
  const mode = node.kind === 'InSubqueryExpr' ? 'in' : node.quantifier === 'ANY' ? 'any' : 'all';
  return {
    ...base, mode, negated: node.kind === 'InSubqueryExpr' && node.not, operand, op, item: value, comparison, aggregate: undefined,
    // IN compares by value set per key, which needs both sides of one type (no cast inserted).
    keyedOnly:
      mode === 'in' && innerOnly(base.residual) && orderInnerOnly && innerOnly(value) && comparison.kind === 'Comparison' && comparison.left === operand && comparison.right === value,
    schema: withColumn(SqlTypes.BOOLEAN),
  };
}

/** A correlated subquery is one SELECT over one input with WHERE (and aggregates without GROUP BY in a scalar one). */
function checkShape(sub: Select, source: PlanningSource): void {
  const unsupported =
    sub.joins.length > 0 ? 'JOIN'
    : sub.groupBy.length > 0 ? 'GROUP BY'
    : sub.having ? 'HAVING'
    : sub.window ? 'WINDOW'
    : sub.union ? 'UNION'
    : sub.limit?.offset !== undefined ? 'OFFSET'
    : undefined;
  if (unsupported) {
    throw errorAt(ErrorCodes.NOT_SUPPORTED, `a correlated subquery (one that reads the enclosing query's columns) cannot use ${unsupported}; write it as a JOIN with a derived table`, sub.span, source);
  }
}

function singleItem(sub: Select, source: PlanningSource): SelectExprItem {
  const [item, ...rest] = sub.items;
  if (!item || item.kind !== 'SelectExprItem' || rest.length > 0) {
    throw errorAt(ErrorCodes.SQL_BIND, 'the subquery must return one column', sub.span, source);
  }
  return item;
}
