import { isVeloError, type TextPosition } from '@velots/core';

/** An error answered with an HTTP status and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly position?: TextPosition | undefined,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The body of every error response. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly position?: { readonly line: number; readonly column: number; readonly offset: number } | undefined;
}

/** Codes of errors in what the client sent (bad SQL, bad config): 400. */
const CLIENT_CODES = new Set(['SQL_SYNTAX', 'SQL_BIND', 'TYPE_MISMATCH', 'UNKNOWN_FUNCTION', 'CONFIG', 'NOT_SUPPORTED', 'INVALID_ARGUMENT', 'CAST_FAILED', 'PATH_OUTSIDE_ROOT']);

/** Status and body of any error a handler threw. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    return { status: error.status, body: { code: error.code, message: error.message, ...positionOf(error.position) } };
  }
  if (isVeloError(error)) {
    const status = error.code === 'PATH_OUTSIDE_ROOT' ? 403 : CLIENT_CODES.has(error.code) ? 400 : 500;
    return { status, body: { code: error.code, message: error.message, ...positionOf(error.position) } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
}

function positionOf(position: TextPosition | undefined): { position?: ErrorBody['position'] } {
  return position ? { position: { line: position.line, column: position.column, offset: position.offset } } : {};
}
