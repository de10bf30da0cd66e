import { ErrorCodes, SqlTypes, field, type Field } from '@velots/core';
import { print, type Expression, type FunctionCall, type Select } from '@velots/sql-parser';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import type { AggregateCallPlan } from '../plan/window-plan.js';
import type { BoundExpr } from './bound-expr.js';
import { coerceTo } from './coercion.js';
import type { ExpressionBinder } from './expression-binder.js';
import { Scope } from './scope.js';

/** A GROUP BY key: bound over the input row, with its canonical text (to recognise it in the select list). */
export interface GroupKey {
  readonly expr: BoundExpr;
  readonly text: string;
  readonly name: string;
}

/**
 * The row an aggregate emits: `[key 0 … key k-1, _window_start, _window_end, agg 0 … agg m-1]`.
 * Select items, HAVING and ORDER BY are bound over it: a sub-expression equal to a GROUP BY key reads
 * its key slot, an aggregate call reads its slot, and a bare column that is neither is an error.
 */
export class AggregationScope {
  readonly calls: AggregateCallPlan[] = [];
  private readonly callTexts: string[] = [];
  readonly postScope = new Scope([]);

  constructor(
    readonly keys: readonly GroupKey[],
    private readonly inputScope: Scope,
    private readonly inputBinder: ExpressionBinder,
    private readonly aggregates: AggregateCatalog,
    private readonly source: PlanningSource,
    private readonly windowed: boolean,
  ) {}

  get windowStartIndex(): number {
    return this.keys.length;
  }

  get windowEndIndex(): number {
    return this.keys.length + 1;
  }

  /** The fields of the post-aggregation row, in slot order. */
  fields(): Field[] {
    return [
      ...this.keys.map((k) => field(k.name, k.expr.type)),
      field('_window_start', SqlTypes.BIGINT),
      field('_window_end', SqlTypes.BIGINT),
      ...this.calls.map((c, i) => field(`_agg${i}`, c.type)),
    ];
  }

  /** The binder for select items, HAVING and ORDER BY over the post-aggregation row. */
  binder(): ExpressionBinder {
    return this.inputBinder.withInterceptor((expr, scope) => this.intercept(expr, scope));
  }

  private intercept(expr: Expression, scope: Scope): BoundExpr | undefined {
    const text = print(expr);
    const key = this.keys.findIndex((k) => k.text === text);
    if (key !== -1) {
      const k = this.keys[key]!;
      return { kind: 'Column', type: k.expr.type, index: key, name: k.name };
    }
    if (expr.kind === 'FunctionCall' && !expr.over && this.aggregates.lookup(expr.upperName)) return this.aggregateCall(expr, text);
    // `TUMBLE_START(t, size)` / `TUMBLE_END(t, size)` in a windowed GROUP BY (Flink's group-window form, which
    // Velostream apps use): the bounds of the group's window, as `_window_start` / `_window_end` but as TIMESTAMPs.
    if (this.windowed && expr.kind === 'FunctionCall' && !expr.over && (expr.upperName === 'TUMBLE_START' || expr.upperName === 'TUMBLE_END')) {
      const index = expr.upperName === 'TUMBLE_START' ? this.windowStartIndex : this.windowEndIndex;
      return { kind: 'Column', type: SqlTypes.TIMESTAMP, index, name: expr.upperName === 'TUMBLE_START' ? '_window_start' : '_window_end' };
    }
    if (expr.kind === 'ColumnRef') {
      const lower = expr.name.toLowerCase();
      if (lower === '_window_start' || lower === '_window_end') {
        if (!this.windowed) return { kind: 'Literal', type: SqlTypes.BIGINT, value: null };
        const index = lower === '_window_start' ? this.windowStartIndex : this.windowEndIndex;
        return { kind: 'Column', type: SqlTypes.BIGINT, index, name: lower };
      }
      const alias = expr.qualifier === undefined ? scope.alias(expr.name) : undefined;
      if (alias) return alias;
      throw errorAt(
        ErrorCodes.SQL_BIND,
        `column '${expr.qualifier ? `${expr.qualifier}.` : ''}${expr.name}' must appear in GROUP BY or inside an aggregate function`,
        expr.span,
        this.source,
      );
    }
    return undefined;
  }

