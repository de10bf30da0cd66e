import type { JobPlan, PhysicalNode } from '@velots/planner';

/**
 * The columns of a job's source rows that the job reads, when its first operator reads them by expression
 * alone: a FilterProject that computes its own columns, or an aggregate. Undefined when rows go on whole (a
 * passthrough, a join, an analytic or a sort over source rows, a UNION), or when a bad row is dead-lettered
 * (its copy must carry every column). What the source may leave NULL is everything else.
 */
export function scanColumnsRead(job: JobPlan): ReadonlySet<number> | undefined {
  if (job.inputs.length !== 1 || job.branches.length > 0 || job.failureStrategy === 'dead_letter') return undefined;
  let node: PhysicalNode = job.root;
  while (node.kind !== 'Scan' && node.input.kind !== 'Scan') node = node.input;
  if (node.kind === 'Scan') return undefined;
  if (node.kind === 'FilterProject' && node.columns === undefined) return undefined;
  if (node.kind !== 'FilterProject' && node.kind !== 'Aggregate') return undefined;
  const read = new Set<number>();
  // Every input column an expression of the node reads is a Column node somewhere in its fields.
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const expr = value as { kind?: unknown; index?: unknown };
    if (expr.kind === 'Column' && typeof expr.index === 'number') read.add(expr.index);
    for (const field of Object.values(value)) visit(field);
  };
  for (const [field, value] of Object.entries(node)) if (field !== 'input' && field !== 'schema') visit(value);
  return read;
}
