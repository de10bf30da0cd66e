import { ErrorCodes, Schema, SqlTypes, field } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import { columnsRead, conjuncts, shiftColumns } from '../bind/bound-expr-walk.js';
import type { ExpressionBinder } from '../bind/expression-binder.js';
import { and } from '../bind/logic.js';
import { Scope } from '../bind/scope.js';
import { errorAt, type PlanningSource } from '../errors.js';
import type { LogicalPlan } from './logical-plan.js';
import type { JoinInput } from './select-planner.js';
import type { WatermarkPlan } from './window-plan.js';
import { columnTimeBounds } from './join-time-bounds.js';

/** Velostream's window for a stream join written without a bound: the right row within [left, left + 1 h]. */
const DEFAULT_JOIN_WINDOW_MS = 3_600_000;

interface SplitCondition {
  readonly leftKeys: BoundExpr[];
  readonly rightKeys: BoundExpr[];
  readonly residual: BoundExpr[];
}

/**
 * Plans a JOIN. The ON conjuncts `left = right` (each side reading only its own input) become hash
 * keys, the rest a residual predicate over the joined row `[left…, right…]`. A TABLE on the right is a
 * lookup join; a stream on the right is an interval join bounded by WITHIN, by a BETWEEN on the two
 * sides' times, or (with a warning) by Velostream's default window.
 */
export function planJoin(
  left: LogicalPlan,
  join: JoinInput,
  sides: readonly { readonly schema: Schema; readonly qualifiers: readonly string[] }[],
  binder: ExpressionBinder,
  source: PlanningSource,
  warnings: string[],
  watermark: WatermarkPlan,
): LogicalPlan {
  const width = left.schema.length;
  const scope = Scope.ofInputs([...sides, { schema: join.schema, qualifiers: [...new Set([join.alias, join.name])] }]);
  const { leftKeys, rightKeys, residual } = splitCondition(join, scope, width, binder, source);
  const used = new Set(left.schema.names);
  const rightFields = join.schema.fields.map((f) => {
    let name = used.has(f.name) ? `${join.alias}.${f.name}` : f.name;
    for (let n = 1; used.has(name); n++) name = `${join.alias}.${f.name}_${n}`;
    used.add(name);
    return field(name, f.type);
  });
  const schema = new Schema([...left.schema.fields, ...rightFields]);
  // CROSS JOIN: an inner join whose condition is always TRUE (every pair)
  const joinType = join.clause.joinType === 'CROSS' ? 'INNER' : join.clause.joinType;
  const shared = { input: left, joinType, leftKeys, rightKeys, residual: residual.length === 0 ? undefined : and(residual), schema };
  if (join.role === 'table') {
    const compared = comparedTimeColumns(residual, width);
    if (compared) {
      warnings.push(
        `the JOIN with '${join.name}' compares its time column '${compared.right}' with '${compared.left}' but reads '${join.name}' as a TABLE (loaded whole before the stream starts): ` +
          `a JOIN is a stream–stream interval join only when its right side is a stream or its ON bounds the two time columns (BETWEEN, comparisons shifted by an INTERVAL or, on event-time columns, by milliseconds, or WITHIN)`,
      );
    }
    return { kind: 'LookupJoin', table: join.name, tableSchema: join.schema, ...shared };
  }
  if (left.kind !== 'Scan') {
    throw errorAt(ErrorCodes.NOT_SUPPORTED, 'a stream-stream join must be the first JOIN of its query', join.clause.span, source);
  }
  const { implied, ...bounds } = timeBounds(join, residual, warnings, width);
  // The time bounds the join checks itself leave the residual.
  const rest = implied === undefined ? residual : residual.filter((c) => !implied.has(c));
  return { kind: 'IntervalJoin', stream: join.name, streamSchema: join.schema, ...bounds, watermark, ...shared, residual: rest.length === 0 ? undefined : and(rest) };
}

