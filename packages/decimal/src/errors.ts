import { ErrorCodes, VeloError } from '@velots/core';

const MAX_SHOWN_INPUT = 80;

/** Shortens user input for a message so a megabyte of garbage does not end up in a log line. */
export function shown(input: string): string {
  return input.length > MAX_SHOWN_INPUT ? `${input.slice(0, MAX_SHOWN_INPUT)}…` : input;
}

/** DECIMAL_PARSE: `input` is not decimal text; `reason` says what was expected where. */
export function decimalParseError(input: string, reason: string): VeloError {
  return new VeloError(ErrorCodes.DECIMAL_PARSE, `invalid DECIMAL text '${shown(input)}': ${reason}`, {
    details: { input },
  });
}

/** NUMERIC_OVERFLOW: a result does not fit the precision (or scale) it must have. */
export function numericOverflow(message: string, details?: Readonly<Record<string, unknown>>): VeloError {
  return new VeloError(ErrorCodes.NUMERIC_OVERFLOW, message, details === undefined ? {} : { details });
}

/** DIVISION_BY_ZERO, naming the operation (`DECIMAL division`, `DECIMAL modulo`). */
export function divisionByZero(operation: string): VeloError {
  return new VeloError(ErrorCodes.DIVISION_BY_ZERO, `${operation} by zero`);
}

/** INVALID_ARGUMENT: a programming error in how the API was called (a bad scale, a fractional integer). */
export function invalidArgument(message: string): VeloError {
  return new VeloError(ErrorCodes.INVALID_ARGUMENT, message);
}
