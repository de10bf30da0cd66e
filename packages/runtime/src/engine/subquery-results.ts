import { ErrorCodes, SqlTypes, VeloError, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import { hashKey, mapExpression, type BoundExpr, type PhysicalNode } from '@velots/planner';
import { CollectedStream } from './collected-stream.js';

/** Collects every row of a subquery's stream; `complete` resolves when its job has ended. */
export class SubqueryCollector extends CollectedStream<readonly Row[]> {
  private readonly rows: Row[] = [];

  add(batch: RecordBatch): void {
    for (const row of batch.rows) this.rows.push(row);
  }

  result(): readonly Row[] {
    return this.rows;
  }
}

/** Replaces a subquery node with what its rows mean: a scalar, EXISTS, an IN-set, or ANY/ALL comparisons. */
function resolveSubquery(node: Extract<BoundExpr, { kind: 'Subquery' }>, rows: readonly Row[]): BoundExpr {
  const values = rows.map((row) => (row[0] ?? null) as SqlValue);
  switch (node.mode) {
    case 'exists':
      return { kind: 'Literal', type: SqlTypes.BOOLEAN, value: node.negated ? rows.length === 0 : rows.length > 0 };
    case 'scalar':
      if (rows.length > 1) throw new VeloError(ErrorCodes.SQL_BIND, `a scalar subquery returned ${rows.length} rows; it must return at most one`);
      return { kind: 'Literal', type: node.type, value: values[0] ?? null };
    case 'in': {
      const keys = new Set<string | number | boolean>();
      let hasNull = false;
      for (const value of values) {
        const key = hashKey(value);
        if (key === null) hasNull = true;
        else keys.add(key);
      }
      return { kind: 'InSet', type: SqlTypes.BOOLEAN, input: node.input!, keys, hasNull, negated: node.negated };
    }
    case 'any':
    case 'all': {
      const comparisons: BoundExpr[] = values.map((value) => ({
        kind: 'Comparison',
        type: SqlTypes.BOOLEAN,
        op: node.op!,
        left: node.input!,
        right: { kind: 'Literal', type: value === null ? SqlTypes.NULL : node.input!.type, value },
      }));
      // ANY over no rows is FALSE, ALL over no rows is TRUE (SQL).
      if (comparisons.length === 0) return { kind: 'Literal', type: SqlTypes.BOOLEAN, value: node.mode === 'all' };
      return { kind: node.mode === 'any' ? 'Or' : 'And', type: SqlTypes.BOOLEAN, args: comparisons };
    }
  }
}

/** The plan with every subquery node replaced by its result (`results`: rows by subquery stream). */
export function withSubqueryResults(node: PhysicalNode, results: ReadonlyMap<string, readonly Row[]>): PhysicalNode {
  if (results.size === 0) return node;
  const expr = (e: BoundExpr): BoundExpr =>
    mapExpression(e, (n) => {
      if (n.kind !== 'Subquery') return n;
      const rows = results.get(n.stream);
      if (!rows) throw new VeloError(ErrorCodes.INTERNAL, `no result for subquery ${n.stream}`);
      return resolveSubquery(n, rows);
    });
  const opt = (e: BoundExpr | undefined): BoundExpr | undefined => (e ? expr(e) : undefined);
  switch (node.kind) {
    case 'Scan':
      return node;
    case 'FilterProject':
      return {
        ...node,
        input: withSubqueryResults(node.input, results),
        predicate: opt(node.predicate),
        columns: node.columns?.map((c) => ({ ...c, expr: expr(c.expr) })),
        eventTime: opt(node.eventTime),
      };
    case 'Aggregate':
      return {
        ...node,
        input: withSubqueryResults(node.input, results),
        keys: node.keys.map((k) => ({ ...k, expr: expr(k.expr) })),
        calls: node.calls.map((c) => ({ ...c, args: c.args.map(expr), filter: opt(c.filter) })),
      };
    case 'LookupJoin':
    case 'IntervalJoin':
      return { ...node, input: withSubqueryResults(node.input, results), leftKeys: node.leftKeys.map(expr), residual: opt(node.residual) };
    case 'Sort':
      return { ...node, input: withSubqueryResults(node.input, results), keys: node.keys.map((k) => ({ ...k, expr: expr(k.expr) })) };
    case 'SubqueryLookup':
    case 'Analytic':
    case 'Distinct':
    case 'Limit':
      return { ...node, input: withSubqueryResults(node.input, results) };
  }
}
