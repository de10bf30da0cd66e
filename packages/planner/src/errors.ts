import { ErrorCodes, VeloError, type ErrorCode } from '@velots/core';
import type { Span } from '@velots/sql-parser';

/** Planner-specific error codes, on top of core's shared ones. */
export const PlannerErrorCodes = {
  SQL_BIND: ErrorCodes.SQL_BIND,
  TYPE_MISMATCH: ErrorCodes.TYPE_MISMATCH,
  UNKNOWN_FUNCTION: ErrorCodes.UNKNOWN_FUNCTION,
  CONFIG: ErrorCodes.CONFIG,
  NOT_SUPPORTED: ErrorCodes.NOT_SUPPORTED,
} as const;

/** Where the planner is working: the file name, for positions. */
export interface PlanningSource {
  readonly file?: string | undefined;
}

/** A planner error positioned at an AST node's span. */
export function errorAt(code: ErrorCode, message: string, span: Span | undefined, source: PlanningSource, cause?: unknown): VeloError {
  return new VeloError(code, message, {
    position: span
      ? { file: source.file, line: span.line, column: span.column, offset: span.offset, endOffset: span.endOffset }
      : undefined,
    cause,
  });
}

/** Levenshtein distance, for did-you-mean suggestions on names. */
export function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/** The closest candidates to `name` (case-insensitive), at most three, close enough to be a typo. */
export function closestNames(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  const scored: { name: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 3))) scored.push({ name: candidate, distance });
  }
  return scored
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, 3)
    .map((s) => s.name);
}

/** ` (did you mean 'a' or 'b'?)`, or nothing. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const close = closestNames(name, candidates);
  if (close.length === 0) return '';
  const quoted = close.map((c) => `'${c}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` (did you mean ${list}?)`;
}

/**
 * Runs `fn`, giving any coded error it throws without a position this span (errors that have one pass
 * through). An error without a code becomes a `fallbackCode` error at the span, or passes through unchanged.
 */
export function withPosition<T>(span: Span, source: PlanningSource, fn: () => T, fallbackCode?: ErrorCode): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && 'code' in error) {
      if ((error as { position?: unknown }).position) throw error;
      throw errorAt((error as { code: string }).code, error.message, span, source, error);
    }
    if (fallbackCode === undefined) throw error;
    throw errorAt(fallbackCode, error instanceof Error ? error.message : String(error), span, source, error);
  }
}
