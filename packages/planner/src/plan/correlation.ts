import { ErrorCodes, VeloError } from '@velots/core';
import type { Expression, Select } from '@velots/sql-parser';
import { visitExpression } from '../bind/aggregate-binder.js';

/** The names a query's own columns are qualified by: each FROM and JOIN relation's alias, or its name when it has none (an alias hides the name, as in SQL). */
export function relationNames(select: Select): string[] {
  const names: string[] = [];
  const relations = [
    ...(select.from ? [{ source: select.from.source, alias: select.from.alias }] : []),
    ...select.joins.map((j) => ({ source: j.source, alias: j.alias })),
  ];
  for (const { source, alias } of relations) {
    if (alias) names.push(alias.name);
    else if (source.kind === 'NamedRelation') names.push(source.name);
    else if (source.kind === 'UriRelation') names.push(source.uri);
  }
  return [...new Set(names)];
}

/** The expressions of a subquery's own clauses (not those of subqueries nested in it). */
function ownExpressions(sub: Select): Expression[] {
  return [
    ...(sub.where ? [sub.where] : []),
    ...sub.items.flatMap((i) => (i.kind === 'SelectExprItem' ? [i.expr] : [])),
    ...(sub.having ? [sub.having] : []),
    ...sub.joins.flatMap((j) => (j.on ? [j.on] : [])),
  ];
}

/** The column names a subquery writes without a qualifier. */
export function unqualifiedNames(sub: Select): string[] {
  const names = new Set<string>();
  for (const root of ownExpressions(sub)) {
    visitExpression(root, (node) => {
      if (node.kind === 'ColumnRef' && node.qualifier === undefined) names.add(node.name);
    });
  }
  return [...names];
}

/** One SELECT over one input with WHERE, ORDER BY and LIMIT (aggregates allowed, no DISTINCT): the shape a lookup evaluates. */
export function lookupShaped(sub: Select): boolean {
  return !sub.distinct && sub.joins.length === 0 && sub.groupBy.length === 0 && !sub.having && !sub.window && !sub.union;
}

/**
 * The subqueries standing where a lookup can evaluate them: in WHERE, in the ON of an inner join, and in the
 * select list of a query that does not group.
 */
export function subqueriesInLookupContext(select: Select, grouped: boolean): Set<Select> {
  const roots: Expression[] = [
    ...(select.where ? [select.where] : []),
    ...select.joins.flatMap((j) => (j.on && (j.joinType === 'INNER' || j.joinType === 'CROSS') ? [j.on] : [])),
    ...(grouped ? [] : select.items.flatMap((i) => (i.kind === 'SelectExprItem' ? [i.expr] : []))),
  ];
  const found = new Set<Select>();
  for (const root of roots) {
    visitExpression(root, (node) => {
      if ((node.kind === 'InSubqueryExpr' || node.kind === 'ExistsExpr' || node.kind === 'SubqueryExpr' || node.kind === 'QuantifiedComparisonExpr') && node.query) found.add(node.query);
    });
  }
  return found;
}

/**
 * True when a subquery reads a column of the enclosing query: a qualifier that names one of the enclosing
 * query's relations and none of the subquery's own (`t.k = s.k` inside `FROM s WHERE EXISTS (… FROM t …)`).
 */
export function readsEnclosingQuery(sub: Select, enclosing: readonly string[]): boolean {
  const own = new Set(relationNames(sub));
  const outer = new Set(enclosing);
  let reads = false;
  for (const root of ownExpressions(sub)) {
    visitExpression(root, (node) => {
      if (node.kind === 'ColumnRef' && node.qualifier !== undefined && !own.has(node.qualifier) && outer.has(node.qualifier)) reads = true;
    });
  }
  return reads;
}

/** `SELECT * FROM <the subquery's input>`: the rows a correlated subquery is evaluated over (its WITH kept). */
export function rowsRead(sub: Select): Select {
  return {
    ...sub,
    distinct: false,
    items: [{ kind: 'SelectStarItem', span: sub.span }],
    where: undefined,
    groupBy: [],
    window: undefined,
    having: undefined,
    namedWindows: [],
    orderBy: [],
    limit: undefined,
    emit: undefined,
    into: undefined,
    union: undefined,
  };
}

/**
 * Planning a subquery that names an unknown column: it may have meant a column of the enclosing query, which a
 * correlated subquery writes with its qualifier. The error gets that hint (same code and position).
 */
export async function withOuterColumnHint<T>(planning: Promise<T>): Promise<T> {
  try {
    return await planning;
  } catch (error) {
    if (error instanceof VeloError && error.code === ErrorCodes.SQL_BIND && error.message.startsWith('unknown column')) {
      throw new VeloError(error.code, `${error.message}; a subquery reads a column of the enclosing query with its qualifier (\`s.col\`)`, {
        position: error.position,
        cause: error,
      });
    }
    throw error;
  }
}
