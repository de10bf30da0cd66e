import type { PhysicalNode } from '@velots/planner';

/** How often an unbounded job commits its source position (after flushing its sinks). */
export const COMMIT_INTERVAL_MS = 1000;

/**
 * True when no operator of the plan keeps records whose results are still to come (filters, projections,
 * table lookups, DISTINCT and LIMIT emit at once). Only then may an unbounded job commit its source position
 * while it runs: a window still open holds records that no sink has acknowledged yet, and state lives in
 * memory only, so committing past them would lose them on a restart. Such jobs commit at the end of a
 * bounded run, when every window has been flushed.
 */
export function emitsAtOnce(node: PhysicalNode): boolean {
  switch (node.kind) {
    case 'Scan':
      return true;
    case 'FilterProject':
    case 'LookupJoin':
    case 'Distinct':
    case 'Limit':
      return emitsAtOnce(node.input);
    default:
      return false;
  }
}
