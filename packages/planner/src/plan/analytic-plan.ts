import type { Schema, SqlType } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { LogicalPlan } from './logical-plan.js';
import type { SortKey } from './logical-plan.js';

/** One bound of a frame. `offset` is a row count for ROWS frames and milliseconds (or a plain number) for RANGE. */
export interface FrameBoundPlan {
  readonly kind: 'UNBOUNDED_PRECEDING' | 'PRECEDING' | 'CURRENT_ROW' | 'FOLLOWING' | 'UNBOUNDED_FOLLOWING';
  readonly offset?: number | undefined;
}

/** `ROWS|RANGE BETWEEN start AND end`. */
export interface FramePlan {
  readonly unit: 'ROWS' | 'RANGE';
  readonly start: FrameBoundPlan;
  readonly end: FrameBoundPlan;
}

/**
 * One analytic call (`LAG(price, 1) OVER (…)`, `SUM(qty) OVER (…)`), bound over the input row.
 * Constant arguments (LAG/LEAD offset and default, NTILE n, NTH_VALUE n) are `Literal`s.
 */
export interface AnalyticCallPlan {
  /** Canonical upper-case name: LAG, LEAD, ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE,
   * FIRST_VALUE, LAST_VALUE, NTH_VALUE, or an aggregate of the aggregate catalog (then `aggregate` is true). */
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
  readonly aggregate: boolean;
  /** `COUNT(DISTINCT x) OVER …`. */
  readonly distinct: boolean;
  /** The frame written in OVER, or undefined for the default (dialect §7: with ORDER BY, partition start → current row; without, the whole partition/buffer). */
  readonly frame: FramePlan | undefined;
  /** The call as written, for EXPLAIN. */
  readonly text: string;
}

/** One OVER (…) specification and the calls that share it. */
export interface AnalyticWindowPlan {
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
  /** `ROWS WINDOW BUFFER n ROWS`: keep only the last n rows per partition; undefined = unbounded. */
  readonly bufferRows: number | undefined;
  /** `EMIT EVERY RECORD` (default) or `EMIT ON BUFFER FULL` (emit only once the partition's buffer holds n rows). */
  readonly emitMode: 'EVERY_RECORD' | 'ON_BUFFER_FULL';
  /** `EXPIRE AFTER INTERVAL … INACTIVITY`: drop a partition idle this long (event time); undefined = never. */
  readonly expireAfterMs: number | undefined;
  readonly calls: readonly AnalyticCallPlan[];
}

/**
 * Analytic (OVER) functions: every input row comes out once, with one extra column per call appended
 * (in the order of `windows[0].calls`, then `windows[1].calls`, …). `schema` = input fields + those columns.
 */
export interface LogicalAnalytic {
  readonly kind: 'Analytic';
  readonly input: LogicalPlan;
  readonly windows: readonly AnalyticWindowPlan[];
  readonly schema: Schema;
}
