import type { Expression, Select } from '@velots/sql-parser';
import { visitExpression } from '../bind/aggregate-binder.js';
import type { PlannedQuery } from './union-planner.js';

/** The SELECTs of the subqueries a query uses directly (in WHERE, the select list, HAVING and ON), in order. */
export function subqueriesOf(select: Select): Select[] {
  const found: Select[] = [];
  const roots: Expression[] = [
    ...(select.where ? [select.where] : []),
    ...select.items.flatMap((i) => (i.kind === 'SelectExprItem' ? [i.expr] : [])),
    ...(select.having ? [select.having] : []),
    ...select.joins.flatMap((j) => (j.on ? [j.on] : [])),
  ];
  for (const root of roots) {
    visitExpression(root, (node) => {
      if (node.kind === 'InSubqueryExpr' || node.kind === 'ExistsExpr' || node.kind === 'SubqueryExpr') found.push(node.query);
      else if (node.kind === 'QuantifiedComparisonExpr' && node.query) found.push(node.query);
    });
  }
  return found;
}

/** The derived tables of a query: `FROM (SELECT …) x` and `JOIN (SELECT …) y`, in order. */
export function derivedTablesOf(select: Select): Select[] {
  const relations = [select.from?.source, ...select.joins.map((j) => j.source)];
  return relations.flatMap((r) => (r?.kind === 'SubqueryRelation' ? [r.query] : []));
}

/** `select`, its UNION branches, its derived tables and every subquery within them, recursively: where WITH properties are written. */
export function selectsWithin(select: Select): Select[] {
  const out: Select[] = [select];
  if (select.union) out.push(...selectsWithin(select.union.select));
  for (const derived of derivedTablesOf(select)) out.push(...selectsWithin(derived));
  for (const sub of subqueriesOf(select)) out.push(...selectsWithin(sub));
  return out;
}

/** The input names of a planned query, its derived tables and its subqueries (connector names, for scoping WITH keys). */
export function inputNamesOf(query: PlannedQuery): string[] {
  return [...query.inputs.map((i) => i.name), ...[...query.subqueries, ...query.derived].flatMap((s) => inputNamesOf(s.query))];
}