function splitCondition(join: JoinInput, scope: Scope, width: number, binder: ExpressionBinder, source: PlanningSource): SplitCondition {
  const clause = join.clause;
  const conditions: BoundExpr[] = [];
  if (clause.on) conditions.push(...conjuncts(binder.bindPredicate(clause.on, scope, 'ON')));
  for (const column of clause.using ?? []) {
    const leftColumn = scope.columns.filter((c) => c.index < width && c.name === column.name);
    const rightColumn = scope.columns.find((c) => c.index >= width && c.name === column.name);
    if (leftColumn.length !== 1 || !rightColumn) {
      throw errorAt(ErrorCodes.SQL_BIND, `USING (${column.name}) needs exactly one '${column.name}' on each side of the join`, column.span, source);
    }
    const l = leftColumn[0]!;
    conditions.push({
      kind: 'Comparison',
      type: SqlTypes.BOOLEAN,
      op: '=',
      left: { kind: 'Column', type: l.type, index: l.index, name: l.name },
      right: { kind: 'Column', type: rightColumn.type, index: rightColumn.index, name: rightColumn.name },
    });
  }
  const split: SplitCondition = { leftKeys: [], rightKeys: [], residual: [] };
  const readsOnly = (e: BoundExpr, side: 'left' | 'right'): boolean => {
    const read = columnsRead(e);
    return read.size > 0 && [...read].every((i) => (side === 'left' ? i < width : i >= width));
  };
  for (const condition of conditions) {
    if (condition.kind === 'Comparison' && condition.op === '=') {
      if (readsOnly(condition.left, 'left') && readsOnly(condition.right, 'right')) {
        split.leftKeys.push(condition.left);
        split.rightKeys.push(shiftColumns(condition.right, -width));
        continue;
      }
      if (readsOnly(condition.left, 'right') && readsOnly(condition.right, 'left')) {
        split.leftKeys.push(condition.right);
        split.rightKeys.push(shiftColumns(condition.left, -width));
        continue;
      }
    }
    split.residual.push(condition);
  }
  return split;
}

/**
 * The time bounds of an interval join. `WITHIN d`: the two event times at most d apart. A BETWEEN in ON
 * (`b.t BETWEEN a.t - INTERVAL … AND a.t + INTERVAL …`) matches through the residual; its intervals bound
 * how long rows wait for a partner. No bound: the right row within [left, left + 1 h], with a warning.
 */
function timeBounds(
  join: JoinInput,
  residual: readonly BoundExpr[],
  warnings: string[],
  width: number,
): { lowerMs: number; upperMs: number; retentionMs: number; leftTime?: BoundExpr; rightTime?: BoundExpr; implied?: ReadonlySet<BoundExpr> } {
  const within = join.clause.withinMs;
  if (within !== undefined) return { lowerMs: -within, upperMs: within, retentionMs: within };
  const columns = columnTimeBounds(residual, width, join.numericTimeBounds === true);
  if (columns) {
    const finite = [columns.lowerMs, columns.upperMs].filter(Number.isFinite).map(Math.abs);
    return { ...columns, retentionMs: finite.length > 0 ? Math.max(...finite) : DEFAULT_JOIN_WINDOW_MS };
  }
  const intervals = residual.flatMap((c) => (c.kind === 'Between' ? [...intervalsIn(c.low), ...intervalsIn(c.high)] : []));
  if (intervals.length > 0) return { lowerMs: -Infinity, upperMs: Infinity, retentionMs: Math.max(...intervals.map(Math.abs)) };
  warnings.push(
    `the stream join with '${join.name}' has no time bound (WITHIN or BETWEEN): it matches rows of '${join.name}' up to 1 h after the left row, as Velostream does`,
  );
  return { lowerMs: 0, upperMs: DEFAULT_JOIN_WINDOW_MS, retentionMs: DEFAULT_JOIN_WINDOW_MS };
}

/** A comparison in ON between a TIMESTAMP/DATE column of the left side and one of the right side, by name. */
function comparedTimeColumns(residual: readonly BoundExpr[], width: number): { left: string; right: string } | undefined {
  const isTime = (e: BoundExpr): boolean => e.type.kind === 'TIMESTAMP' || e.type.kind === 'DATE';
  const columnOf = (e: BoundExpr): { name: string; index: number } | undefined =>
    e.kind === 'Column' && isTime(e) ? { name: e.name, index: e.index } : e.kind === 'Arithmetic' ? columnOf(e.left) : e.kind === 'Cast' ? columnOf(e.input) : undefined;
  for (const condition of residual) {
    const pairs = condition.kind === 'Comparison' ? [[condition.left, condition.right]] : condition.kind === 'Between' ? [[condition.input, condition.low], [condition.input, condition.high]] : [];
    for (const [a, b] of pairs) {
      const x = columnOf(a!);
      const y = columnOf(b!);
      if (!x || !y || x.index < width === y.index < width) continue;
      return x.index < width ? { left: x.name, right: y.name } : { left: y.name, right: x.name };
    }
  }
  return undefined;
}

/** The INTERVAL literals added to or subtracted from a time in a bound expression. */
function intervalsIn(expr: BoundExpr): number[] {
  if (expr.kind === 'Literal' && expr.type.kind === 'INTERVAL' && typeof expr.value === 'number') return [expr.value];
  if (expr.kind === 'Arithmetic') return [...intervalsIn(expr.left), ...intervalsIn(expr.right)];
  if (expr.kind === 'Cast') return intervalsIn(expr.input);
  return [];
}
