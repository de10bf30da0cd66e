import { ErrorCodes, VeloError } from '@velots/core';
import type { Expression, Select } from '@velots/sql-parser';
import { visitExpression } from '../bind/aggregate-binder.js';

/** The names a query's own columns are qualified by: each FROM and JOIN relation's alias and name. */
export function relationNames(select: Select): string[] {
  const names: string[] = [];
  const relations = [
    ...(select.from ? [{ source: select.from.source, alias: select.from.alias }] : []),
    ...select.joins.map((j) => ({ source: j.source, alias: j.alias })),
  ];
  for (const { source, alias } of relations) {
    if (alias) names.push(alias.name);
    if (source.kind === 'NamedRelation') names.push(source.name);
    else if (source.kind === 'UriRelation') names.push(source.uri);
  }
  return [...new Set(names)];
}

/**
 * True when a subquery reads a column of the enclosing query: a qualifier that names one of the enclosing
 * query's relations and none of the subquery's own (`t.k = s.k` inside `FROM s WHERE EXISTS (… FROM t …)`).
 */
export function readsEnclosingQuery(sub: Select, enclosing: readonly string[]): boolean {
  const own = new Set(relationNames(sub));
  const outer = new Set(enclosing);
  const roots: Expression[] = [
    ...(sub.where ? [sub.where] : []),
    ...sub.items.flatMap((i) => (i.kind === 'SelectExprItem' ? [i.expr] : [])),
    ...(sub.having ? [sub.having] : []),
    ...sub.joins.flatMap((j) => (j.on ? [j.on] : [])),
  ];
  let reads = false;
  for (const root of roots) {
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
