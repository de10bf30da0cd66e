import { ErrorCodes, VeloError, type Row, type SqlValue, type StateValue } from '@velots/core';

/** An UpdatingAggregateOperator snapshot: its groups as columns (keys first, then the latest event time, then the aggregates' fields). */
interface SavedUpdating {
  readonly groups: readonly (readonly StateValue[])[];
  readonly changed: Int32Array;
  readonly emittedAny: boolean;
}

/**
 * Re-partitions the GROUP BY states of several workers over `workers` workers: each group goes, with all its
 * columns, to the worker `workerOf(its key values)` names; the groups changed since the last emitChanges stay
 * changed, in their first-change order per old worker (old worker 0's first). Group order within a new worker keeps
 * the old workers' order.
 */
export function partitionUpdatingStates(states: readonly StateValue[], keyCount: number, workerOf: (keys: Row) => number, workers: number): StateValue[] {
  const saved = states as unknown as readonly SavedUpdating[];
  const columnCount = saved[0]?.groups.length ?? keyCount + 1;
  const columns = Array.from({ length: workers }, () => Array.from({ length: columnCount }, (): StateValue[] => []));
  const changed = Array.from({ length: workers }, (): number[] => []);
  const emittedAny = saved.some((s) => s.emittedAny);
  for (const state of saved) {
    if (state.groups.length !== columnCount) throw new VeloError(ErrorCodes.CHECKPOINT, 'the workers of a checkpoint hold groups of different layouts');
    const count = state.groups[keyCount]!.length;
    const placedAt = new Int32Array(count);
    const target = new Int32Array(count);
    for (let g = 0; g < count; g++) {
      const keys: SqlValue[] = [];
      for (let k = 0; k < keyCount; k++) keys.push(state.groups[k]![g] as SqlValue);
      const w = workerOf(keys);
      target[g] = w;
      placedAt[g] = columns[w]![keyCount]!.length;
      for (let c = 0; c < columnCount; c++) columns[w]![c]!.push(state.groups[c]![g]);
    }
    for (const g of state.changed) changed[target[g]!]!.push(placedAt[g]!);
  }
  return columns.map((groups, w) => ({ groups, changed: Int32Array.from(changed[w]!), emittedAny }));
}
