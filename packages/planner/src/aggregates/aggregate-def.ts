import type { SqlType, SqlValue, StateValue } from '@velots/core';
import type { InlineAccumulator } from './inline-accumulator.js';

/**
 * The running state of one aggregate for one group (and window). Created per group, fed one row at a
 * time, asked for its value whenever the group emits. Arguments arrive already cast to the types
 * `resolve` asked for; `args` is a reused buffer (read it, never keep it).
 */
export interface Accumulator {
  /** Adds one row's arguments (NULLs included: most aggregates skip them, COUNT(*) does not see any). */
  add(args: readonly SqlValue[]): void;
  /** Folds another accumulator of the same aggregate into this one (partial aggregation, session merges). */
  merge(other: Accumulator): void;
  /** The current result; an aggregate over no (non-NULL) rows gives NULL, except COUNT which gives 0. */
  result(): SqlValue;
  /** The running state as it is, for a checkpoint; shares nothing the accumulator changes later. */
  snapshot(): StateValue;
  /** Replaces the state of a fresh accumulator of the same call with one `snapshot` returned. */
  restore(state: StateValue): void;
}

/** The types an aggregate call resolves to. */
export interface ResolvedAggregate {
  readonly result: SqlType;
  /** Same length as the call's arguments: the type each argument is cast to before `add`. */
  readonly argTypes: readonly SqlType[];
}

/** One aggregate function (dialect §9 Aggregates): its signature check and its accumulator, side by side. */
export interface AggregateFunction {
  /** Canonical upper-case name. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /** `COUNT(*)` form allowed (then args are empty). */
  readonly acceptsStar: boolean;
  /** One line for docs: `SUM(x) → BIGINT | exact DECIMAL | DOUBLE: sum of non-NULL values`. */
  readonly description: string;
  /**
   * Optional: the result depends on arrival order (FIRST, LAST, STRING_AGG). `merge(other)` then treats
   * other's rows as arriving after this accumulator's rows.
   */
  readonly orderSensitive?: boolean;
  /**
   * Optional: an ordered-set aggregate (PERCENTILE_CONT/DISC): the binder passes the `WITHIN GROUP
   * (ORDER BY x)` (or `OVER (… ORDER BY x)`) column as the last argument, after the constant ones.
   */
  readonly withinGroup?: boolean;
  /** Checks argument types and picks the result type; throws VeloError(TYPE_MISMATCH) naming the function and argument. */
  resolve(argTypes: readonly SqlType[], options: { readonly distinct: boolean }): ResolvedAggregate;
  /**
   * Builds the accumulator factory for one call site at plan time. `constants[i]` is argument i's value
   * when it is a literal (a STRING_AGG separator, a percentile), else undefined. `distinct` is
   * `COUNT(DISTINCT x)` / `SUM(DISTINCT x)`: only distinct argument values count (by value: 1.1 = 1.10).
   */
  prepare(
    constants: readonly (SqlValue | undefined)[],
    argTypes: readonly SqlType[],
    options: { readonly distinct: boolean },
  ): () => Accumulator;
  /**
   * Optional: the same accumulator as source the runtime compiles inline into a query's group state (see
   * InlineAccumulator); undefined when this call needs the object form (DISTINCT, an argument type it does not cover).
   */
  inline?(argTypes: readonly SqlType[], options: { readonly distinct: boolean }): InlineAccumulator | undefined;
}

/** Looks aggregates up by name or alias, any case. */
export interface AggregateCatalog {
  lookup(name: string): AggregateFunction | undefined;
  names(): readonly string[];
}
