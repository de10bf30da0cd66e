import { ErrorCodes, VeloError, type Clock, type RecordBatch, type Row, type StateValue } from '@velots/core';
import { defaultAggregateCatalog, type BoundExpr, type EvalContext, type PhysicalAggregate, type ProjectedColumn } from '@velots/planner';
import { compileSelection, newEvalContext, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { RecordFailure } from '../operators/operator.js';
import type { GroupState } from './group-state.js';
import { groupKeyFunction, type GroupKeyOf } from './group-key.js';
import { compileGroupState, type CallSlots, type CompiledGroupState } from './group-state-compiler.js';
import { compileColumnarGroupUpdate, type ColumnarGroupUpdate } from './columnar-group-update.js';

/** What one batch of input becomes: per record, its key, time and aggregate-argument values. */
export interface AggregateFeatures {
  readonly rows: readonly Row[];
  readonly eventTimes: readonly number[];
  /** The input record each feature row came from (records whose expressions failed are left out); undefined: the same index. */
  readonly sourceIndex: readonly number[] | undefined;
}

/** The input record feature row `i` came from. */
export function sourceOf(features: AggregateFeatures, i: number): number {
  return features.sourceIndex === undefined ? i : features.sourceIndex[i]!;
}

/**
 * Everything an aggregate reads from an input row, and its compiled group state. When every key, time, argument
 * and FILTER is a plain input column, the input rows are read in place (no per-record feature row); otherwise one
 * compiled pass evaluates `[keys…, time?, args of call 0…, filter of call 0?, …]` per record.
 */
export class AggregateInputs {
  readonly keyCount: number;
  /** The group key of a feature row (a Map key: see group-key.ts). */
  readonly keyOf: GroupKeyOf;
  /** Some call's result depends on arrival order (FIRST, LAST, STRING_AGG): partial states must not be merged out of order. */
  readonly orderSensitive: boolean;
  /**
   * The update straight from a columnar batch, when the plan allows it (no window, at most one key, every call
   * inline over at most one plain column, no FILTER); undefined otherwise.
   */
  readonly columnar: ColumnarGroupUpdate | undefined;
  /** The group key of a group's own key values (`keyValues`): the same Map key `keyOf` gave its records. */
  private readonly keyOfValues: GroupKeyOf;
  private readonly timeIndex: number;
  private readonly compiled: CompiledSelection | undefined;
  private readonly state: CompiledGroupState;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    node: PhysicalAggregate,
    private readonly clock: Clock,
  ) {
    const columns: ProjectedColumn[] = node.keys.map((k) => ({ name: k.name, expr: k.expr }));
    this.keyCount = node.keys.length;
    const time = node.window?.time;
    const timeSlot = time ? columns.push({ name: '_time', expr: time }) - 1 : -1;
    const layouts: { args: number[]; filter: number; call: PhysicalAggregate['calls'][number] }[] = [];
    for (const call of node.calls) {
      const args = call.args.map((arg, i) => columns.push({ name: `_a${i}`, expr: arg }) - 1);
      const filter = call.filter ? columns.push({ name: '_f', expr: call.filter }) - 1 : -1;
      layouts.push({ args, filter, call });
    }
    const direct = columns.every((c) => c.expr.kind === 'Column');
    // Direct: a slot is its input column; compiled: a slot is its position in the feature row.
    const at = (slot: number): number => (slot === -1 || !direct ? slot : (columns[slot]!.expr as Extract<BoundExpr, { kind: 'Column' }>).index);
    this.compiled = direct ? undefined : compileSelection({ predicate: undefined, columns, eventTime: undefined }).run;
    this.timeIndex = at(timeSlot);
    const keyPositions = node.keys.map((_k, i) => at(i));
    this.keyOf = groupKeyFunction(keyPositions);
    this.keyOfValues = groupKeyFunction(keyPositions.map((_p, i) => i));
    this.orderSensitive = node.calls.some((call) => defaultAggregateCatalog.lookup(call.name)?.orderSensitive === true);
    const calls: CallSlots[] = layouts.map(({ args, filter, call }) => {
      const fn = defaultAggregateCatalog.lookup(call.name);
      if (!fn) throw new VeloError(ErrorCodes.INTERNAL, `aggregate ${call.name} vanished from the catalog`);
      const argTypes = call.args.map((a) => a.type);
      const constants = call.args.map((a) => (a.kind === 'Literal' ? a.value : undefined));
      return {
        args: args.map(at),
        filter: at(filter),
        inline: fn.inline?.(argTypes, { distinct: call.distinct }),
        create: fn.prepare(constants, argTypes, { distinct: call.distinct }),
      };
    });
    this.state = compileGroupState(keyPositions, calls);
    const columnarPlan =
      direct && node.window === undefined && keyPositions.length <= 1 && calls.every((c) => c.inline !== undefined && c.filter === -1 && c.args.length <= 1);
    this.columnar = columnarPlan
      ? compileColumnarGroupUpdate(
          node.keys.length === 1 ? { column: keyPositions[0]!, type: node.keys[0]!.expr.type } : undefined,
          calls.map((c, i) => ({ column: c.args[0] ?? -1, type: node.calls[i]!.args[0]?.type, inline: c.inline! })),
        )
      : undefined;
  }

  /** A new group for a columnar update (its key value read from `features`, as `newState` reads it). */
  readonly createState = (features: Row): GroupState => this.state.create(features);

  /** Evaluates keys, times and arguments for a batch; records whose expressions throw go to `failures`. */
  evaluate(batch: RecordBatch, failures: RecordFailure[]): AggregateFeatures {
    if (this.compiled === undefined) return { rows: batch.rows, eventTimes: batch.eventTimes, sourceIndex: undefined };
    this.context.now = this.clock.now();
    const out = runSelection(this.compiled, batch, this.context, failures);
    return { rows: out.rows, eventTimes: out.eventTimes, sourceIndex: out.sourceIndex };
  }

  /** The time windows use for a record: its time column (epoch ms), else its event time; NaN when NULL. */
  timeOf(features: Row, eventTime: number): number {
    if (this.timeIndex === -1) return eventTime;
    const value = features[this.timeIndex];
    return value === null || value === undefined ? Number.NaN : Number(value);
  }

  /** A new group keyed by the feature row's key values (no row: the global group of an aggregate without GROUP BY). */
  newState(features: Row | undefined): GroupState {
    return this.state.create(features);
  }

  /** Adds one record's arguments to a group's accumulators (skipping calls whose FILTER is not TRUE). */
  add(state: GroupState, features: Row, eventTime: number): void {
    this.state.add(state, features, eventTime);
  }

  /** Folds `from` into `into` (session merges). */
  merge(into: GroupState, from: GroupState): void {
    this.state.merge(into, from);
  }

  /** A new group with `state`'s key and aggregates. */
  copy(state: GroupState): GroupState {
    return this.state.copy(state);
  }

  /** The Map key a group is found under (from its own key values). */
  keyOfState(state: GroupState): unknown {
    return this.keyOfValues(this.state.keyValues(state));
  }

  /** Groups as a checkpoint holds them (columns of their fields as they are; see CompiledGroupState.save). */
  save(states: readonly GroupState[]): StateValue {
    return this.state.save(states);
  }

  /** Groups `save` returned, as live states in the same order. */
  load(saved: StateValue): GroupState[] {
    return this.state.load(saved);
  }

  /** The post-aggregation row: `[keys…, _window_start, _window_end, results…]`. */
  rowOf(state: GroupState, windowStart: number | null, windowEnd: number | null): Row {
    return this.state.row(state, windowStart, windowEnd);
  }
}
