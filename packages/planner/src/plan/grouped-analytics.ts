import { ErrorCodes } from '@velots/core';
import type { FunctionCall, Select } from '@velots/sql-parser';
import { visitExpression } from '../bind/aggregate-binder.js';
import { errorAt, type PlanningSource } from '../errors.js';

/** The first `f(…) OVER (…)` call of the select list, if any. */
export function firstOverCall(select: Select): FunctionCall | undefined {
  let found: FunctionCall | undefined;
  for (const item of select.items) {
    if (item.kind !== 'SelectExprItem') continue;
    visitExpression(item.expr, (node) => {
      if (!found && node.kind === 'FunctionCall' && node.over) found = node;
    });
  }
  return found;
}

/**
 * A GROUP BY query whose select list has window functions (`RANK() OVER (ORDER BY SUM(x) DESC)`) computes them over
 * its final groups, as SQL does: the aggregate emits each group once (EMIT FINAL) and the window functions run
 * over those rows. Over a changelog (EMIT CHANGES) or per time window they would rank stale versions of a group.
 */
export function finalGroupsForOver(select: Select, over: FunctionCall, source: PlanningSource): Select {
  if (select.window || select.emit === 'CHANGES') {
    throw errorAt(
      ErrorCodes.NOT_SUPPORTED,
      `${over.upperName}(…) OVER (…) in a GROUP BY query is computed over its final groups, so it cannot be combined with ${select.window ? 'a WINDOW clause' : 'EMIT CHANGES'}; compute it in an outer query over the grouped one (FROM (SELECT … GROUP BY …) g)`,
      over.span,
      source,
    );
  }
  return select.emit === 'FINAL' ? select : { ...select, emit: 'FINAL' };
}
