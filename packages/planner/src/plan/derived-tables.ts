import type { Select } from '@velots/sql-parser';
import type { InputBinding } from './job-plan.js';
import type { PlannedQuery } from './union-planner.js';

/**
 * The input binding of a derived table `(SELECT …) alias`, whose job writes the in-process `stream`.
 * In FROM it is read as a stream; in a JOIN it is a table collected whole (every row it produced, duplicates
 * included) before the outer query's stream starts.
 */
export function derivedTableInput(stream: string, alias: string, planned: PlannedQuery, role: 'stream' | 'table'): InputBinding {
  return {
    name: stream,
    alias,
    origin: 'stream',
    role,
    keyColumns: [],
    keepsEveryRow: role === 'table',
    connector: undefined,
    schema: planned.plan.schema,
    sourceId: undefined,
  };
}

/**
 * A derived table joined as a TABLE is read whole before it is used, so an aggregate without a window
 * emits its final rows once (EMIT FINAL) instead of a changelog: the joined rows are the query's result.
 */
export function finalRows(select: Select): Select {
  return select.emit === undefined && select.window === undefined ? { ...select, emit: 'FINAL' } : select;
}
