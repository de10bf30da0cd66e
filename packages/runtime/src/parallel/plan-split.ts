import type { PhysicalAggregate, PhysicalNode } from '@velots/planner';

/**
 * How a job splits across worker threads: `head` (the chain below a keyed GROUP BY) runs on the coordinating
 * thread in arrival order, exactly as single-threaded; `tail` (the aggregate and the projections/HAVING above it)
 * runs once per worker, each worker owning the groups whose key hashes to it.
 */
export interface ParallelSplit {
  /** The aggregate's input: what the coordinator runs before partitioning. */
  readonly head: PhysicalNode;
  /** The aggregate and what lies above it: what every worker runs. */
  readonly tail: PhysicalNode;
  readonly aggregate: PhysicalAggregate;
}

/** Why a plan runs on one thread, or undefined when `splitForWorkers` splits it. */
export function singleThreadedReason(root: PhysicalNode): string | undefined {
  const above: PhysicalNode[] = [];
  let node: PhysicalNode = root;
  while (node.kind !== 'Aggregate') {
    if (node.kind === 'Scan') return 'no GROUP BY to split by key';
    above.push(node);
    node = node.input;
  }
  if (node.keys.length === 0) return 'a global aggregate (no GROUP BY key)';
  if (node.window !== undefined) return 'a windowed aggregate (its watermark is one sequence over all keys)';
  const ordered = above.find((n) => n.kind !== 'FilterProject');
  if (ordered) return `${ordered.kind} above the GROUP BY needs every group in one place`;
  return undefined;
}

/** The split of a plan across workers, or undefined when it must run on one thread (see `singleThreadedReason`). */
export function splitForWorkers(root: PhysicalNode): ParallelSplit | undefined {
  if (singleThreadedReason(root) !== undefined) return undefined;
  let node: PhysicalNode = root;
  while (node.kind !== 'Aggregate') node = (node as Exclude<PhysicalNode, { kind: 'Scan' }>).input;
  return { head: node.input, tail: tailFrom(root, node), aggregate: node };
}

/** The plan below `cut` replaced by a Scan of `cut`'s input schema: what a worker compiles. */
export function tailFrom(root: PhysicalNode, cut: PhysicalAggregate): PhysicalNode {
  if (root === cut) return { ...cut, input: { kind: 'Scan', input: 'partition', schema: cut.input.schema } };
  const withInput = root as Exclude<PhysicalNode, { kind: 'Scan' }>;
  return { ...withInput, input: tailFrom(withInput.input, cut) } as PhysicalNode;
}

/**
 * The input columns an aggregate reads (keys, arguments, FILTERs, window time): the only ones a worker needs. Given
 * another node without its input and schema, the columns its expressions read.
 */
export function columnsReadBy(aggregate: PhysicalAggregate | Record<string, unknown>): ReadonlySet<number> {
  const used = new Set<number>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as { kind?: unknown; index?: unknown };
    if (node.kind === 'Column' && typeof node.index === 'number') used.add(node.index);
    for (const field of Object.values(value)) visit(field);
  };
  if (aggregate['kind'] !== 'Aggregate') {
    visit(aggregate);
    return used;
  }
  const node = aggregate as PhysicalAggregate;
  visit(node.keys);
  visit(node.calls);
  visit(node.window);
  return used;
}
