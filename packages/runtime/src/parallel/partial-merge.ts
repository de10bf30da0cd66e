import { systemClock, type SqlValue, type StateValue } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import { AggregateInputs } from '../windows/aggregate-inputs.js';
import { groupKeyFunction } from '../windows/group-key.js';
import type { GroupState } from '../windows/group-state.js';

/** An UpdatingAggregateOperator snapshot: its groups as columns (keys first, then the latest event time, then the aggregates' fields). */
interface SavedGroups {
  readonly groups: readonly (readonly StateValue[])[];
}

/**
 * Merges the GROUP BY states of partial aggregates (UpdatingAggregateOperator snapshots, one per share, in share
 * order) into one snapshot: a group found in several shares has their accumulators merged with the aggregate's
 * compiled `merge` (exactly: COUNT and SUM add, MIN/MAX compare, AVG merges its sum and count, decimals stay exact),
 * its latest event time the largest. Groups keep their first arrival over the shares in order, which for contiguous
 * shares of one input is the one thread's order. Only groups met in several shares are loaded and merged; the others
 * are copied column by column. Every group counts as changed, so EMIT CHANGES emits each once at the end, as over a
 * bounded input.
 */
export function mergePartialStates(aggregate: PhysicalAggregate, states: readonly StateValue[]): StateValue {
  const saved = states as unknown as readonly SavedGroups[];
  const keyCount = aggregate.keys.length;
  const keyOf = groupKeyFunction(Array.from({ length: keyCount }, (_, i) => i));
  const columnCount = saved[0]?.groups.length ?? 0;
  const sizeOf = (state: SavedGroups): number => state.groups[keyCount]?.length ?? 0;
  // The output position of every group key, in first-arrival order over the shares; and the keys met more than once.
  const position = new Map<unknown, number>();
  const firsts: [share: number, group: number][] = [];
  const repeated = new Set<number>();
  const keysOf = saved.map((state, s) => {
    const keys: unknown[] = [];
    for (let g = 0; g < sizeOf(state); g++) {
      const values: SqlValue[] = [];
      for (let k = 0; k < keyCount; k++) values.push(state.groups[k]![g] as SqlValue);
      const key = keyOf(values);
      keys.push(key);
      const at = position.get(key);
      if (at === undefined) {
        position.set(key, firsts.length);
        firsts.push([s, g]);
      } else repeated.add(at);
    }
    return keys;
  });
  const columns = Array.from({ length: columnCount }, (): StateValue[] => new Array<StateValue>(firsts.length));
  firsts.forEach(([s, g], at) => {
    if (repeated.has(at)) return;
    for (let c = 0; c < columnCount; c++) columns[c]![at] = saved[s]!.groups[c]![g]!;
  });
  if (repeated.size > 0) mergeRepeated(aggregate, saved, keysOf, position, repeated, columns);
  const changed = aggregate.emit === 'CHANGES' ? Int32Array.from(firsts, (_f, i) => i) : new Int32Array(0);
  return { groups: columns, changed, emittedAny: false };
}

/** Loads the groups met in several shares (only those), merges them in share order, and writes them at their positions. */
function mergeRepeated(
  aggregate: PhysicalAggregate,
  saved: readonly SavedGroups[],
  keysOf: readonly (readonly unknown[])[],
  position: ReadonlyMap<unknown, number>,
  repeated: ReadonlySet<number>,
  columns: StateValue[][],
): void {
  const inputs = new AggregateInputs(aggregate, systemClock);
  const merged = new Map<number, GroupState>();
  saved.forEach((state, s) => {
    const picked: number[] = [];
    keysOf[s]!.forEach((key, g) => {
      if (repeated.has(position.get(key)!)) picked.push(g);
    });
    if (picked.length === 0) return;
    const groups = inputs.load(state.groups.map((column) => picked.map((g) => column[g]!)));
    groups.forEach((group, i) => {
      const at = position.get(keysOf[s]![picked[i]!])!;
      const into = merged.get(at);
      if (into === undefined) merged.set(at, group);
      else inputs.merge(into, group);
    });
  });
  const places = [...merged.keys()];
  const out = inputs.save([...merged.values()]) as readonly (readonly StateValue[])[];
  places.forEach((at, i) => {
    for (let c = 0; c < columns.length; c++) columns[c]![at] = out[c]![i]!;
  });
}
