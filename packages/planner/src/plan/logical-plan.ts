import type { Schema } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { AggregateCallPlan, EmitMode, WatermarkPlan, WindowPlan } from './window-plan.js';
import type { ComparisonOp } from '@velots/sql-parser';
import type { LogicalAnalytic } from './analytic-plan.js';

/** The relational shape of a query after binding, before physical choices. */
export type LogicalPlan =
  | LogicalScan
  | LogicalFilter
  | LogicalProject
  | LogicalAggregate
  | LogicalLookupJoin
  | LogicalIntervalJoin
  | LogicalSubqueryLookup
  | LogicalAnalytic
  | LogicalDistinct
  | LogicalSort
  | LogicalLimit;

/** Reads one input (an external source or another statement's output). */
export interface LogicalScan {
  readonly kind: 'Scan';
  readonly input: string;
  readonly alias: string;
  readonly schema: Schema;
}

export interface LogicalFilter {
  readonly kind: 'Filter';
  readonly input: LogicalPlan;
  readonly predicate: BoundExpr;
  readonly schema: Schema;
}

export interface ProjectedColumn {
  readonly name: string;
  readonly expr: BoundExpr;
}

export interface LogicalProject {
  readonly kind: 'Project';
  readonly input: LogicalPlan;
  readonly columns: readonly ProjectedColumn[];
  /** Sets the output record's event time (`… AS _event_time`); the input's is kept otherwise. */
  readonly eventTime: BoundExpr | undefined;
  readonly schema: Schema;
}

export interface LogicalLimit {
  readonly kind: 'Limit';
  readonly input: LogicalPlan;
  readonly count: number;
  readonly offset?: number | undefined;
  readonly schema: Schema;
}

/** SELECT DISTINCT: each distinct output row once. */
export interface LogicalDistinct {
  readonly kind: 'Distinct';
  readonly input: LogicalPlan;
  readonly schema: Schema;
}

/** One ORDER BY key, bound over the output row. */
export interface SortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** ORDER BY: the whole output of a bounded input, or each emitted batch of an unbounded one (dialect §10). */
export interface LogicalSort {
  readonly kind: 'Sort';
  readonly input: LogicalPlan;
  readonly keys: readonly SortKey[];
  readonly schema: Schema;
}

/** A GROUP BY key as planned: its output name and its expression over the input row. */
export interface PlannedGroupKey {
  readonly name: string;
  readonly expr: BoundExpr;
}

/**
 * GROUP BY [WINDOW …]: emits rows `[keys…, _window_start, _window_end, aggregates…]` (the schema),
 * per window and group when the window closes (FINAL) or per changed group after each batch (CHANGES).
 */
export interface LogicalAggregate {
  readonly kind: 'Aggregate';
  readonly input: LogicalPlan;
  readonly keys: readonly PlannedGroupKey[];
  readonly calls: readonly AggregateCallPlan[];
  readonly window: WindowPlan | undefined;
  readonly emit: EmitMode;
  readonly watermark: WatermarkPlan;
  readonly schema: Schema;
}

/**
 * A stream–table join: each input row looks up the rows of a TABLE (a CTAS table or a file source,
 * loaded before the stream starts) whose `rightKeys` equal its `leftKeys`, keeps those where
 * `residual` is TRUE, and emits `[left…, right…]` (LEFT: NULL-padded when none match).
 */
export interface LogicalLookupJoin {
  readonly kind: 'LookupJoin';
  readonly input: LogicalPlan;
  /** The table's input binding name (JobPlan.inputs). */
  readonly table: string;
  readonly joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
  /** Equality keys: over the left row … */
  readonly leftKeys: readonly BoundExpr[];
  /** … and over the table row. */
  readonly rightKeys: readonly BoundExpr[];
  /** The rest of ON, over the joined row; undefined when ON was only equalities. */
  readonly residual: BoundExpr | undefined;
  readonly tableSchema: Schema;
  readonly schema: Schema;
}

