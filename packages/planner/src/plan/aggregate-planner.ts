import { ErrorCodes, Schema, type SqlType } from '@velots/core';
import { print, type Expression, type Select } from '@velots/sql-parser';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { AggregationScope, type GroupKey } from '../bind/aggregate-binder.js';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { ExpressionBinder } from '../bind/expression-binder.js';
import type { Scope } from '../bind/scope.js';
import { errorAt, type PlanningSource } from '../errors.js';
import type { LogicalPlan, ProjectedColumn } from './logical-plan.js';
import type { WatermarkPlan, WindowPlan } from './window-plan.js';

/** A grouped query half-planned: bind the select list and HAVING with `postBinder`, then `finish()`. */
export interface AggregationPlanning {
  readonly postScope: Scope;
  readonly postBinder: ExpressionBinder;
  /** The Aggregate node over the input plan, once every aggregate call has been bound. */
  finish(): LogicalPlan;
  /** Output column names that are plain GROUP BY keys. */
  keyOutputNames(columns: readonly ProjectedColumn[]): string[];
}

/**
 * Plans GROUP BY keys (a key may name a select alias), the WINDOW clause (tumbling, sliding/hopping,
 * session with its partition columns) and the EMIT mode (windowed → FINAL, else CHANGES, unless written).
 */
export function planAggregation(
  select: Select,
  input: LogicalPlan,
  inputScope: Scope,
  binder: ExpressionBinder,
  aggregates: AggregateCatalog,
  watermark: WatermarkPlan,
  source: PlanningSource,
): AggregationPlanning {
  const aliased = new Map<string, Expression>();
  for (const item of select.items) if (item.kind === 'SelectExprItem' && item.alias) aliased.set(item.alias.name, item.expr);

  const keys: GroupKey[] = select.groupBy.map((key) => {
    // `GROUP BY 2`: the second select item's expression.
    const written = key.kind === 'NumberLiteral' && key.numericKind === 'integer' ? selectItemAt(select, Number(key.text), key.span, 'GROUP BY', source) : key;
    const expr = written.kind === 'ColumnRef' && written.qualifier === undefined && inputScope.find(written.name, undefined).length === 0
      ? aliased.get(written.name) ?? written
      : written;
    const bound = binder.bind(expr, inputScope);
    const text = print(expr);
    const alias = [...aliased].find(([, e]) => print(e) === text)?.[0];
    return { expr: bound, text, name: alias ?? (expr.kind === 'ColumnRef' ? expr.name : text) };
  });

  const window = select.window;
  let windowPlan: WindowPlan | undefined;
  if (window) {
    const time = window.timeColumn ? timeColumn(window.timeColumn, inputScope, binder, source) : undefined;
    const positive = (ms: number, what: string, span: Expression['span']): number => {
      if (!(ms > 0)) throw errorAt(ErrorCodes.SQL_BIND, `${what} must be a positive duration`, span, source);
      return ms;
    };
    switch (window.kind) {
      case 'TumblingWindow':
        windowPlan = { kind: 'tumbling', sizeMs: positive(window.sizeMs, 'TUMBLING size', window.span), time };
        break;
      case 'SlidingWindow':
        windowPlan = {
          kind: 'sliding',
          sizeMs: positive(window.sizeMs, `${window.keyword} size`, window.span),
          advanceMs: positive(window.advanceMs, `${window.keyword} advance`, window.span),
          time,
        };
        if (windowPlan.advanceMs > windowPlan.sizeMs) {
          throw errorAt(ErrorCodes.SQL_BIND, `${window.keyword} advance (${windowPlan.advanceMs} ms) is larger than its size (${windowPlan.sizeMs} ms)`, window.span, source);
        }
        break;
      case 'SessionWindow':
        windowPlan = { kind: 'session', gapMs: positive(window.gapMs, 'SESSION gap', window.span), time };
        // Sessions are kept per group key and partition column: the partition columns join the keys.
        for (const column of window.partitionColumns) {
          const text = print(column);
          if (!keys.some((k) => k.text === text)) keys.push({ expr: binder.bind(column, inputScope), text, name: column.kind === 'ColumnRef' ? column.name : text });
        }
        break;
    }
  }

  const scope = new AggregationScope(keys, inputScope, binder, aggregates, source, windowPlan !== undefined);
  const emit = select.emit ?? (windowPlan ? 'FINAL' : 'CHANGES');
  return {
    postScope: scope.postScope,
    postBinder: scope.binder(),
    finish: () => ({
      kind: 'Aggregate',
      input,
      keys: keys.map((k) => ({ name: k.name, expr: k.expr })),
      calls: scope.calls,
      window: windowPlan,
      emit,
      watermark,
      schema: new Schema(scope.fields()),
    }),
    keyOutputNames: (columns) =>
      columns.filter((c) => c.expr.kind === 'Column' && c.expr.index < keys.length).map((c) => c.name),
  };
}

const TIME_TYPES: readonly SqlType['kind'][] = ['BIGINT', 'INTEGER', 'TIMESTAMP'];

/** The window's time: a column or an expression (`GREATEST(a.ts, b.ts)`) giving BIGINT epoch ms or a TIMESTAMP. */
function timeColumn(time: Expression, scope: Scope, binder: ExpressionBinder, source: PlanningSource): BoundExpr {
  const bound = binder.bind(time, scope);
  if (!TIME_TYPES.includes(bound.type.kind)) {
    const what = time.kind === 'ColumnRef' ? `column '${time.name}'` : `'${print(time)}'`;
    throw errorAt(ErrorCodes.TYPE_MISMATCH, `window time ${what} must be BIGINT epoch ms or TIMESTAMP, got ${bound.type.kind}`, time.span, source);
  }
  return bound;
}

/** The expression of select item `position` (1-based), which `GROUP BY n` and `ORDER BY n` name. */
export function selectItemAt(select: Select, position: number, span: Expression['span'], clause: string, source: PlanningSource): Expression {
  const item = select.items[position - 1];
  if (item === undefined || position < 1) {
    throw errorAt(ErrorCodes.SQL_BIND, `${clause} ${position}: the select list has ${select.items.length} item(s)`, span, source);
  }
  if (item.kind !== 'SelectExprItem') throw errorAt(ErrorCodes.SQL_BIND, `${clause} ${position} names a * item: name the columns instead`, span, source);
  return item.expr;
}
