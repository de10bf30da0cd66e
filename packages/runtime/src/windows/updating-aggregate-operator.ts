import type { Clock, RecordBatch, Row, StateValue } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { AggregateInputs } from './aggregate-inputs.js';
import type { GroupState } from './group-state.js';
import { resetGroupsById, type GroupsById } from './columnar-group-update.js';

/**
 * GROUP BY without a window. EMIT CHANGES (the default) emits the new row of every group changed since the
 * input last caught up (no more records ready at once: a quiet stdin, the end of a tailed file), in the
 * order the groups first changed, and at the end of a bounded input; so the changelog never depends on the
 * micro-batch size, and over a file it is one row per group. EMIT FINAL emits every group once at the end
 * of a bounded input. A global aggregate (no GROUP BY) over no rows still emits its one row at the end.
 */
export class UpdatingAggregateOperator implements Operator {
  readonly name = 'UpdatingAggregate';
  readonly finished = false;
  private readonly inputs: AggregateInputs;
  private readonly groups = new Map<unknown, GroupState>();
  /** Groups changed since changes were last emitted (EMIT CHANGES), in first-change order. */
  private readonly changed = new Set<GroupState>();
  private emittedAny = false;
  /** The groups of the key column's dictionary ids (columnar batches). */
  private readonly groupsById: GroupsById = { dictionary: undefined, states: [] };
  /** True when batches carrying column vectors are read from them (see AggregateInputs.columnar). */
  readonly readsColumns: boolean;

  constructor(
    private readonly node: PhysicalAggregate,
    clock: Clock,
  ) {
    this.inputs = new AggregateInputs(node, clock);
    this.readsColumns = this.inputs.columnar !== undefined;
  }

  stateEntries(): number {
    return this.groups.size;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const columnar = this.inputs.columnar;
    if (columnar !== undefined && batch.columns !== undefined) {
      const changed = this.node.emit === 'CHANGES' ? this.changed : null;
      if (columnar(this.groups, batch.columns, () => batch.eventTimes, changed, this.inputs.createState, this.groupsById)) return this.batchOf([]);
    }
    const features = this.inputs.evaluate(batch, failures);
    const changes = this.node.emit === 'CHANGES';
    const inputs = this.inputs;
    const groups = this.groups;
    const rows = features.rows;
    const eventTimes = features.eventTimes;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const key = inputs.keyOf(row);
      let state = groups.get(key);
      if (state === undefined) {
        state = inputs.newState(row);
        groups.set(key, state);
      }
      inputs.add(state, row, eventTimes[i]!);
      if (changes) this.changed.add(state);
    }
    return this.batchOf([]);
  }

  emitChanges(): RecordBatch | undefined {
    if (this.changed.size === 0) return undefined;
    const batch = this.batchOf([...this.changed]);
    this.changed.clear();
    return batch;
  }

  finish(): RecordBatch | undefined {
    if (this.node.emit === 'CHANGES') {
      if (this.groups.size === 0 && this.inputs.keyCount === 0 && !this.emittedAny) return this.batchOf([this.inputs.newState(undefined)]);
      return this.emitChanges();
    }
    if (this.groups.size === 0 && this.inputs.keyCount === 0) return this.batchOf([this.inputs.newState(undefined)]);
    return this.batchOf([...this.groups.values()]);
  }

  /**
   * `{ groups, changed, emittedAny }`: every group's compact fields (keys, latest event time, accumulators as they
   * are), in first-arrival order; the groups changed since the last emitChanges, as positions in first-change order.
   */
  snapshot(): StateValue {
    const states = [...this.groups.values()];
    let changed = new Int32Array(0);
    if (this.changed.size > 0) {
      const position = new Map(states.map((state, i) => [state, i]));
      changed = Int32Array.from(this.changed, (state) => position.get(state)!);
    }
    return { groups: this.inputs.save(states), changed, emittedAny: this.emittedAny };
  }

  restore(state: StateValue): void {
    const saved = state as { groups: StateValue; changed: Int32Array; emittedAny: boolean };
    const states = this.inputs.load(saved.groups);
    this.groups.clear();
    resetGroupsById(this.groupsById);
    for (const group of states) this.groups.set(this.inputs.keyOfState(group), group);
    this.changed.clear();
    for (const i of saved.changed) this.changed.add(states[i]!);
    this.emittedAny = saved.emittedAny;
  }

  private batchOf(states: readonly GroupState[]): RecordBatch {
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    for (const state of states) {
      rows.push(this.inputs.rowOf(state, null, null));
      eventTimes.push(Number.isFinite(state.maxEventTime) ? state.maxEventTime : 0);
    }
    if (rows.length > 0) this.emittedAny = true;
    return { schema: this.node.schema, rows, eventTimes };
  }
}
