import type { SqlType, SqlValue } from '@velots/core';
import { compileCast } from '../values/cast.js';
import type { EvalContext, ScalarFunction } from './function-def.js';

/** An EvalContext for evaluation outside a record (constant folding, tests): no headers, times given. */
export function standaloneContext(now = 0, recordTimestamp = now): EvalContext {
  return { now, recordTimestamp, headers: undefined, outputHeaders: undefined };
}

/**
 * Evaluates one call the way the compiled plan does: resolve, cast each argument to its resolved type,
 * return NULL for a NULL argument when the function propagates NULLs, then run the prepared body.
 * Every argument is treated as a constant, so this also serves constant folding.
 */
export function invokeScalar(
  fn: ScalarFunction,
  argTypes: readonly SqlType[],
  args: readonly SqlValue[],
  ctx: EvalContext = standaloneContext(),
): SqlValue {
  const signature = fn.resolve(argTypes);
  const cast = args.map((v, i) => compileCast(argTypes[i] as SqlType, signature.argTypes[i] as SqlType)(v));
  if (fn.nulls === 'propagate' && cast.some((v) => v === null)) return null;
  return fn.prepare(cast, signature.argTypes)(ctx, cast);
}
