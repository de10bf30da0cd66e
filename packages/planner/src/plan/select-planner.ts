import { ErrorCodes, Schema, field } from '@velots/core';
import { print, type Expression, type JoinClause, type Select, type SelectItem } from '@velots/sql-parser';
import type { AggregateCatalog } from '../aggregates/aggregate-def.js';
import { selectAggregates } from '../bind/aggregate-binder.js';
import { AnalyticBinder } from '../bind/analytic-binder.js';
import type { BoundExpr } from '../bind/bound-expr.js';
import { ExpressionBinder, type SubqueryStreams } from '../bind/expression-binder.js';
import { Scope } from '../bind/scope.js';
import { errorAt, type PlanningSource } from '../errors.js';
import type { FunctionCatalog } from '../functions/function-def.js';
import { planAggregation } from './aggregate-planner.js';
import { finalGroupsForOver, firstOverCall } from './grouped-analytics.js';
import { planJoin } from './join-planner.js';
import { hoistCorrelatedFromInnerJoins, planCorrelatedSubqueries } from './correlated-subquery-planner.js';
import type { LogicalPlan, ProjectedColumn } from './logical-plan.js';
import type { WatermarkPlan } from './window-plan.js';

/** The input of a SELECT once its source is known. */
export interface SelectInput {
  readonly name: string;
  readonly alias: string;
  readonly schema: Schema;
  readonly watermark: WatermarkPlan;
}

/** The output of planning a SELECT: its logical plan and the PRIMARY KEY items it named. */
export interface PlannedSelect {
  readonly plan: LogicalPlan;
  readonly primaryKey: readonly string[];
  /** Output names of the GROUP BY keys (a CTAS table's key when no PRIMARY KEY is written). */
  readonly groupKeyNames: readonly string[];
  /** Non-fatal findings (a stream join without a time bound). */
  readonly warnings: readonly string[];
}

/** What a JOIN reads, once its schema is known: a TABLE (looked up) or a stream (an interval join). */
export interface JoinInput {
  readonly name: string;
  readonly alias: string;
  readonly schema: Schema;
  readonly clause: JoinClause;
  readonly role: 'table' | 'stream';
  /** ON bounds the sides' event-time columns with plain numbers, read as milliseconds. */
  readonly numericTimeBounds?: boolean | undefined;
}

export interface Catalogs {
  readonly functions: FunctionCatalog;
  readonly aggregates: AggregateCatalog;
}

/**
 * Plans a SELECT over one input: WHERE, then either the select list (with alias reuse and
 * `AS _event_time`) or GROUP BY / WINDOW aggregation with HAVING, then DISTINCT, ORDER BY (over
 * output columns) and LIMIT. A UNION is planned by the app planner, branch by branch.
 */
