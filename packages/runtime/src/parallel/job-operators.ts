import type { Clock, Row } from '@velots/core';
import type { PhysicalNode } from '@velots/planner';
import { buildOperators } from '../engine/operator-chain.js';
import type { LoadedTable } from '../joins/table-state.js';
import type { Operator } from '../operators/operator.js';
import { ParallelStageOperator } from './parallel-stage-operator.js';
import { singleThreadedReason, splitForWorkers } from './plan-split.js';
import { plainPlan } from './transfer.js';

/**
 * The operator chain of a job on `workers` threads: the chain below a keyed GROUP BY on this thread, then one
 * ParallelStageOperator running the rest on the workers. One thread when `workers` ≤ 1 or the plan does not split
 * (see `singleThreadedReason`).
 */
export function buildJobOperators(
  root: PhysicalNode,
  clock: Clock,
  bounded: boolean,
  tables: ReadonlyMap<string, LoadedTable>,
  subqueryRows: ReadonlyMap<string, readonly Row[]>,
  inputCount: number,
  workers: number,
): Operator[] {
  const split = workers > 1 ? splitForWorkers(root) : undefined;
  if (!split || !transferable(split.tail)) return buildOperators(root, clock, bounded, tables, subqueryRows, inputCount);
  return [...buildOperators(split.head, clock, bounded, tables, subqueryRows, inputCount), new ParallelStageOperator(split, workers, bounded, inputCount)];
}

/** How a job's operator chain uses threads: split by key, or one thread and why (`reason`: why its source is not read in shares, and why its GROUP BY does not split by key). */
export function threadsOf(operators: readonly Operator[], workers: number, root: PhysicalNode, reason: string | undefined): { mode: 'keys' | 'single'; workers: number; reason?: string | undefined } {
  if (operators.some((o) => o instanceof ParallelStageOperator)) return { mode: 'keys', workers, reason };
  const byKey = singleThreadedReason(root);
  return { mode: 'single', workers: 1, reason: [reason, byKey].filter((r) => r !== undefined).join('; ') };
}

/** Stops what an operator chain runs beside this thread (worker threads). */
export function disposeOperators(operators: readonly Operator[]): void {
  for (const operator of operators) if (operator instanceof ParallelStageOperator) operator.dispose();
}

/** Whether a worker can receive the plan part (scalar functions of the default catalog, no other code). */
function transferable(tail: PhysicalNode): boolean {
  try {
    plainPlan(tail);
    return true;
  } catch {
    return false;
  }
}
