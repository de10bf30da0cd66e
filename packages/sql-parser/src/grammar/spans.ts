/** Spans from chevrotain tokens, and frozen node construction. */
import type { IToken } from 'chevrotain';
import type { Span } from '../ast.js';

/** The span from the start of `start` to the end of `end` (end exclusive). */
export function spanOf(start: IToken, end: IToken = start): Span {
  const last = end.startOffset >= start.startOffset ? end : start;
  return Object.freeze({
    offset: start.startOffset,
    line: start.startLine ?? 1,
    column: start.startColumn ?? 1,
    endOffset: (last.endOffset ?? last.startOffset) + 1,
    endLine: last.endLine ?? last.startLine ?? 1,
    endColumn: (last.endColumn ?? last.startColumn ?? 0) + 1,
  });
}

/** A span covering both spans. */
export function joinSpans(a: Span, b: Span): Span {
  return Object.freeze({
    offset: a.offset,
    line: a.line,
    column: a.column,
    endOffset: b.endOffset,
    endLine: b.endLine,
    endColumn: b.endColumn,
  });
}

/** Freezes a node: every AST node is immutable. */
export function node<T extends object>(value: T): T {
  return Object.freeze(value);
}

/** A frozen copy of a list. */
export function list<T>(items: readonly T[]): readonly T[] {
  return Object.freeze([...items]);
}