/**
 * A stream–stream (interval) join: rows of both streams wait, keyed by their ON equalities, for partners
 * whose event time is within [left + lowerMs, left + upperMs] and for which the rest of ON is TRUE. Inner
 * matches are emitted at once; unmatched outer rows, NULL-padded, once the watermark passes their bound
 * (`retentionMs`) or at the end of the input.
 */
export interface LogicalIntervalJoin {
  readonly kind: 'IntervalJoin';
  /** The left stream (a Scan). */
  readonly input: LogicalPlan;
  /** The right stream's input binding name. */
  readonly stream: string;
  readonly streamSchema: Schema;
  readonly joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  readonly residual: BoundExpr | undefined;
  /**
   * The time of a left / right row: the time columns ON bounds (over each side's own row), or undefined for the
   * record's event time.
   */
  readonly leftTime?: BoundExpr | undefined;
  readonly rightTime?: BoundExpr | undefined;
  /** right time − left time must lie in [lowerMs, upperMs]. */
  readonly lowerMs: number;
  readonly upperMs: number;
  /** How long past its event time a row can still find a partner. */
  readonly retentionMs: number;
  /** Allowed out-of-orderness of the inputs: rows wait for partners until the watermark passes their bound. */
  readonly watermark: WatermarkPlan;
  readonly schema: Schema;
}

/**
 * A correlated subquery over a TABLE, decorrelated into a lookup (dialect §6). The subquery's input rows
 * are collected whole from `stream`; each input row finds those whose `innerKeys` equal its `outerKeys`
 * (the ON-like equalities of the subquery's WHERE), keeps those where `residual` is TRUE, and gets one
 * more column: the subquery's value for it (EXISTS, [NOT] IN, op ANY|ALL, or the scalar value). Expressions
 * over "the pair" read `[input…, subquery input…]`.
 */
export interface LogicalSubqueryLookup {
  readonly kind: 'SubqueryLookup';
  readonly input: LogicalPlan;
  readonly stream: string;
  readonly innerSchema: Schema;
  /** Reading a TABLE of the app: the positions of its key in `innerSchema`; only the latest row per key counts. */
  readonly tableKey: readonly number[] | undefined;
  readonly mode: 'exists' | 'in' | 'any' | 'all' | 'scalar';
  /** NOT IN. */
  readonly negated: boolean;
  /** Equality keys: over the input row … */
  readonly outerKeys: readonly BoundExpr[];
  /** … and over the subquery's input row. */
  readonly innerKeys: readonly BoundExpr[];
  /** The rest of the subquery's WHERE, over the pair; undefined when it was only key equalities. */
  readonly residual: BoundExpr | undefined;
  /** IN / ANY / ALL: the operand, over the input row, compared by `op` with `item`. */
  readonly operand: BoundExpr | undefined;
  readonly op: ComparisonOp | undefined;
  /** IN / ANY / ALL and a scalar subquery without aggregates: the select item, over the pair. */
  readonly item: BoundExpr | undefined;
  /** `operand op item` with the comparison rules applied, over the pair (IN / ANY / ALL). */
  readonly comparison: BoundExpr | undefined;
  /** A scalar subquery with aggregates: its calls (arguments over the pair) and its item over `[_window_start, _window_end, agg…]`. */
  readonly aggregate: { readonly calls: readonly AggregateCallPlan[]; readonly result: BoundExpr } | undefined;
  /** The subquery's ORDER BY (over the pair) and LIMIT, applied to the rows a record selected (`… ORDER BY ts DESC LIMIT 1`). */
  readonly order: readonly SortKey[] | undefined;
  readonly limit: number | undefined;
  /** True when the value depends on the keys alone (residual and item read only the subquery's row): computed once per key. */
  readonly keyedOnly: boolean;
  /** The subquery as written, for EXPLAIN. */
  readonly text: string;
  readonly schema: Schema;
}
