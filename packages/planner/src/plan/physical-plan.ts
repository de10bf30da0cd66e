import type { Schema } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { LogicalAggregate, LogicalIntervalJoin, LogicalLookupJoin, LogicalSubqueryLookup, ProjectedColumn, SortKey } from './logical-plan.js';
import type { LogicalAnalytic } from './analytic-plan.js';

/**
 * The physical plan of one job: plain data, printable by EXPLAIN, compiled once by the runtime.
 * Stateless operators that follow each other fuse into one compiled pass over a batch.
 */
export type PhysicalNode =
  | PhysicalScan
  | PhysicalFilterProject
  | PhysicalAggregate
  | PhysicalLookupJoin
  | PhysicalIntervalJoin
  | PhysicalSubqueryLookup
  | PhysicalAnalytic
  | PhysicalDistinct
  | PhysicalSort
  | PhysicalLimit;

export interface PhysicalScan {
  readonly kind: 'Scan';
  /** Name of the input binding (see JobPlan.inputs). */
  readonly input: string;
  readonly schema: Schema;
}

/** One pass: keep rows where `predicate` is TRUE, then compute `columns` (a passthrough when undefined). */
export interface PhysicalFilterProject {
  readonly kind: 'FilterProject';
  readonly input: PhysicalNode;
  readonly predicate: BoundExpr | undefined;
  readonly columns: readonly ProjectedColumn[] | undefined;
  readonly eventTime: BoundExpr | undefined;
  readonly schema: Schema;
}

/** Skips the first `offset` output rows, then stops the job after `count` more. */
export interface PhysicalLimit {
  readonly kind: 'Limit';
  readonly input: PhysicalNode;
  readonly count: number;
  readonly offset?: number | undefined;
  readonly schema: Schema;
}

/** Drops output rows seen before (by value: `1.1` equals `1.10`). */
export interface PhysicalDistinct {
  readonly kind: 'Distinct';
  readonly input: PhysicalNode;
  readonly schema: Schema;
}

/** Sorts rows by `keys`: everything at end of a bounded input, else each batch. */
export interface PhysicalSort {
  readonly kind: 'Sort';
  readonly input: PhysicalNode;
  readonly keys: readonly SortKey[];
  readonly schema: Schema;
}

/** Grouped (optionally windowed) aggregation; see LogicalAggregate. */
export interface PhysicalAggregate extends Omit<LogicalAggregate, 'input'> {
  readonly input: PhysicalNode;
}

/** Analytic (OVER) functions; see LogicalAnalytic. */
export interface PhysicalAnalytic extends Omit<LogicalAnalytic, 'input'> {
  readonly input: PhysicalNode;
  /**
   * Set when the only reader keeps just the rows whose single `ROW_NUMBER()` is ≤ this (`WHERE rn = 1`, `rn <= 10` over
   * a derived table): the operator keeps only the first n rows of each partition (a Top-N) and drops the others.
   */
  readonly rowNumberLimit?: number | undefined;
}

/** Stream–table lookup join; see LogicalLookupJoin. */
export interface PhysicalLookupJoin extends Omit<LogicalLookupJoin, 'input'> {
  readonly input: PhysicalNode;
}

/** Stream–stream interval join; see LogicalIntervalJoin. */
export interface PhysicalIntervalJoin extends Omit<LogicalIntervalJoin, 'input'> {
  readonly input: PhysicalNode;
}

/** A correlated subquery decorrelated into a lookup; see LogicalSubqueryLookup. */
export interface PhysicalSubqueryLookup extends Omit<LogicalSubqueryLookup, 'input'> {
  readonly input: PhysicalNode;
}
