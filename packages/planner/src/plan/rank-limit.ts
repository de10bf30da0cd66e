import type { BoundExpr } from '../bind/bound-expr.js';
import type { JobPlan } from './job-plan.js';
import type { PhysicalAnalytic, PhysicalNode } from './physical-plan.js';

/**
 * Pushes a ROW_NUMBER filter into the derived table that computes it: for `SELECT … FROM (SELECT …, ROW_NUMBER()
 * OVER (…) AS rn FROM …) x WHERE rn <= n` (also `rn = n`, `rn < n`, `n >= rn`, `rn BETWEEN a AND n`), the derived
 * table's Analytic node gets `rowNumberLimit = n`, so it keeps the first n rows per partition instead of every row.
 * The reader's filter stays: it sees the same rows with the same numbers, minus ones it would have dropped.
 * Only when the filter is the whole WHERE, directly over the derived table's stream, and the OVER has that one
 * call and neither a ROWS WINDOW BUFFER nor EXPIRE AFTER (whose evictions would renumber rows).
 */
export function limitRankedDerivedTables(job: JobPlan): JobPlan {
  const branches = job.branches.map(limitRankedDerivedTables);
  let changed = branches.some((b, i) => b !== job.branches[i]);
  for (const { stream, column, limit } of rankFilters(job.root)) {
    if (!job.inputs.some((input) => input.name === stream && input.role === 'stream')) continue;
    const b = branches.findIndex((branch) => branch.output === stream);
    if (b === -1) continue;
    const root = withRowNumberLimit(branches[b]!.root, column, limit);
    if (root === undefined) continue;
    branches[b] = { ...branches[b]!, root };
    changed = true;
  }
  return changed ? { ...job, branches } : job;
}

/** Filters `column <op> n` right above the scan of a stream: which stream, which of its columns, the highest row number kept. */
function rankFilters(node: PhysicalNode): { stream: string; column: number; limit: number }[] {
  if (node.kind === 'Scan') return [];
  const below = rankFilters(node.input);
  if (node.kind !== 'FilterProject' || node.input.kind !== 'Scan' || node.predicate === undefined) return below;
  const bound = rowNumberBound(node.predicate);
  return bound === undefined ? below : [...below, { stream: node.input.input, ...bound }];
}

/** `{ column, limit }` when the predicate keeps only rows whose column is at most `limit` (an integer ≥ 1). */
function rowNumberBound(predicate: BoundExpr): { column: number; limit: number } | undefined {
  let column: BoundExpr;
  let limit: number | undefined;
  if (predicate.kind === 'Between' && !predicate.negated) {
    column = predicate.input;
    limit = integerLiteral(predicate.high);
  } else if (predicate.kind === 'Comparison') {
    const literalLeft = predicate.left.kind === 'Literal';
    column = literalLeft ? predicate.right : predicate.left;
    const value = integerLiteral(literalLeft ? predicate.left : predicate.right);
    // Written as `column op value`.
    const op = literalLeft ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' } as const)[predicate.op] : predicate.op;
    if (value !== undefined && (op === '=' || op === '<=')) limit = value;
    else if (value !== undefined && op === '<') limit = value - 1;
  } else return undefined;
  if (column.kind !== 'Column' || limit === undefined || limit < 1) return undefined;
  return { column: column.index, limit };
}

function integerLiteral(expr: BoundExpr): number | undefined {
  if (expr.kind !== 'Literal') return undefined;
  const value = typeof expr.value === 'bigint' ? Number(expr.value) : expr.value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** The derived table's root with `rowNumberLimit` set, when its output `column` is the lone ROW_NUMBER of its Analytic node. */
function withRowNumberLimit(root: PhysicalNode, column: number, limit: number): PhysicalNode | undefined {
  if (root.kind === 'Analytic') return rankedBy(root, column) ? limited(root, limit) : undefined;
  if (root.kind !== 'FilterProject' || root.predicate !== undefined || root.input.kind !== 'Analytic') return undefined;
  const projected = root.columns === undefined ? column : root.columns[column]?.expr;
  const source = typeof projected === 'number' ? projected : projected?.kind === 'Column' ? projected.index : undefined;
  if (source === undefined || !rankedBy(root.input, source)) return undefined;
  return { ...root, input: limited(root.input, limit) };
}

function rankedBy(node: PhysicalAnalytic, column: number): boolean {
  const window = node.windows[0];
  return (
    node.windows.length === 1 &&
    window!.calls.length === 1 &&
    window!.calls[0]!.name === 'ROW_NUMBER' &&
    window!.bufferRows === undefined &&
    window!.expireAfterMs === undefined &&
    column === node.input.schema.length
  );
}

function limited(node: PhysicalAnalytic, limit: number): PhysicalAnalytic {
  return { ...node, rowNumberLimit: Math.min(limit, node.rowNumberLimit ?? Infinity) };
}
