import type { RecordHeaders, SqlType, SqlValue } from '@velots/core';

/** What a function may read besides its arguments: the record being evaluated and the clock. */
export interface EvalContext {
  /** Processing time, epoch ms; the runtime fixes it once per batch so NOW() is stable within a batch. */
  now: number;
  /** `_timestamp` of the current record (TIMESTAMP() returns it). */
  recordTimestamp: number;
  /** Headers of the current input record. */
  headers: RecordHeaders | undefined;
  /** Header edits for the output record (SET_HEADER / REMOVE_HEADER write here; undefined value = removed). */
  outputHeaders: Map<string, string | undefined> | undefined;
}

/**
 * A compiled function body. `args` is a buffer the caller reuses between calls (no allocation per
 * record): read it, never keep it. Arguments arrive already cast to the types `resolve` asked for.
 */
export type ScalarImpl = (ctx: EvalContext, args: readonly SqlValue[]) => SqlValue;

/** The types a call resolves to: its result, and the type each argument is cast to before the call. */
export interface ResolvedSignature {
  readonly result: SqlType;
  /** Same length as the call's arguments; an entry equal to the argument's own type means no cast. */
  readonly argTypes: readonly SqlType[];
}

export type FunctionCategory =
  | 'math'
  | 'string'
  | 'regex'
  | 'time'
  | 'conditional'
  | 'json'
  | 'collection'
  | 'header'
  | 'hash'
  | 'system';

/**
 * One scalar function, declared once: its signature check, its NULL behaviour and its implementation
 * side by side. The binder calls `resolve` (and reports its errors at the call's position); the
 * runtime calls `prepare` once per call site at plan time, then the returned impl per record.
 */
export interface ScalarFunction {
  /** Canonical upper-case name. */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly category: FunctionCategory;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  /** 'propagate': any NULL argument gives NULL without calling the impl; 'custom': the impl sees NULLs. */
  readonly nulls: 'propagate' | 'custom';
  /** False for NOW(), RAND()… (never constant-folded). */
  readonly deterministic: boolean;
  /** One line for SHOW FUNCTIONS and docs: `ROUND(x[, d]) → same type: half away from zero`. */
  readonly description: string;
  /** Checks argument types and picks the result type; throws VeloError(TYPE_MISMATCH) with a message naming the function and argument. */
  resolve(argTypes: readonly SqlType[]): ResolvedSignature;
  /**
   * Optional: for functions whose result type depends on literal arguments (STRUCT's field names).
   * When present the binder calls it instead of `resolve`; `constants[i]` is argument i's literal value or undefined.
   */
  resolveWithConstants?(argTypes: readonly SqlType[], constants: readonly (SqlValue | undefined)[]): ResolvedSignature;
  /**
   * Builds the per-record implementation. `constants[i]` is the value of argument i when it is a literal
   * (so regexes, LIKE patterns, formats and units are compiled once), else undefined.
   */
  prepare(constants: readonly (SqlValue | undefined)[], argTypes: readonly SqlType[]): ScalarImpl;
}

/** Looks functions up by name or alias, any case. */
export interface FunctionCatalog {
  lookup(name: string): ScalarFunction | undefined;
  /** All canonical names, sorted. */
  names(): readonly string[];
  /** Up to three known names close to `name`, for "did you mean". */
  suggest(name: string): readonly string[];
}
