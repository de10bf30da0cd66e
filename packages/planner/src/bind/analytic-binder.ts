import { ErrorCodes, Schema, SqlTypes, field, type SqlType } from '@velots/core';
import { print, type Expression, type FrameBound, type FunctionCall, type NamedWindow, type WindowSpec } from '@velots/sql-parser';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import type { AnalyticCallPlan, AnalyticWindowPlan, FrameBoundPlan, FramePlan } from '../plan/analytic-plan.js';
import type { SortKey } from '../plan/logical-plan.js';
import type { BoundExpr } from './bound-expr.js';
import { mapExpression } from './bound-expr-walk.js';
import { coerceTo } from './coercion.js';
import type { ExpressionBinder } from './expression-binder.js';
import type { Scope } from './scope.js';
import { resolveWindowSpec } from './named-windows.js';

/** Where analytic columns are placed while the input width is unknown (far beyond any real row). */
const DEFERRED_WIDTH = 1 << 30;

/** Ranking and offset functions that exist only with OVER (dialect §7), and their result types. */
const ANALYTIC_ONLY: Readonly<Record<string, { min: number; max: number; type: (args: readonly BoundExpr[]) => SqlType }>> = {
  ROW_NUMBER: { min: 0, max: 0, type: () => SqlTypes.BIGINT },
  RANK: { min: 0, max: 0, type: () => SqlTypes.BIGINT },
  DENSE_RANK: { min: 0, max: 0, type: () => SqlTypes.BIGINT },
  PERCENT_RANK: { min: 0, max: 0, type: () => SqlTypes.DOUBLE },
  CUME_DIST: { min: 0, max: 0, type: () => SqlTypes.DOUBLE },
  NTILE: { min: 1, max: 1, type: () => SqlTypes.BIGINT },
  LAG: { min: 1, max: 3, type: (args) => args[0]!.type },
  LEAD: { min: 1, max: 3, type: (args) => args[0]!.type },
  FIRST_VALUE: { min: 1, max: 1, type: (args) => args[0]!.type },
  LAST_VALUE: { min: 1, max: 1, type: (args) => args[0]!.type },
  NTH_VALUE: { min: 2, max: 2, type: (args) => args[0]!.type },
};

/**
 * Binds `f(…) OVER (…)` calls of a select list: each becomes a column appended to the input row by
 * the Analytic operator (one window per call, in order), and the select list reads that column.
 */
export class AnalyticBinder {
  readonly windows: AnalyticWindowPlan[] = [];

  constructor(
    /** The input row's width; undefined while unknown (call `relocate` on what the select binder bound, once it is). */
    private readonly inputWidth: number | undefined,
    private readonly inputScope: Scope,
    private readonly binder: ExpressionBinder,
    private readonly aggregates: AggregateCatalog,
    private readonly source: PlanningSource,
    /** The query's `WINDOW w AS (…)` list, for `OVER w` and `OVER (w …)`. */
    private readonly namedWindows: readonly NamedWindow[] = [],
  ) {}

  /** The binder for select items: OVER calls read their appended column (other expressions bind as `binder` binds them). */
  selectBinder(): ExpressionBinder {
    return this.binder.withInterceptorFirst((expr) =>
      expr.kind === 'FunctionCall' && expr.over ? this.call(expr, resolveWindowSpec(expr.over, this.namedWindows, this.source)) : undefined,
    );
  }

  /** The input schema with one column per analytic call appended. */
  extend(input: Schema): Schema {
    return new Schema([...input.fields, ...this.windows.flatMap((w) => w.calls.map((c, i) => field(`_over${this.windows.indexOf(w)}_${i}`, c.type)))]);
  }

