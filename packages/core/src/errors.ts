/** A place in a source text: what every positioned error points at. Lines and columns are 1-based, offsets 0-based. */
export interface TextPosition {
  readonly file?: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  /** Offset just past the offending text, when known (for carets wider than one character). */
  readonly endOffset?: number | undefined;
}

/** Where a bad record came from: a data file line, a Kafka offset, a field. */
export interface RecordLocation {
  readonly source?: string | undefined;
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly byteOffset?: number | undefined;
  readonly topic?: string | undefined;
  readonly partition?: number | undefined;
  readonly offset?: number | undefined;
  readonly field?: string | undefined;
  /** The sink a record could not be written to (a dead-lettered output row). */
  readonly sink?: string | undefined;
}

/**
 * Stable error codes. Programs match on these; messages are for people and may change.
 * Packages add their own codes as plain strings; these are the ones every layer shares.
 */
export const ErrorCodes = {
  INTERNAL: 'INTERNAL',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  SQL_SYNTAX: 'SQL_SYNTAX',
  SQL_BIND: 'SQL_BIND',
  TYPE_MISMATCH: 'TYPE_MISMATCH',
  UNKNOWN_FUNCTION: 'UNKNOWN_FUNCTION',
  CONFIG: 'CONFIG',
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  DECIMAL_PARSE: 'DECIMAL_PARSE',
  DIVISION_BY_ZERO: 'DIVISION_BY_ZERO',
  NUMERIC_OVERFLOW: 'NUMERIC_OVERFLOW',
  CAST_FAILED: 'CAST_FAILED',
  SERDE_DECODE: 'SERDE_DECODE',
  SERDE_ENCODE: 'SERDE_ENCODE',
  RECORD_MALFORMED: 'RECORD_MALFORMED',
  /** A NOT NULL column whose field is missing or null in a record. */
  NULL_NOT_ALLOWED: 'NULL_NOT_ALLOWED',
  SOURCE_READ: 'SOURCE_READ',
  SINK_WRITE: 'SINK_WRITE',
  STATE_STORE: 'STATE_STORE',
  CHECKPOINT: 'CHECKPOINT',
  JOB_FAILED: 'JOB_FAILED',
  TIMEOUT: 'TIMEOUT',
} as const;

export type KnownErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
/** A known code, or a package-specific one; `(string & {})` keeps editor completion for the known ones. */
export type ErrorCode = KnownErrorCode | (string & {});

export interface VeloErrorOptions {
  readonly position?: TextPosition | undefined;
  readonly location?: RecordLocation | undefined;
  readonly cause?: unknown;
  readonly retryable?: boolean | undefined;
  /** Extra structured facts (expected tokens, the offending input…), for tools. */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** The one error type of Velo TS: a stable code, a message that names the place, and optionally a cause. */
export class VeloError extends Error {
  readonly code: ErrorCode;
  readonly position: TextPosition | undefined;
  readonly location: RecordLocation | undefined;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: VeloErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VeloError';
    this.code = code;
    this.position = options.position;
    this.location = options.location;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  /** `file:line:col: message` (or just the message when unpositioned); with the source text, adds the line and a caret. */
  format(sourceText?: string): string {
    return formatError(this, sourceText);
  }

  /** A plain object for JSON output (CLI `--json`, REST responses). */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.position ? { position: this.position } : {}),
      ...(this.location ? { location: this.location } : {}),
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** True when `value` is a VeloError (also across package copies, by shape). */
export function isVeloError(value: unknown): value is VeloError {
  return (
    value instanceof VeloError ||
    (value instanceof Error && value.name === 'VeloError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** True when `value` is a VeloError with the given code. */
export function hasErrorCode(value: unknown, code: ErrorCode): value is VeloError {
  return isVeloError(value) && value.code === code;
}

/** Wraps anything thrown into a VeloError with `code`, keeping VeloErrors as they are. */
export function toVeloError(value: unknown, code: ErrorCode = ErrorCodes.INTERNAL, context?: string): VeloError {
  if (isVeloError(value)) return value;
  const text = value instanceof Error ? value.message : String(value);
  return new VeloError(code, context ? `${context}: ${text}` : text, { cause: value });
}

/** Computes a 1-based line and column for a 0-based offset in `text`. */
export function positionAt(text: string, offset: number, file?: string): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file, line, column: clamped - lineStart + 1, offset: clamped };
}

/** Text for a location: `file:line:col`, `topic[partition]@offset`, plus the field. */
export function describeLocation(location: RecordLocation): string {
  const parts: string[] = [];
  if (location.sink !== undefined) parts.push(`sink '${location.sink}'`);
  const where = location.file ?? location.source;
  if (where !== undefined) {
    let text = where;
    if (location.line !== undefined) text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
    parts.push(text);
  } else if (location.line !== undefined) {
    parts.push(location.column === undefined ? `line ${location.line}` : `line ${location.line}, column ${location.column}`);
  }
  if (location.topic !== undefined) {
    parts.push(`${location.topic}[${location.partition ?? 0}]@${location.offset ?? '?'}`);
  } else if (location.offset !== undefined) {
    parts.push(`record ${location.offset}`);
  }
  if (location.byteOffset !== undefined) parts.push(`byte ${location.byteOffset}`);
  if (location.field !== undefined) parts.push(`field '${location.field}'`);
  return parts.join(', ');
}

const MAX_EXCERPT = 160;

/**
 * Formats an error for people: `file:line:col: message`, then, when the source text is given,
 * the offending line and a caret under the position (long lines are cut around the caret).
 */
export function formatError(error: VeloError, sourceText?: string): string {
  const pos = error.position;
  if (!pos) {
    const where = error.location ? describeLocation(error.location) : '';
    return where ? `${where}: ${error.message}` : error.message;
  }
  const head = `${pos.file ?? '<input>'}:${pos.line}:${pos.column}: ${error.message}`;
  if (sourceText === undefined) return head;
  const lineStart = pos.offset - (pos.column - 1);
  if (lineStart < 0 || lineStart > sourceText.length) return head;
  let lineEnd = sourceText.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = sourceText.length;
  let line = sourceText.slice(lineStart, lineEnd).replace(/\r$/, '');
  let caretColumn = pos.column - 1;
  if (line.length > MAX_EXCERPT) {
    const from = Math.max(0, Math.min(caretColumn - MAX_EXCERPT / 2, line.length - MAX_EXCERPT));
    line = line.slice(from, from + MAX_EXCERPT);
    caretColumn -= from;
  }
  const width = Math.max(1, Math.min((pos.endOffset ?? pos.offset + 1) - pos.offset, line.length - caretColumn));
  const indent = line.slice(0, caretColumn).replace(/[^\t]/g, ' ');
  return `${head}\n${line}\n${indent}${'^'.repeat(width)}`;
}
