import { ErrorCodes, VeloError, type Clock, type RecordBatch, type Row, type SqlValue } from '@velots/core';
import { defaultAggregateCatalog, type Accumulator, type EvalContext, type PhysicalAggregate, type ProjectedColumn } from '@velots/planner';
import { compileSelection, newEvalContext, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { RecordFailure } from '../operators/operator.js';
import type { GroupState } from './group-state.js';

interface CallLayout {
  readonly firstArg: number;
  readonly argCount: number;
  readonly filterIndex: number;
  readonly create: () => Accumulator;
  readonly args: SqlValue[];
}

/** What one batch of input becomes: per record, its key, time and aggregate-argument values. */
export interface AggregateFeatures {
  readonly rows: Row[];
  readonly eventTimes: number[];
  /** The input record each feature row came from (records whose expressions failed are left out). */
  readonly sourceIndex: number[];
}

/**
 * Everything an aggregate reads from an input row, compiled once into one pass:
 * `[keys…, time?, args of call 0…, filter of call 0?, …]`, plus each call's accumulator factory.
 */
export class AggregateInputs {
  readonly keyCount: number;
  private readonly timeIndex: number;
  private readonly calls: CallLayout[] = [];
  private readonly compiled: CompiledSelection;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    node: PhysicalAggregate,
    private readonly clock: Clock,
  ) {
    const columns: ProjectedColumn[] = node.keys.map((k) => ({ name: k.name, expr: k.expr }));
    this.keyCount = node.keys.length;
    this.timeIndex = node.window?.time ? columns.push({ name: '_time', expr: node.window.time }) - 1 : -1;
    for (const call of node.calls) {
      const fn = defaultAggregateCatalog.lookup(call.name);
      if (!fn) throw new VeloError(ErrorCodes.INTERNAL, `aggregate ${call.name} vanished from the catalog`);
      const firstArg = columns.length;
      call.args.forEach((arg, i) => columns.push({ name: `_a${i}`, expr: arg }));
      const filterIndex = call.filter ? columns.push({ name: '_f', expr: call.filter }) - 1 : -1;
      const constants = call.args.map((a) => (a.kind === 'Literal' ? a.value : undefined));
      this.calls.push({
        firstArg,
        argCount: call.args.length,
        filterIndex,
        create: fn.prepare(constants, call.args.map((a) => a.type), { distinct: call.distinct }),
        args: new Array<SqlValue>(call.args.length).fill(null),
      });
    }
    this.compiled = compileSelection({ predicate: undefined, columns, eventTime: undefined }).run;
  }

  /** Evaluates keys, times and arguments for a batch; records whose expressions throw go to `failures`. */
  evaluate(batch: RecordBatch, failures: RecordFailure[]): AggregateFeatures {
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

  keyValues(features: Row): SqlValue[] {
    return features.slice(0, this.keyCount) as SqlValue[];
  }

  newState(keyValues: readonly SqlValue[]): GroupState {
    return { keyValues, accumulators: this.calls.map((c) => c.create()), maxEventTime: -Infinity };
  }

  /** Adds one record's arguments to a group's accumulators (skipping calls whose FILTER is not TRUE). */
  add(state: GroupState, features: Row, eventTime: number): void {
    for (let c = 0; c < this.calls.length; c++) {
      const call = this.calls[c]!;
      if (call.filterIndex !== -1 && features[call.filterIndex] !== true) continue;
      for (let a = 0; a < call.argCount; a++) call.args[a] = (features[call.firstArg + a] ?? null) as SqlValue;
      state.accumulators[c]!.add(call.args);
    }
    if (eventTime > state.maxEventTime) state.maxEventTime = eventTime;
  }

  /** Folds `from` into `into` (session merges). */
  merge(into: GroupState, from: GroupState): void {
    for (let c = 0; c < into.accumulators.length; c++) into.accumulators[c]!.merge(from.accumulators[c]!);
    if (from.maxEventTime > into.maxEventTime) into.maxEventTime = from.maxEventTime;
  }
}
