/** Builds WINDOW clause nodes from their parsed arguments and checks their shape (§5). */
import type { ColumnRef, DurationExpr, Span, WindowClause } from '../ast.js';
import { node, list } from './spans.js';

export type WindowArg = ColumnRef | DurationExpr;
export type WindowKeyword = 'TUMBLING' | 'SLIDING' | 'HOPPING' | 'SESSION';

/** Milliseconds of a window duration: a bare number means seconds. */
export function durationMs(d: DurationExpr): number {
  return d.kind === 'NumberLiteral' ? Number(d.text) * 1000 : d.ms;
}

const USAGE: Readonly<Record<WindowKeyword, string>> = {
  TUMBLING: 'TUMBLING([time_column,] size)',
  SLIDING: 'SLIDING([time_column,] size, advance)',
  HOPPING: 'HOPPING([time_column,] size, advance)',
  SESSION: 'SESSION([time_column,] gap[, partition_column, …])',
};

const isColumn = (a: WindowArg | undefined): a is ColumnRef => a?.kind === 'ColumnRef';
const isDuration = (a: WindowArg | undefined): a is DurationExpr => a !== undefined && a.kind !== 'ColumnRef';

/** The window node, or an error message saying which form was expected. */
export function buildWindow(keyword: WindowKeyword, args: readonly WindowArg[], span: Span): WindowClause | string {
  const timeColumn = isColumn(args[0]) ? args[0] : undefined;
  const rest = timeColumn ? args.slice(1) : args;
  const usage = `expected ${USAGE[keyword]}`;
  switch (keyword) {
    case 'TUMBLING': {
      const size = rest[0];
      if (rest.length !== 1 || !isDuration(size)) return usage;
      return node<WindowClause>({ kind: 'TumblingWindow', span, timeColumn, size, sizeMs: durationMs(size) });
    }
    case 'SLIDING':
    case 'HOPPING': {
      const [size, advance] = rest;
      if (rest.length !== 2 || !isDuration(size) || !isDuration(advance)) return usage;
      return node<WindowClause>({ kind: 'SlidingWindow', span, keyword, timeColumn, size, sizeMs: durationMs(size), advance, advanceMs: durationMs(advance) });
    }
    case 'SESSION': {
      const [gap, ...partitions] = rest;
      if (!isDuration(gap) || !partitions.every(isColumn)) return usage;
      return node<WindowClause>({ kind: 'SessionWindow', span, timeColumn, gap, gapMs: durationMs(gap), partitionColumns: list(partitions.filter(isColumn)) });
    }
  }
}
