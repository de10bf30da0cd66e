import type { Schema } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';

/** The relational shape of a query after binding, before physical choices. */
export type LogicalPlan = LogicalScan | LogicalFilter | LogicalProject | LogicalLimit;

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
