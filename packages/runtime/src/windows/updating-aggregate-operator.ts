import type { Clock, RecordBatch, Row } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { AggregateInputs } from './aggregate-inputs.js';
import { aggregateRow, groupKeyOf, type GroupState } from './group-state.js';

/**
 * GROUP BY without a window. EMIT CHANGES (the default) emits each changed group's new row after
 * every batch, in the order the groups first changed; EMIT FINAL emits every group once at the end
 * of a bounded input. A global aggregate (no GROUP BY) over no rows still emits its one row at the end.
 */
export class UpdatingAggregateOperator implements Operator {
  readonly name = 'UpdatingAggregate';
  readonly finished = false;
  private readonly inputs: AggregateInputs;
  private readonly groups = new Map<string, GroupState>();
  private emittedAny = false;

  constructor(
    private readonly node: PhysicalAggregate,
    clock: Clock,
  ) {
    this.inputs = new AggregateInputs(node, clock);
  }

  stateEntries(): number {
    return this.groups.size;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const features = this.inputs.evaluate(batch, failures);
    const changed = new Set<GroupState>();
    for (let i = 0; i < features.rows.length; i++) {
      const row = features.rows[i]!;
      const keyValues = this.inputs.keyValues(row);
      const key = groupKeyOf(keyValues);
      let state = this.groups.get(key);
      if (!state) {
        state = this.inputs.newState(keyValues);
        this.groups.set(key, state);
      }
      this.inputs.add(state, row, features.eventTimes[i]!);
      changed.add(state);
    }
    if (this.node.emit === 'FINAL') return this.batchOf([]);
    return this.batchOf([...changed]);
  }

  finish(): RecordBatch | undefined {
    if (this.node.emit === 'CHANGES') {
      return this.groups.size === 0 && this.inputs.keyCount === 0 && !this.emittedAny ? this.batchOf([this.inputs.newState([])]) : undefined;
    }
    if (this.groups.size === 0 && this.inputs.keyCount === 0) return this.batchOf([this.inputs.newState([])]);
    return this.batchOf([...this.groups.values()]);
  }

  private batchOf(states: readonly GroupState[]): RecordBatch {
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    for (const state of states) {
      rows.push(aggregateRow(state, null, null));
      eventTimes.push(Number.isFinite(state.maxEventTime) ? state.maxEventTime : 0);
    }
    if (rows.length > 0) this.emittedAny = true;
    return { schema: this.node.schema, rows, eventTimes };
  }
}
