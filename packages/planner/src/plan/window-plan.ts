import type { SqlType } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';

/** A WINDOW clause, bound: sizes in ms, and the time column (undefined = the record's event time). */
export type WindowPlan =
  | { readonly kind: 'tumbling'; readonly sizeMs: number; readonly time: BoundExpr | undefined }
  | { readonly kind: 'sliding'; readonly sizeMs: number; readonly advanceMs: number; readonly time: BoundExpr | undefined }
  | { readonly kind: 'session'; readonly gapMs: number; readonly time: BoundExpr | undefined };

/** How the aggregate emits (dialect §5 EMIT defaults, Decisions 6). */
export type EmitMode = 'CHANGES' | 'FINAL';

/** One aggregate call of a grouped query, bound over the input row. */
export interface AggregateCallPlan {
  /** The aggregate's canonical name (looked up again in the aggregate catalog at compile time). */
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  /** `FILTER (WHERE …)`: rows where it is not TRUE are not added. */
  readonly filter: BoundExpr | undefined;
  readonly type: SqlType;
  /** The call as written, for EXPLAIN. */
  readonly text: string;
}

/** Event-time settings of the aggregate's input (dialect §3 Event time and watermarks). */
export interface WatermarkPlan {
  /** Allowed out-of-orderness, ms (default 5 s; `ascending` = 0). */
  readonly maxOutOfOrdernessMs: number;
  /**
   * How long a caught-up input may stay silent before processing time advances its event time
   * (`'<source>.watermark.idle.timeout'`, default 5 s; 0 = never). An input that is behind never advances by wall-clock time.
   */
  readonly idleTimeoutMs?: number | undefined;
}
