import type { Expression, FunctionCall, Select } from '@velots/sql-parser';
import { print } from '@velots/sql-parser';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { visitExpression } from '../bind/aggregate-binder.js';
import { AnalyticBinder } from '../bind/analytic-binder.js';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { ExpressionBinder } from '../bind/expression-binder.js';
import { resolveWindowSpec } from '../bind/named-windows.js';
import type { Scope } from '../bind/scope.js';
import type { PlanningSource } from '../errors.js';
import type { LogicalPlan } from './logical-plan.js';

/** The OVER calls of a select list, in order. */
export function overCalls(select: Select): FunctionCall[] {
  const found: FunctionCall[] = [];
  for (const item of select.items) {
    if (item.kind !== 'SelectExprItem') continue;
    visitExpression(item.expr, (node) => {
      if (node.kind === 'FunctionCall' && node.over) found.push(node);
    });
  }
  return found;
}

/**
 * Whether `call`, in a GROUP BY query, is computed per input record (Velostream's form) rather than over the final
 * groups: it reads no aggregate, and either has a `ROWS WINDOW BUFFER` or reads an input column that is no group key.
 */
export function isPerRecordOver(call: FunctionCall, select: Select, aggregates: AggregateCatalog, source: PlanningSource): boolean {
  const spec = resolveWindowSpec(call.over!, select.namedWindows, source);
  const read: Expression[] = [...call.args, ...spec.partitionBy, ...spec.orderBy.map((o) => o.expr)];
  let aggregate = false;
  const columns: Expression[] = [];
  for (const expr of read) {
    visitExpression(expr, (node) => {
      if (node.kind === 'FunctionCall' && !node.over && aggregates.lookup(node.upperName)) aggregate = true;
      if (node.kind === 'ColumnRef') columns.push(node);
    });
  }
  if (aggregate) return false;
  if (spec.bufferRows !== undefined) return true;
  const keys = groupKeyTexts(select);
  return columns.some((c) => !keys.has(print(c)) && !keys.has(c.kind === 'ColumnRef' ? c.name.toLowerCase() : ''));
}

/** What the GROUP BY keys print as (and their select aliases), plus the window bounds. */
function groupKeyTexts(select: Select): Set<string> {
  const texts = new Set<string>(['_window_start', '_window_end']);
  for (const key of select.groupBy) {
    texts.add(print(key));
    if (key.kind === 'ColumnRef') texts.add(key.name.toLowerCase());
    for (const item of select.items) {
      if (item.kind !== 'SelectExprItem') continue;
      const aliasNamed = key.kind === 'ColumnRef' && item.alias?.name === key.name;
      if (aliasNamed || print(item.expr) === print(key)) {
        texts.add(print(item.expr));
        if (item.alias) texts.add(item.alias.name.toLowerCase());
      }
    }
  }
  return texts;
}

/**
 * The per-record OVER calls of a GROUP BY query (`AVG(v) OVER (ROWS WINDOW BUFFER 20 ROWS PARTITION BY s ORDER BY t)`):
 * an Analytic stage over the input computes each per record into a hidden column, and the aggregate carries
 * LAST_VALUE of that column, so a group's row holds the value of its latest record in arrival order.
 */
export class PerRecordAnalytics {
  private readonly analytics: AnalyticBinder;
  /** The hidden column each bound call reads, by the name its LAST_VALUE argument carries. */
  private readonly hidden = new Map<string, BoundExpr>();
  private readonly names = new Map<FunctionCall, string>();

  constructor(
    private readonly calls: ReadonlySet<FunctionCall>,
    private readonly inputWidth: number,
    private readonly inputScope: Scope,
    binder: ExpressionBinder,
    aggregates: AggregateCatalog,
    source: PlanningSource,
    select: Select,
  ) {
    this.analytics = new AnalyticBinder(inputWidth, inputScope, binder, aggregates, source, select.namedWindows);
  }

  owns(call: FunctionCall): boolean {
    return this.calls.has(call);
  }

  /** The aggregation's input binder, which also resolves the hidden columns its LAST_VALUE calls read. */
  inputBinder(binder: ExpressionBinder): ExpressionBinder {
    return binder.withInterceptorFirst((expr) => (expr.kind === 'ColumnRef' && expr.quoted ? this.hidden.get(expr.name) : undefined));
  }

  /** `post` with each per-record OVER call read as LAST_VALUE(its hidden column), an aggregate of the group. */
  postBinder(post: ExpressionBinder): ExpressionBinder {
    const binder: ExpressionBinder = post.withInterceptorFirst((expr, scope) => {
      if (expr.kind !== 'FunctionCall' || !this.calls.has(expr)) return undefined;
      let name = this.names.get(expr);
      if (name === undefined) {
        name = `#over${this.names.size}`;
        this.hidden.set(name, this.analytics.selectBinder().bind(expr, this.inputScope));
        this.names.set(expr, name);
      }
      return binder.bind(lastValueOf(name, expr), scope);
    });
    return binder;
  }

  /** `aggregate` (the Aggregate node) reading the Analytic stage that computes the hidden columns. */
  feed(aggregate: LogicalPlan): LogicalPlan {
    if (this.analytics.windows.length === 0 || aggregate.kind !== 'Aggregate') return aggregate;
    const input = aggregate.input;
    return { ...aggregate, input: { kind: 'Analytic', input, windows: this.analytics.windows, schema: this.analytics.extend(input.schema) } };
  }
}

/** `LAST_VALUE("#overN")`, positioned at the OVER call it stands for. */
function lastValueOf(name: string, call: FunctionCall): FunctionCall {
  const argument: Expression = { kind: 'ColumnRef', name, quoted: true, span: call.span };
  return { kind: 'FunctionCall', name: 'LAST_VALUE', upperName: 'LAST_VALUE', args: [argument], distinct: false, star: false, span: call.span };
}
