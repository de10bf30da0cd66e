/** Builds WINDOW clause nodes from their parsed arguments and checks their shape (§5). */
import type { DurationExpr, Expression, Span, WindowClause } from '../ast.js';
import { node, list } from './spans.js';

export type WindowKeyword = 'TUMBLING' | 'SLIDING' | 'HOPPING' | 'SESSION';

/** Milliseconds of a window duration: a bare number means seconds. */
export function durationMs(d: DurationExpr): number {
  return d.kind === 'NumberLiteral' ? Number(d.text) * 1000 : d.ms;
}

const USAGE: Readonly<Record<WindowKeyword, string>> = {
  TUMBLING: 'TUMBLING([time,] size)',
  SLIDING: 'SLIDING([time,] size, advance)',
  HOPPING: 'HOPPING([time,] size, advance)',
  SESSION: 'SESSION([time,] gap[, partition, …])',
};

/** A duration where one is expected: `1m`, `INTERVAL '1' MINUTE`, or a bare number of seconds. */
const isDuration = (a: Expression | undefined): a is DurationExpr =>
  a !== undefined && (a.kind === 'DurationLiteral' || a.kind === 'IntervalLiteral' || a.kind === 'NumberLiteral');

/**
 * The window node, or an error message saying which form was expected. The first argument is the
 * time (a column or an expression) unless it is a duration; SESSION's arguments after the gap are its partitions.
 */
export function buildWindow(keyword: WindowKeyword, args: readonly Expression[], span: Span): WindowClause | string {
  const timeColumn = args[0] !== undefined && !isDuration(args[0]) ? args[0] : undefined;
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
      if (!isDuration(gap)) return usage;
      return node<WindowClause>({ kind: 'SessionWindow', span, timeColumn, gap, gapMs: durationMs(gap), partitionColumns: list(partitions) });
    }
  }
}
