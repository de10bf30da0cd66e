import type { FromClause, Identifier, JoinClause, Select } from '../ast.js';

/** One `name AS (SELECT …)` of a WITH clause (a common table expression). */
export interface CommonTableExpression {
  readonly name: Identifier;
  readonly query: Select;
}

/**
 * Inlines the common table expressions of `WITH a AS (…), b AS (…) SELECT …`: every FROM or JOIN that names one
 * (in the query, its UNION branches and its subqueries, at any depth) reads it as a derived table aliased with
 * the name it was read by, as if written `(SELECT …) AS a`. A later CTE may read an earlier one. Names are
 * matched as written (case-sensitive, like other names).
 */
export function inlineCtes(query: Select, ctes: readonly CommonTableExpression[]): Select {
  const defined = new Map<string, Select>();
  for (const cte of ctes) defined.set(cte.name.name, replaceIn(cte.query, defined) as Select);
  return replaceIn(query, defined) as Select;
}

function replaceIn(value: unknown, ctes: ReadonlyMap<string, Select>): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map((v) => replaceIn(v, ctes)));
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  if (node['kind'] === 'FromClause' || node['kind'] === 'JoinClause') {
    const clause = node as unknown as FromClause | JoinClause;
    const source = clause.source;
    const query = source.kind === 'NamedRelation' ? ctes.get(source.name) : undefined;
    if (source.kind === 'NamedRelation' && query) {
      const alias: Identifier = clause.alias ?? Object.freeze({ kind: 'Identifier', span: source.span, name: source.name, quoted: source.quoted });
      const rest = replaceFields(node, ctes, ['source', 'alias']);
      return Object.freeze({ ...rest, source: Object.freeze({ kind: 'SubqueryRelation', span: source.span, query }), alias });
    }
  }
  return Object.freeze(replaceFields(node, ctes, []));
}

function replaceFields(node: Record<string, unknown>, ctes: ReadonlyMap<string, Select>, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(node)) out[key] = skip.includes(key) || key === 'span' ? v : replaceIn(v, ctes);
  return out;
}
