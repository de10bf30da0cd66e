import { ErrorCodes, VeloError, type Clock, type Row } from '@velots/core';
import type { PhysicalNode } from '@velots/planner';
import { AnalyticOperator } from '../analytics/analytic-operator.js';
import { RowNumberTopNOperator } from '../analytics/row-number-top-n-operator.js';
import { IntervalJoinOperator } from '../joins/interval-join-operator.js';
import { LookupJoinOperator } from '../joins/lookup-join-operator.js';
import { SubqueryLookupOperator } from '../joins/subquery-lookup-operator.js';
import type { LoadedTable } from '../joins/table-state.js';
import { DistinctOperator } from '../operators/distinct-operator.js';
import { FilterProjectOperator } from '../operators/filter-project-operator.js';
import { LimitOperator } from '../operators/limit-operator.js';
import type { Operator } from '../operators/operator.js';
import { SortOperator } from '../operators/sort-operator.js';
import { SessionWindowAggregateOperator } from '../windows/session-window-aggregate-operator.js';
import { UpdatingAggregateOperator } from '../windows/updating-aggregate-operator.js';
import { WindowAggregateOperator } from '../windows/window-aggregate-operator.js';

/** Builds the operator chain of a physical plan, leaf first. */
export function buildOperators(
  node: PhysicalNode,
  clock: Clock,
  bounded: boolean,
  tables: ReadonlyMap<string, LoadedTable> = new Map(),
  subqueryRows: ReadonlyMap<string, readonly Row[]> = new Map(),
  inputCount = 1,
): Operator[] {
  const below = (input: PhysicalNode): Operator[] => buildOperators(input, clock, bounded, tables, subqueryRows, inputCount);
  switch (node.kind) {
    case 'Scan':
      return [];
    case 'FilterProject':
      return [...below(node.input), new FilterProjectOperator(node, clock)];
    case 'Aggregate': {
      const aggregate = !node.window
        ? new UpdatingAggregateOperator(node, clock)
        : node.window.kind === 'session'
          ? new SessionWindowAggregateOperator(node, clock, inputCount)
          : new WindowAggregateOperator(node, clock, inputCount);
      return [...below(node.input), aggregate];
    }
    case 'LookupJoin': {
      const table = tables.get(node.table);
      if (!table) throw new VeloError(ErrorCodes.INTERNAL, `table '${node.table}' was not loaded before its join`);
      return [...below(node.input), new LookupJoinOperator(node, table, clock)];
    }
    case 'IntervalJoin':
      return [...below(node.input), new IntervalJoinOperator(node, clock)];
    case 'SubqueryLookup': {
      const rows = subqueryRows.get(node.stream);
      if (!rows) throw new VeloError(ErrorCodes.INTERNAL, `the rows of subquery ${node.stream} were not collected before its lookup`);
      return [...below(node.input), new SubqueryLookupOperator(node, rows, clock)];
    }
    case 'Analytic':
      return [...below(node.input), node.rowNumberLimit === undefined ? new AnalyticOperator(node, clock, bounded) : new RowNumberTopNOperator(node, clock, bounded)];
    case 'Distinct':
      return [...below(node.input), new DistinctOperator()];
    case 'Sort':
      return [...below(node.input), new SortOperator(node, bounded, clock)];
    case 'Limit':
      return [...below(node.input), new LimitOperator(node.count, node.offset ?? 0)];
  }
}