  private aggregateCall(call: FunctionCall, text: string): BoundExpr {
    const existing = this.callTexts.indexOf(text);
    if (existing !== -1) return this.slot(existing);
    const fn = this.aggregates.lookup(call.upperName)!;
    if (call.star && !fn.acceptsStar) throw errorAt(ErrorCodes.SQL_BIND, `${fn.name}(*) is not allowed; name a column`, call.span, this.source);
    const written = [...call.args, ...(call.withinGroup ?? []).map((o) => o.expr)];
    // Aggregate arguments read the input row; an aggregate inside an aggregate is an error there.
    const args = written.map((arg) => {
      if (containsAggregate(arg, this.aggregates)) {
        throw errorAt(ErrorCodes.SQL_BIND, `aggregate functions cannot be nested inside ${fn.name}`, arg.span, this.source);
      }
      return this.inputBinder.bind(arg, this.inputScope);
    });
    if (fn.withinGroup && !call.withinGroup && call.args.length < fn.minArgs) {
      throw errorAt(ErrorCodes.SQL_BIND, `${fn.name}(p) needs WITHIN GROUP (ORDER BY x): x is the value whose percentile it takes`, call.span, this.source);
    }
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      throw errorAt(ErrorCodes.TYPE_MISMATCH, `${fn.name} takes ${fn.minArgs === fn.maxArgs ? fn.minArgs : `${fn.minArgs} to ${fn.maxArgs}`} argument(s), got ${args.length}`, call.span, this.source);
    }
    const resolved = withPosition(call.span, this.source, () => fn.resolve(args.map((a) => a.type), { distinct: call.distinct }), ErrorCodes.TYPE_MISMATCH);
    const filter = call.filter ? this.inputBinder.bindPredicate(call.filter, this.inputScope, 'FILTER (WHERE …)') : undefined;
    this.calls.push({
      name: fn.name,
      args: args.map((a, i) => coerceTo(a, resolved.argTypes[i] ?? a.type)),
      distinct: call.distinct,
      filter,
      type: resolved.result,
      text,
    });
    this.callTexts.push(text);
    return this.slot(this.calls.length - 1);
  }

  private slot(callIndex: number): BoundExpr {
    const call = this.calls[callIndex]!;
    return { kind: 'Column', type: call.type, index: this.keys.length + 2 + callIndex, name: call.text };
  }
}

/** True when `expr` contains a call of an aggregate function (outside OVER). */
export function containsAggregate(expr: Expression, aggregates: AggregateCatalog): boolean {
  let found = false;
  visitExpression(expr, (node) => {
    if (node.kind === 'FunctionCall' && !node.over && aggregates.lookup(node.upperName)) found = true;
  });
  return found;
}

/** True when any select item, HAVING or ORDER BY of `select` aggregates (so the query is grouped). */
export function selectAggregates(select: Select, aggregates: AggregateCatalog): boolean {
  const exprs: Expression[] = [
    ...select.items.flatMap((i) => (i.kind === 'SelectExprItem' ? [i.expr] : [])),
    ...(select.having ? [select.having] : []),
  ];
  return exprs.some((e) => containsAggregate(e, aggregates));
}

/** Calls `visit` on `expr` and every sub-expression (not descending into subqueries). */
export function visitExpression(expr: Expression, visit: (node: Expression) => void): void {
  visit(expr);
  const children: (Expression | undefined)[] = [];
  switch (expr.kind) {
    case 'UnaryExpr':
      children.push(expr.operand);
      break;
    case 'BinaryExpr':
    case 'IsDistinctFromExpr':
      children.push(expr.left, expr.right);
      break;
    case 'IsExpr':
      children.push(expr.operand);
      break;
    case 'BetweenExpr':
      children.push(expr.operand, expr.low, expr.high);
      break;
    case 'InListExpr':
      children.push(expr.operand, ...expr.list);
      break;
    case 'InSubqueryExpr':
      children.push(expr.operand);
      break;
    case 'QuantifiedComparisonExpr':
      children.push(expr.left, ...(expr.list ?? []));
      break;
    case 'LikeExpr':
      children.push(expr.operand, expr.pattern, expr.escape);
      break;
    case 'CaseExpr':
      children.push(expr.operand, ...expr.whens.flatMap((w) => [w.when, w.then]), expr.else);
      break;
    case 'CastExpr':
      children.push(expr.operand);
      break;
    case 'FunctionCall':
      children.push(...expr.args, expr.filter);
      break;
    case 'ExtractExpr':
      children.push(expr.source);
      break;
    case 'PositionExpr':
      children.push(expr.substring, expr.string);
      break;
    default:
      break;
  }
  for (const child of children) if (child) visitExpression(child, visit);
}
