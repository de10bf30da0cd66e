import { ErrorCodes, sqlTypeEquals } from '@velots/core';
import type { Span } from '@velots/sql-parser';
import { errorAt, withPosition, type PlanningSource } from '../errors.js';
import type { FunctionCatalog } from '../functions/function-def.js';
import type { BoundExpr } from './bound-expr.js';
import { coerceTo } from './coercion.js';

/** Aggregate and analytic function names (dialect §7, §9): they need GROUP BY, WINDOW or OVER. */
const AGGREGATE_NAMES = new Set([
  'COUNT', 'COUNT_DISTINCT', 'APPROX_COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX', 'STDDEV', 'STDDEV_SAMP',
  'STDDEV_POP', 'VARIANCE', 'VAR_SAMP', 'VAR_POP', 'MEDIAN', 'FIRST_VALUE', 'FIRST', 'LAST_VALUE', 'LAST',
  'STRING_AGG', 'GROUP_CONCAT', 'LISTAGG', 'COLLECT', 'DELTA', 'PERCENTILE_CONT', 'PERCENTILE_DISC', 'CORR',
  'COVAR_POP', 'COVAR_SAMP', 'REGR_SLOPE', 'REGR_INTERCEPT', 'REGR_R2', 'LAG', 'LEAD', 'ROW_NUMBER', 'RANK',
  'DENSE_RANK', 'PERCENT_RANK', 'CUME_DIST', 'NTILE', 'NTH_VALUE',
]);

/** True for aggregate and analytic function names. */
export function isAggregateName(upperName: string): boolean {
  return AGGREGATE_NAMES.has(upperName);
}

/**
 * Binds a scalar function call: looks the name up (UNKNOWN_FUNCTION with suggestions), checks the
 * argument count, lets the function pick its signature, and casts arguments to the types it asked for.
 */
export function bindFunctionCall(
  catalog: FunctionCatalog,
  name: string,
  written: string,
  args: readonly BoundExpr[],
  span: Span,
  source: PlanningSource,
): BoundExpr {
  const fn = catalog.lookup(name);
  if (!fn) {
    const suggestions = catalog.suggest(name);
    const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : '';
    throw errorAt(ErrorCodes.UNKNOWN_FUNCTION, `Unknown function: '${written}'${hint}`, span, source);
  }
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    const expected =
      fn.minArgs === fn.maxArgs
        ? `${fn.minArgs}`
        : fn.maxArgs === Infinity
          ? `at least ${fn.minArgs}`
          : `${fn.minArgs} to ${fn.maxArgs}`;
    throw errorAt(
      ErrorCodes.TYPE_MISMATCH,
      `${fn.name} takes ${expected} argument${expected === '1' ? '' : 's'}, got ${args.length}`,
      span,
      source,
    );
  }
  return withPosition(
    span,
    source,
    () => {
      const types = args.map((a) => a.type);
      const constants = args.map((a) => (a.kind === 'Literal' ? a.value : undefined));
      const signature = fn.resolveWithConstants?.(types, constants) ?? fn.resolve(types);
      const castArgs = args.map((arg, i) => {
        const target = signature.argTypes[i];
        return target === undefined || sqlTypeEquals(arg.type, target) ? arg : coerceTo(arg, target);
      });
      return { kind: 'Call', type: signature.result, fn, args: castArgs } satisfies BoundExpr;
    },
    ErrorCodes.TYPE_MISMATCH,
  );
}
