import { ErrorCodes, VeloError, sqlTypeEquals, type Clock, type RecordBatch, type Row } from '@velots/core';
import {
  castValue,
  defaultAggregateCatalog,
  type AnalyticCallPlan,
  type AnalyticWindowPlan,
  type BoundExpr,
  type EvalContext,
  type ProjectedColumn,
} from '@velots/planner';
import { compileSelection, newEvalContext, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { RecordFailure } from '../operators/operator.js';

/** Where one window's values sit in a feature row. */
export interface WindowLayout {
  readonly partitionStart: number;
  readonly partitionCount: number;
  readonly orderStart: number;
  /** First argument column of each call, in call order. */
  readonly argStart: readonly number[];
}

/** What one batch becomes: a feature row per record that evaluated, and the record it came from. */
export interface AnalyticFeatures {
  readonly rows: Row[];
  readonly sourceIndex: number[];
}

/**
 * Everything the analytic windows read from an input row, compiled once into one pass:
 * `[w0 partition keys…, w0 order keys…, w0 call 0 args…, …, w1 …]`. One pass for all windows, so a
 * record whose expressions throw is rejected as a whole before any window's state sees it.
 */
export class AnalyticFeatureCompiler {
  readonly layouts: readonly WindowLayout[];
  private readonly compiled: CompiledSelection;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    windows: readonly AnalyticWindowPlan[],
    private readonly clock: Clock,
  ) {
    const columns: ProjectedColumn[] = [];
    const add = (expr: BoundExpr): number => columns.push({ name: `_f${columns.length}`, expr }) - 1;
    this.layouts = windows.map((window) => {
      const partitionStart = columns.length;
      window.partitionBy.forEach(add);
      const orderStart = columns.length;
      for (const key of window.orderBy) add(key.expr);
      const argStart = window.calls.map((call) => {
        const first = columns.length;
        argumentsOf(call).forEach(add);
        return first;
      });
      return { partitionStart, partitionCount: window.partitionBy.length, orderStart, argStart };
    });
    this.compiled = compileSelection({ predicate: undefined, columns, eventTime: undefined }).run;
  }

  /** Evaluates the feature rows of a batch; records whose expressions throw go to `failures`. */
  evaluate(batch: RecordBatch, failures: RecordFailure[]): AnalyticFeatures {
    this.context.now = this.clock.now();
    const out = runSelection(this.compiled, batch, this.context, failures);
    return { rows: out.rows, sourceIndex: out.sourceIndex };
  }
}

/**
 * A call's arguments as the runtime evaluates them. Aggregate arguments are cast to the types the
 * aggregate asks for (the binder normally did it already; then this changes nothing).
 */
export function argumentsOf(call: AnalyticCallPlan): readonly BoundExpr[] {
  if (!call.aggregate) return call.args;
  const fn = defaultAggregateCatalog.lookup(call.name);
  if (!fn)
    throw new VeloError(
      ErrorCodes.INTERNAL,
      `analytic aggregate ${call.name} (${call.text}) is not in the aggregate catalog`,
    );
  const resolved = fn.resolve(
    call.args.map((a) => a.type),
    { distinct: call.distinct },
  );
  return call.args.map((arg, i) => {
    const target = resolved.argTypes[i];
    if (!target || sqlTypeEquals(arg.type, target) || (arg.type.kind === 'INTEGER' && target.kind === 'BIGINT'))
      return arg;
    if (arg.kind === 'Literal')
      return {
        kind: 'Literal',
        type: target,
        value: arg.value === null ? null : castValue(arg.value, arg.type, target),
      };
    if (arg.type.kind === 'NULL') return { kind: 'Literal', type: target, value: null };
    return { kind: 'Cast', type: target, input: arg, implicit: true };
  });
}
