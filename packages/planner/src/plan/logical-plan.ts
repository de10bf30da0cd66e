import type { Schema } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { AggregateCallPlan, EmitMode, WatermarkPlan, WindowPlan } from './window-plan.js';
import type { LogicalAnalytic } from './analytic-plan.js';

/** The relational shape of a query after binding, before physical choices. */
export type LogicalPlan =
  | LogicalScan
  | LogicalFilter
  | LogicalProject
  | LogicalAggregate
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
