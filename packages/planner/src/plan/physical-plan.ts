import type { Schema } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { ProjectedColumn } from './logical-plan.js';

/**
 * The physical plan of one job: plain data, printable by EXPLAIN, compiled once by the runtime.
 * Stateless operators that follow each other fuse into one compiled pass over a batch.
 */
export type PhysicalNode = PhysicalScan | PhysicalFilterProject | PhysicalLimit;

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

/** Stops the job after `count` output rows. */
export interface PhysicalLimit {
  readonly kind: 'Limit';
  readonly input: PhysicalNode;
  readonly count: number;
  readonly schema: Schema;
}
