import { systemClock, type StateValue } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import { AggregateInputs } from '../windows/aggregate-inputs.js';
import type { GroupState } from '../windows/group-state.js';

/**
 * Merges the GROUP BY states of partial aggregates (UpdatingAggregateOperator snapshots, one per share, in share
 * order) into one snapshot: a group found in several shares has their accumulators merged (exactly: COUNT and SUM
 * add, MIN/MAX compare, AVG merges its sum and count, decimals stay exact), its latest event time the largest. Groups
 * keep their first arrival over the shares in order, which for contiguous shares of one input is the one thread's
 * order. Every group counts as changed, so EMIT CHANGES emits each once at the end, as over a bounded input.
 */
export function mergePartialStates(aggregate: PhysicalAggregate, states: readonly StateValue[]): StateValue {
  const inputs = new AggregateInputs(aggregate, systemClock);
  const groups = new Map<unknown, GroupState>();
  for (const state of states) {
    const saved = state as { groups: StateValue };
    for (const group of inputs.load(saved.groups)) {
      const key = inputs.keyOfState(group);
      const into = groups.get(key);
      if (into === undefined) groups.set(key, group);
      else inputs.merge(into, group);
    }
  }
  const merged = [...groups.values()];
  const changed = aggregate.emit === 'CHANGES' ? Int32Array.from(merged, (_g, i) => i) : new Int32Array(0);
  return { groups: inputs.save(merged), changed, emittedAny: false };
}