export function planSelect(
  written: Select,
  input: SelectInput,
  catalogs: Catalogs,
  source: PlanningSource,
  writtenJoins: readonly JoinInput[] = [],
  subqueries: SubqueryStreams = new Map(),
): PlannedSelect {
  const { select, joins } = hoistCorrelatedFromInnerJoins(written, writtenJoins, subqueries);
  let binder = new ExpressionBinder(catalogs.functions, source).withSubqueries(subqueries);
  const warnings: string[] = [];
  let plan: LogicalPlan = { kind: 'Scan', input: input.name, alias: input.alias, schema: input.schema };
  const sides = [{ schema: input.schema, qualifiers: [...new Set([input.alias, input.name])] }];
  for (const join of joins) {
    plan = planJoin(plan, join, sides, binder, source, warnings, input.watermark);
    sides.push({ schema: join.schema, qualifiers: [...new Set([join.alias, join.name])] });
  }
  const inputScope = Scope.ofInputs(sides);
  const grouped = select.groupBy.length > 0 || select.window !== undefined || selectAggregates(select, catalogs.aggregates);
  // Correlated subqueries become lookups that append their value to the row; expressions read that column.
  const correlated = planCorrelatedSubqueries(select, plan, inputScope, binder, catalogs.aggregates, subqueries, grouped, source);
  plan = correlated.plan;
  binder = binder.withCorrelated(correlated.columns);

  if (select.where) {
    const predicate = binder.bindPredicate(select.where, inputScope, 'WHERE');
    plan = { kind: 'Filter', input: plan, predicate, schema: plan.schema };
  }

  let groupKeyNames: string[] = [];
  let projected: ProjectedItems;
  /** Binds an expression over the rows the select list reads (for ORDER BY keys that name no output column). */
  let bindOverInput: (expr: Expression) => BoundExpr;
  if (grouped) {
    // Window functions of a grouped query run over its final groups, as an Analytic node above the aggregate.
    const over = firstOverCall(select);
    const aggregated = over ? finalGroupsForOver(select, over, source) : select;
    const aggregation = planAggregation(aggregated, plan, inputScope, binder, catalogs.aggregates, input.watermark, source);
    const analytics = over ? new AnalyticBinder(undefined, aggregation.postScope, aggregation.postBinder, catalogs.aggregates, source, select.namedWindows) : undefined;
    projected = projectItems(select.items, undefined, aggregation.postScope, analytics?.selectBinder() ?? aggregation.postBinder, source);
    const having = select.having ? aggregation.postBinder.bindPredicate(select.having, aggregation.postScope, 'HAVING') : undefined;
    plan = aggregation.finish();
    if (having) plan = { kind: 'Filter', input: plan, predicate: having, schema: plan.schema };
    if (analytics && analytics.windows.length > 0) {
      const width = plan.schema.length;
      const columns = projected.columns.map((c) => ({ ...c, expr: analytics.relocate(c.expr, width) }));
      projected = { ...projected, columns, eventTime: projected.eventTime && analytics.relocate(projected.eventTime, width) };
      plan = { kind: 'Analytic', input: plan, windows: analytics.windows, schema: analytics.extend(plan.schema) };
    }
    groupKeyNames = aggregation.keyOutputNames(projected.columns);
    bindOverInput = (expr) => aggregation.postBinder.bind(expr, aggregation.postScope);
  } else {
    if (select.having) throw errorAt(ErrorCodes.SQL_BIND, 'HAVING filters grouped rows: add GROUP BY or an aggregate, or use WHERE', select.having.span, source);
    const analytics = new AnalyticBinder(plan.schema.length, inputScope, binder, catalogs.aggregates, source, select.namedWindows);
    projected = projectItems(select.items, plan.schema, inputScope, analytics.selectBinder(), source);
    if (analytics.windows.length > 0) {
      plan = { kind: 'Analytic', input: plan, windows: analytics.windows, schema: analytics.extend(plan.schema) };
    }
    bindOverInput = (expr) => binder.bind(expr, inputScope);
  }

  // ORDER BY names output columns (aliases included) or expressions over them; without DISTINCT it may also name
  // input columns the select list drops (as SQL allows): they ride along as hidden columns, removed after the sort.
  const outputSchema = new Schema(projected.columns.map((c) => field(c.name, c.expr.type)));
  const hidden: ProjectedColumn[] = [];
  const orderKeys = select.orderBy.map((item) => {
    const outputScope = Scope.ofSchema(outputSchema, []);
    let expr: BoundExpr;
    if (item.expr.kind === 'NumberLiteral' && item.expr.numericKind === 'integer') {
      // `ORDER BY 2`: the second output column.
      const index = Number(item.expr.text) - 1;
      const column = outputSchema.fields[index];
      if (column === undefined || index < 0) {
        throw errorAt(ErrorCodes.SQL_BIND, `ORDER BY ${item.expr.text}: the output has ${outputSchema.length} column(s)`, item.expr.span, source);
      }
      return { expr: { kind: 'Column', type: column.type, index, name: column.name } as BoundExpr, descending: item.direction === 'DESC', nullsFirst: item.nulls === 'FIRST' };
    }
    try {
      expr = bindOrderKey(binder, item.expr, outputScope, source);
    } catch (error) {
      const overInput = select.distinct || projected.passthrough ? undefined : tryBind(() => bindOverInput(item.expr));
      if (overInput === undefined) throw error;
      const index = projected.columns.length + hidden.length;
      const name = `#order${hidden.length}`;
      hidden.push({ name, expr: overInput });
      expr = { kind: 'Column', type: overInput.type, index, name };
    }
    return { expr, descending: item.direction === 'DESC', nullsFirst: item.nulls === 'FIRST' };
  });

  if (grouped || plan.kind === 'Analytic' || !projected.passthrough || projected.eventTime || hidden.length > 0) {
    const columns = [...projected.columns, ...hidden];
    plan = {
      kind: 'Project',
      input: plan,
      columns,
      eventTime: projected.eventTime,
      schema: new Schema(columns.map((c) => field(c.name, c.expr.type))),
    };
  }

  if (select.distinct) plan = { kind: 'Distinct', input: plan, schema: plan.schema };
  if (orderKeys.length > 0) plan = { kind: 'Sort', input: plan, keys: orderKeys, schema: plan.schema };
  if (select.limit) plan = { kind: 'Limit', input: plan, count: select.limit.count, ...(select.limit.offset ? { offset: select.limit.offset } : {}), schema: plan.schema };
  if (hidden.length > 0) {
    plan = {
      kind: 'Project',
      input: plan,
      columns: outputSchema.fields.map((f, index) => ({ name: f.name, expr: { kind: 'Column', type: f.type, index, name: f.name } })),
      eventTime: undefined,
      schema: outputSchema,
    };
  }
  return { plan, primaryKey: projected.primaryKey, groupKeyNames, warnings };
}