  private call(call: FunctionCall, over: WindowSpec): BoundExpr {
    const name = call.upperName;
    const args = call.args.map((arg) => this.binder.bind(arg, this.inputScope));
    const analytic = ANALYTIC_ONLY[name];
    let plan: AnalyticCallPlan;
    if (analytic) {
      if (args.length < analytic.min || args.length > analytic.max) {
        throw errorAt(ErrorCodes.TYPE_MISMATCH, `${name} takes ${analytic.min === analytic.max ? analytic.min : `${analytic.min} to ${analytic.max}`} argument(s), got ${args.length}`, call.span, this.source);
      }
      const type = analytic.type(args);
      const bound = (name === 'LAG' || name === 'LEAD') && args[2] ? [args[0]!, args[1]!, coerceTo(args[2], type)] : args;
      for (const [i, arg] of bound.entries()) {
        const integerConstant = (name === 'LAG' || name === 'LEAD') ? i === 1 : name === 'NTILE' ? i === 0 : name === 'NTH_VALUE' && i === 1;
        if (integerConstant && (arg.kind !== 'Literal' || typeof arg.value !== 'number' || !Number.isInteger(arg.value) || arg.value < 0)) {
          throw errorAt(ErrorCodes.SQL_BIND, `argument ${i + 1} of ${name} must be a non-negative integer literal`, call.args[i]!.span, this.source);
        }
      }
      plan = { name, args: bound, type, aggregate: false, distinct: false, frame: this.frame(over), text: print(call) };
    } else {
      const fn = this.aggregates.lookup(name);
      if (!fn) {
        throw errorAt(ErrorCodes.UNKNOWN_FUNCTION, `${call.name}(…) cannot be used with OVER: use an aggregate or LAG, LEAD, ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, FIRST_VALUE, LAST_VALUE, NTH_VALUE`, call.span, this.source);
      }
      const withinGroup = this.orderedValues(call, over, fn.withinGroup === true).map((e) => this.binder.bind(e, this.inputScope));
      const all = [...args, ...withinGroup];
      const resolved = withPosition(call.span, this.source, () => fn.resolve(all.map((a) => a.type), { distinct: call.distinct }), ErrorCodes.TYPE_MISMATCH);
      plan = {
        name: fn.name,
        args: all.map((a, i) => coerceTo(a, resolved.argTypes[i] ?? a.type)),
        type: resolved.result,
        aggregate: true,
        distinct: call.distinct,
        frame: this.frame(over),
        text: print(call),
      };
    }
    const window: AnalyticWindowPlan = {
      partitionBy: over.partitionBy.map((e) => this.binder.bind(e, this.inputScope)),
      orderBy: over.orderBy.map((o): SortKey => ({ expr: this.binder.bind(o.expr, this.inputScope), descending: o.direction === 'DESC', nullsFirst: o.nulls === 'FIRST' })),
      bufferRows: over.bufferRows,
      emitMode: over.emitMode === 'ON_BUFFER_FULL' ? 'ON_BUFFER_FULL' : 'EVERY_RECORD',
      expireAfterMs: over.expire?.after?.ms,
      calls: [plan],
    };
    this.windows.push(window);
    return { kind: 'Column', type: plan.type, index: (this.inputWidth ?? DEFERRED_WIDTH) + this.windows.length - 1, name: plan.text };
  }

  /**
   * `expr` with the analytic columns moved behind an input of `width` columns: for an input whose width was not
   * known while the select list was bound (a GROUP BY query's aggregate row grows with every aggregate call bound).
   */
  relocate(expr: BoundExpr, width: number): BoundExpr {
    if (this.inputWidth !== undefined) return expr;
    return mapExpression(expr, (node) => (node.kind === 'Column' && node.index >= DEFERRED_WIDTH ? { ...node, index: width + node.index - DEFERRED_WIDTH } : node));
  }

  /**
   * The values an ordered-set aggregate (PERCENTILE_CONT, PERCENTILE_DISC) sorts: its WITHIN GROUP (ORDER BY x), or
   * else the first ORDER BY key of its OVER (dialect §7), so `PERCENTILE_CONT(0.5) OVER (ORDER BY x)` reads x.
   */
  private orderedValues(call: FunctionCall, over: WindowSpec, orderedSet: boolean): readonly Expression[] {
    if (call.withinGroup) return call.withinGroup.map((o) => o.expr);
    if (!orderedSet) return [];
    const first = over.orderBy[0];
    if (!first) {
      throw errorAt(ErrorCodes.SQL_BIND, `${call.upperName}(p) OVER (…) needs WITHIN GROUP (ORDER BY x) or an ORDER BY x in its OVER: x is the value it sorts`, call.span, this.source);
    }
    return [first.expr];
  }

  private frame(over: WindowSpec): FramePlan | undefined {
    if (!over.frame) return undefined;
    return {
      unit: over.frame.unit,
      start: this.bound(over.frame.start),
      end: over.frame.end ? this.bound(over.frame.end) : { kind: 'CURRENT_ROW' },
    };
  }

  private bound(bound: FrameBound): FrameBoundPlan {
    if (!bound.offset) return { kind: bound.type };
    return { kind: bound.type, offset: frameOffset(bound.offset, this.source) };
  }
}

function frameOffset(expr: Expression, source: PlanningSource): number {
  if (expr.kind === 'NumberLiteral' && expr.numericKind === 'integer') return Number(expr.text);
  if (expr.kind === 'IntervalLiteral' || expr.kind === 'DurationLiteral') return expr.ms;
  throw errorAt(ErrorCodes.SQL_BIND, 'a frame offset must be an integer or an INTERVAL literal', expr.span, source);
}