interface ProjectedItems {
  readonly columns: ProjectedColumn[];
  readonly eventTime: BoundExpr | undefined;
  readonly primaryKey: string[];
  /** True when the list is exactly `*` (rows pass through untouched). */
  readonly passthrough: boolean;
}

/** Binds the select list; `schema` is what `*` expands to (undefined where `*` is not allowed: grouped queries). */
function projectItems(
  items: readonly SelectItem[],
  schema: Schema | undefined,
  scope: Scope,
  binder: ExpressionBinder,
  source: PlanningSource,
): ProjectedItems {
  const columns: ProjectedColumn[] = [];
  const primaryKey: string[] = [];
  let eventTime: BoundExpr | undefined;
  const used = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let n = 1; used.has(candidate); n++) candidate = `${name}_${n}`;
    used.add(candidate);
    return candidate;
  };
  for (const item of items) {
    if (item.kind === 'SelectStarItem') {
      if (!schema) throw errorAt(ErrorCodes.SQL_BIND, 'SELECT * cannot be used with GROUP BY: list the keys and aggregates', item.span, source);
      if (item.qualifier !== undefined && !scope.hasQualifier(item.qualifier)) {
        throw errorAt(ErrorCodes.SQL_BIND, `unknown stream or alias '${item.qualifier}' in '${item.qualifier}.*'`, item.span, source);
      }
      for (const column of scope.columns) {
        if (item.qualifier !== undefined && !column.qualifiers.includes(item.qualifier)) continue;
        columns.push({ name: unique(column.name), expr: { kind: 'Column', type: column.type, index: column.index, name: column.name } });
      }
      continue;
    }
    const expr = binder.bind(item.expr, scope);
    const alias = item.alias?.name;
    if (alias !== undefined && alias.toLowerCase() === '_event_time') {
      if (!['BIGINT', 'TIMESTAMP', 'INTEGER', 'NULL'].includes(expr.type.kind)) {
        throw errorAt(ErrorCodes.TYPE_MISMATCH, `AS _event_time needs a BIGINT (epoch ms) or TIMESTAMP value`, item.span, source);
      }
      eventTime = expr;
      continue;
    }
    const name = unique(alias ?? outputNameOf(item.expr));
    if (alias !== undefined) scope.defineAlias(alias, expr);
    if (item.primaryKey) primaryKey.push(name);
    columns.push({ name, expr });
  }
  const passthrough =
    schema !== undefined &&
    items.length === 1 &&
    items[0]!.kind === 'SelectStarItem' &&
    columns.length === schema.length &&
    columns.every((c, i) => c.name === schema.fields[i]?.name);
  return { columns, eventTime, primaryKey, passthrough };
}

/** The output name of an unaliased select item: a column's own name, a call's lower-case name, else the expression's text. */
function outputNameOf(expr: Expression): string {
  switch (expr.kind) {
    case 'ColumnRef':
      return expr.name;
    case 'FunctionCall':
      // `s.field` and `a[i]`: named like the field (and the array), as SQL engines name them.
      if (expr.upperName === 'STRUCT_EXTRACT' && expr.args[1]?.kind === 'StringLiteral') return expr.args[1].value;
      if (expr.upperName === 'ARRAY_EXTRACT' && expr.args[0] !== undefined) return outputNameOf(expr.args[0]);
      return expr.name.toLowerCase();
    case 'CastExpr':
      return outputNameOf(expr.operand);
    default:
      return print(expr);
  }
}

/** The bound expression, or undefined when it does not bind (any error). */
function tryBind(bind: () => BoundExpr): BoundExpr | undefined {
  try {
    return bind();
  } catch {
    return undefined;
  }
}

/** Binds an ORDER BY key over the output row, explaining the rule when it names an input-only column. */
function bindOrderKey(binder: ExpressionBinder, expr: Expression, outputScope: Scope, source: PlanningSource): BoundExpr {
  try {
    return binder.bind(expr, outputScope);
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error as { code: string }).code === ErrorCodes.SQL_BIND) {
      throw errorAt(
        ErrorCodes.SQL_BIND,
        `${error.message}: ORDER BY sorts the output, so it can name only output columns (add it to the select list)`,
        expr.span,
        source,
        error,
      );
    }
    throw error;
  }
}
